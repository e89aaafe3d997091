"""Personal calendar links: one active secret token per user, revocable."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from council.history import attribute, save_attributed
from meetings.models import CalendarToken


def _revoke(tokens: QuerySet[CalendarToken], *, actor: Any, reason: str) -> int:
    """Revoke the active ones of `tokens`; returns how many there were."""
    revoked = 0
    for token in tokens.select_for_update().filter(revoked_at__isnull=True):
        token.revoked_at = timezone.now()
        attribute(token, user=actor, reason=reason)
        token.save(update_fields=["revoked_at"])
        revoked += 1
    return revoked


def _revoke_all(user: Any, *, actor: Any) -> int:
    return _revoke(
        CalendarToken.objects.filter(user=user),
        actor=actor,
        reason=_("Kalenderlänken återkallad"),
    )


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


@transaction.atomic
def calendar_tokens_revoke(*, token_ids: list[int], actor: Any) -> int:
    """Revoke other users' calendar links (an administrator, e.g. when a laptop
    is lost); returns how many were still active."""
    if not actor.has_perm("meetings.change_calendartoken"):
        raise PermissionDenied
    return _revoke(
        CalendarToken.objects.filter(pk__in=token_ids),
        actor=actor,
        reason=_("Kalenderlänken återkallad av administratör"),
    )
