"""`created` and `modified`: from the history tables, one aggregated query per
model, and the list filters (OParl 1.1, 2.5 "Filter") over the same dates."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Max, Min, Model, Q, QuerySet
from django.utils import timezone

SECOND = datetime.timedelta(seconds=1)


@dataclass(frozen=True)
class Window:
    """The filters of one list request; every one given must hold (they combine
    as "and"). The API writes its times to the second, so an `_until` bound keeps
    whatever it would show as that second; a `_since` bound is taken as given,
    which may keep more but never loses a change a client asked for."""

    created_since: datetime.datetime | None = None
    created_until: datetime.datetime | None = None
    modified_since: datetime.datetime | None = None
    modified_until: datetime.datetime | None = None

    def __bool__(self) -> bool:
        return any(
            (
                self.created_since,
                self.created_until,
                self.modified_since,
                self.modified_until,
            )
        )

    def q(self, *, created: str, modified: str) -> Q:
        """The window over two date-time fields (or annotations) of a row."""
        q = Q()
        if self.created_since:
            q &= Q(**{f"{created}__gte": self.created_since})
        if self.created_until:
            q &= Q(**{f"{created}__lt": _past(self.created_until)})
        if self.modified_since:
            q &= Q(**{f"{modified}__gte": self.modified_since})
        if self.modified_until:
            q &= Q(**{f"{modified}__lt": _past(self.modified_until)})
        return q

    def holds(self, created: datetime.datetime, modified: datetime.datetime) -> bool:
        """The same test in Python, for the objects that are not rows."""
        return (
            (not self.created_since or created >= self.created_since)
            and (not self.created_until or created < _past(self.created_until))
            and (not self.modified_since or modified >= self.modified_since)
            and (not self.modified_until or modified < _past(self.modified_until))
        )


def _past(until: datetime.datetime) -> datetime.datetime:
    """The first instant the API would no longer write as `until` or earlier."""
    return until.replace(microsecond=0) + SECOND


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


def dated_within(rows: QuerySet, window: Window) -> QuerySet:
    """Rows whose first (created) and last (modified) history rows are in the
    window: one semi-join on the aggregated history, no subquery per row."""
    if not window:
        return rows
    dated = (
        _history(rows.model)
        .values("id")
        .annotate(created=Min("history_date"), modified=Max("history_date"))
        .filter(window.q(created="created", modified="modified"))
        .values("id")
        .order_by()
    )
    return rows.filter(pk__in=dated)


def model_span(model: type[Model]) -> tuple[datetime.datetime, datetime.datetime]:
    """The first and the last history row of any row of `model` (now if none)."""
    span = _history(model).aggregate(
        first=Min("history_date"), last=Max("history_date")
    )
    now = timezone.now()
    return span["first"] or now, span["last"] or now
