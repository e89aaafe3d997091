"""Attributing history rows to a user and a reason.

Every record with legal or editorial weight keeps django-simple-history rows.
Services call `attribute()` before saving so each row says who and why.
"""

from __future__ import annotations

from typing import Any

from django.db import models


def attribute(obj: models.Model, *, user: Any | None, reason: str) -> models.Model:
    """Mark the next save of `obj` as done by `user` for `reason`."""
    if user is not None and getattr(user, "is_authenticated", False):
        obj._history_user = user  # type: ignore[attr-defined]
    obj._change_reason = reason  # type: ignore[attr-defined]
    return obj
