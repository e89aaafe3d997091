"""Records with a workflow: one check of their state changes.

A model with a workflow has a `state` field and a `TRANSITIONS` table,
{state: {the states it may go to}} (meetings, protokoll, annual plans). Only the
services move a record, with `move`; the admin shows the state and never changes
it (`council.admin.base.WorkflowAdmin`).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _


def may_move(model: type[models.Model], old: str, new: str) -> bool:
    """Whether `model`'s TRANSITIONS allow `old` → `new` (staying put is no move)."""
    return new in model.TRANSITIONS.get(old, set())  # type: ignore[attr-defined]


def refusal(model: type[models.Model], old: str, new: str) -> str:
    """'Status kan inte ändras från ”Utkast” till ”Publicerat”.'"""
    labels = dict(model._meta.get_field("state").flatchoices)
    return _("Status kan inte ändras från ”%(old)s” till ”%(new)s”.") % {
        "old": labels.get(old, old),
        "new": labels.get(new, new),
    }


def move(obj: Any, target: str, *, message: str | None = None) -> None:
    """Set `obj.state` to `target` if its TRANSITIONS allow it, or raise a
    ValidationError with `message` (or the general refusal)."""
    if not may_move(type(obj), obj.state, target):
        raise ValidationError(message or refusal(type(obj), obj.state, target))
    obj.state = target
