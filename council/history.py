"""Attributing history rows to a user and a reason.

Every record with legal or editorial weight keeps django-simple-history rows.
Services call `attribute()` before saving so each row says who and why.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models


def attribute(obj: models.Model, *, user: Any | None, reason: str) -> models.Model:
    """Mark the next save of `obj` as done by `user` for `reason`."""
    if user is not None and getattr(user, "is_authenticated", False):
        obj._history_user = user  # type: ignore[attr-defined]
    obj._change_reason = reason  # type: ignore[attr-defined]
    return obj


def renumber(rows: Iterable[models.Model], *, user: Any | None, reason: str) -> None:
    """Give `rows`, in the order given, the orders 1, 2, 3 …, saving those that move.

    Ascending, each row only moves down into a number already freed, so a unique
    order constraint holds at every step. Each move is attributed like a save.
    """
    for order, row in enumerate(rows, start=1):
        if row.order != order:
            row.order = order
            attribute(row, user=user, reason=reason)
            row.save(update_fields=["order"])
