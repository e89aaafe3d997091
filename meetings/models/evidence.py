"""Justeringsbevis: the passkey assertions with which a protokoll was sent for
justering and justerat. Append-only: the database refuses to change or remove
a row (migration 0009)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from council.models import Person
from meetings.models.protocol import Justering, Protocol


class JusteringEvidence(models.Model):
    """One signer's WebAuthn assertion over the SHA-256 of the text they approved.

    The challenge the authenticator signed is SHA-256(bytes of `content_sha256`
    || `nonce`); with the public key kept here anyone can check it again.
    """

    protocol = models.ForeignKey(
        Protocol,
        verbose_name=_("protokoll"),
        on_delete=models.PROTECT,
        related_name="evidence",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("roll"), max_length=15, choices=Justering.Role.choices)
    content_sha256 = models.CharField(_("justerad text, SHA-256"), max_length=64)
    nonce = models.BinaryField(_("serverns nonce"))
    credential_id = models.BinaryField(_("nyckelns id"))
    authenticator_data = models.BinaryField(_("authenticator data"))
    client_data_json = models.BinaryField(_("client data (JSON)"))
    signature = models.BinaryField(_("underskrift"))
    public_key = models.BinaryField(_("publik nyckel (COSE)"))
    sign_count = models.PositiveBigIntegerField(_("signaturräknare"), default=0)
    rp_id = models.CharField(_("RP-id"), max_length=253)
    origin = models.CharField(_("ursprung"), max_length=300)
    created_at = models.DateTimeField(_("skapat"), auto_now_add=True)

    # Rows are only ever added; the history says who added each and why.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("justeringsbevis")
        verbose_name_plural = _("justeringsbevis")
        ordering = ["protocol", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.person.name}"
