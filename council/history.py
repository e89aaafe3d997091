"""Attributing history rows to a user and a reason.

Every record with legal or editorial weight keeps django-simple-history rows.
Services save such a record with `save_attributed`, so that each row says who
and why and nothing is stored unchecked; `attribute` alone marks a save or a
delete that does not go through `full_clean` (an m2m set, a deletion).
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


def save_attributed(
    obj: models.Model, *, user: Any | None, reason: str
) -> models.Model:
    """Attribute the save to `user` and `reason`, check the record, save it."""
    attribute(obj, user=user, reason=reason)
    obj.full_clean()
    obj.save()
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
