"""Registering, using and removing a user's passkeys, each change attributed."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.history import attribute, save_attributed
from council.passkeys.ceremony import NewCredential
from council.passkeys.models import Passkey
from council.permissions import can_remove_passkey

MAX_PASSKEYS = 20


@transaction.atomic
def passkey_register(*, user: Any, name: str, credential: NewCredential) -> Passkey:
    """Keep a passkey the user has just registered (the ceremony is verified)."""
    if Passkey.objects.filter(user=user).count() >= MAX_PASSKEYS:
        raise ValidationError(
            _("Du har redan %(count)s nycklar. Ta bort en innan du lägger till fler.")
            % {"count": MAX_PASSKEYS}
        )
    if Passkey.objects.filter(credential_id=credential.credential_id).exists():
        raise ValidationError(_("Nyckeln är redan registrerad."))
    passkey = Passkey(
        user=user,
        name=name.strip(),
        credential_id=credential.credential_id,
        public_key=credential.public_key,
        sign_count=credential.sign_count,
    )
    save_attributed(passkey, user=user, reason=_("Nyckel registrerad"))
    return passkey


@transaction.atomic
def passkey_delete(*, passkey_id: int, actor: Any, reason: str = "") -> str:
    """Remove a passkey: the actor's own, or, for an administrator, a lost one of
    anybody's; its name."""
    passkey = Passkey.objects.select_for_update().filter(pk=passkey_id).first()
    if passkey is None or not can_remove_passkey(actor, passkey):
        raise ValidationError(_("Nyckeln finns inte bland dina nycklar."))
    name = passkey.name
    attribute(passkey, user=actor, reason=reason or _("Nyckel borttagen"))
    passkey.delete()
    return name


def passkey_used(*, passkey: Passkey, sign_count: int, actor: Any, reason: str) -> None:
    """Note a verified use: the authenticator's counter and when."""
    passkey.sign_count = sign_count
    passkey.last_used_at = timezone.now()
    attribute(passkey, user=actor, reason=reason)
    passkey.save(update_fields=["sign_count", "last_used_at"])
