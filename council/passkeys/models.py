"""A user's passkeys: the public half of each, as the authenticator gave it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Passkey(models.Model):
    """One registered passkey (a WebAuthn credential) of one user."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        on_delete=models.CASCADE,
        related_name="passkeys",
    )
    name = models.CharField(
        _("namn"),
        max_length=100,
        help_text=_("Så att du känner igen nyckeln, t.ex. ”Telefonen”."),
    )
    credential_id = models.BinaryField(_("nyckelns id"), max_length=1023, unique=True)
    # The credential's public key, COSE-encoded as the authenticator gave it.
    public_key = models.BinaryField(_("publik nyckel (COSE)"))
    sign_count = models.PositiveBigIntegerField(_("signaturräknare"), default=0)
    created_at = models.DateTimeField(_("registrerad"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("senast använd"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nyckel (passkey)")
        verbose_name_plural = _("nycklar (passkeys)")
        ordering = ["user", "created_at", "pk"]

    def __str__(self) -> str:
        return self.name
