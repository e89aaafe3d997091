"""What every loader shares: records created only when missing, attributed."""

from __future__ import annotations

import datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models

from council.history import save_attributed

REASON = "Demodata från källdokumenten"
TZ = ZoneInfo(settings.TIME_ZONE)

M = TypeVar("M", bound=models.Model)


def ensure(
    model: type[M], *, defaults: dict[str, Any] | None = None, **lookup: Any
) -> M:
    """Return the record matching `lookup`, creating it (attributed) if missing."""
    existing = model._default_manager.filter(**lookup).first()
    if existing is not None:
        return existing
    obj = model(**lookup, **(defaults or {}))
    save_attributed(obj, user=None, reason=REASON)
    obj._demo_created = True  # type: ignore[attr-defined]
    return obj


def was_created(obj: models.Model) -> bool:
    return getattr(obj, "_demo_created", False)


def local(value: str) -> datetime.datetime:
    return datetime.datetime.strptime(value, "%Y-%m-%d %H:%M").replace(tzinfo=TZ)


def day(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)
