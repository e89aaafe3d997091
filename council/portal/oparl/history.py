"""`created` and `modified` from the history tables: one aggregated query per model."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Max, Min, Model, QuerySet


def _history(model: type[Model]) -> QuerySet:
    return model.history.model.objects.all()


def attach_dates(objects: Iterable[Model]) -> None:
    """Set oparl_created/oparl_modified from the history: one query per model."""
    by_model: dict[type[Model], list[Model]] = defaultdict(list)
    for obj in objects:
        by_model[type(obj)].append(obj)
    for model, rows in by_model.items():
        dates = {
            row["id"]: (row["created"], row["modified"])
            for row in _history(model)
            .filter(id__in=[obj.pk for obj in rows])
            .values("id")
            .annotate(created=Min("history_date"), modified=Max("history_date"))
            .order_by()
        }
        for obj in rows:
            obj.oparl_created, obj.oparl_modified = dates.get(obj.pk, (None, None))


def changed_since(
    rows: QuerySet,
    *,
    modified: datetime.datetime | None,
    created: datetime.datetime | None,
) -> QuerySet:
    """Rows changed (a history row at or after) or created (the first one) since."""
    history = _history(rows.model)
    if modified:
        rows = rows.filter(
            pk__in=history.filter(history_date__gte=modified).values("id")
        )
    if created:
        rows = rows.filter(
            pk__in=history.values("id")
            .annotate(first=Min("history_date"))
            .filter(first__gte=created)
            .values("id")
        )
    return rows
