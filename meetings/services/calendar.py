"""Personal calendar links: one active secret token per user, revocable."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.history import attribute, save_attributed
from meetings.models import CalendarToken


def _revoke_all(user: Any, *, actor: Any) -> int:
    revoked = 0
    for token in CalendarToken.objects.select_for_update().filter(
        user=user, revoked_at__isnull=True
    ):
        token.revoked_at = timezone.now()
        attribute(token, user=actor, reason=_("Kalenderlänken återkallad"))
        token.save(update_fields=["revoked_at"])
        revoked += 1
    return revoked


@transaction.atomic
def calendar_token_create(*, actor: Any) -> CalendarToken:
    """A new personal calendar link; any earlier link stops working."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied
    _revoke_all(actor, actor=actor)
    token = CalendarToken(user=actor)
    save_attributed(token, user=actor, reason=_("Ny kalenderlänk"))
    return token


@transaction.atomic
def calendar_token_revoke(*, actor: Any) -> int:
    """Stop the user's personal calendar link from working."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied
    return _revoke_all(actor, actor=actor)
