"""The signing CA's revocations and the revocation lists (CRLs) it has issued.

A signer certificate the council no longer stands behind is revoked: its serial
number goes on every CRL issued after, published at /pki/ca.crl, so a validator
can tell years later whether the certificate was good when the document was
signed (PAdES B-LT). Kept beside council/models.py, which imports it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# X.509 serial numbers are positive and at most 20 octets (RFC 5280 4.1.2.2): at
# most 49 decimal digits.
SERIAL_MAX_DIGITS = 49


class RevokedCertificate(models.Model):
    """A certificate of the signing CA that is revoked: listed on every CRL."""

    class Reason(models.TextChoices):
        """The CRL reason codes of RFC 5280 5.3.1 that apply to a signer's
        certificate, stored under their RFC names (as `openssl ca` takes them)."""

        UNSPECIFIED = "unspecified", _("Ej angivet")
        KEY_COMPROMISE = "keyCompromise", _("Nyckeln kan ha kommit i orätta händer")
        AFFILIATION_CHANGED = (
            "affiliationChanged",
            _("Uppdraget eller rollen har ändrats"),
        )
        SUPERSEDED = "superseded", _("Ersatt av ett annat certifikat")
        CESSATION_OF_OPERATION = (
            "cessationOfOperation",
            _("Certifikatet behövs inte längre"),
        )
        PRIVILEGE_WITHDRAWN = "privilegeWithdrawn", _("Behörigheten har dragits in")

    serial_number = models.CharField(
        _("serienummer"),
        max_length=SERIAL_MAX_DIGITS,
        unique=True,
        validators=[
            RegexValidator(
                r"^[1-9][0-9]*\Z",
                _("Serienumret skrivs som ett positivt heltal i decimalform."),
            )
        ],
        help_text=_("Certifikatets serienummer i decimalform."),
    )
    revoked_at = models.DateTimeField(_("återkallat"), default=timezone.now)
    reason = models.CharField(
        _("skäl"), max_length=30, choices=Reason, default=Reason.UNSPECIFIED
    )
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("återkallat av"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("anteckning"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("återkallat certifikat")
        verbose_name_plural = _("återkallade certifikat")
        ordering = ["-revoked_at"]

    def __str__(self) -> str:
        return self.serial_number


class RevocationList(models.Model):
    """A CRL as the signing CA issued it: numbered, signed and never changed."""

    number = models.PositiveIntegerField(_("nummer"), unique=True)
    this_update = models.DateTimeField(_("utfärdad"))
    next_update = models.DateTimeField(_("nästa uppdatering"))
    # The key identifier of the CA that signed it, in hex: a CRL of another CA
    # (after the CA was replaced) is never served as the current one.
    authority_key_id = models.CharField(_("CA:ts nyckel-id"), max_length=128)
    der = models.BinaryField(_("CRL (DER)"))
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("spärrlista (CRL)")
        verbose_name_plural = _("spärrlistor (CRL)")
        ordering = ["-number"]
        get_latest_by = "number"
        constraints = [
            models.CheckConstraint(
                condition=Q(next_update__gt=F("this_update")),
                name="revocationlist_next_after_this_update",
            ),
        ]

    def __str__(self) -> str:
        return str(_("CRL nr %(number)d") % {"number": self.number})
