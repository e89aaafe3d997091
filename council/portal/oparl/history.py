"""`created` and `modified`: from the history tables, one aggregated query per
model, and the list filters (OParl 1.1, 2.5 "Filter") over the same dates.

An object's `modified` is the last change of anything its JSON shows (OParl 1.1,
3.1 `modified`: "bei jeder Änderung"; 2.8: a deleted embedded Membership or
AgendaItem changes the object it was embedded in). So a Meeting is modified by a
change of any of its agenda items that the public has seen (and by their
deletion) and by its protokoll's publication (its state and resultsProtocol),
and a Person by a change of any of their memberships: `PARTS`, read as
subqueries of the same one aggregated query.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Max, Min, Model, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from council.models import Membership, Person
from meetings.models import AgendaItem, Meeting, Protocol

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


@dataclass(frozen=True)
class Part:
    """What an object shows of other rows: `model`'s rows whose `column` names
    it; `shown` picks the history rows of them that count (what the public saw)."""

    model: type[Model]
    column: str
    shown: Callable[[], Q] = Q


def _items_shown() -> Q:
    """Changes of agenda items the public has seen: once public, every change."""
    return Q(id__in=_history(AgendaItem).filter(is_public=True).values("id"))


PARTS: dict[type[Model], tuple[Part, ...]] = {
    Meeting: (
        Part(AgendaItem, "meeting_id", _items_shown),
        Part(Protocol, "meeting_id", lambda: Q(state=Protocol.State.PUBLISHED)),
    ),
    Person: (Part(Membership, "person_id"),),
}


def _last_change(model: type[Model]) -> Max | Greatest:
    """In a query of `model`'s history grouped by id: the last change of the
    row or of what it shows (PARTS)."""
    own = Max("history_date")
    parts = [
        Subquery(
            _history(part.model)
            .filter(part.shown(), **{part.column: OuterRef("id")})
            .values(part.column)
            .annotate(last=Max("history_date"))
            .values("last")[:1]
        )
        for part in PARTS.get(model, ())
    ]
    if not parts:
        return own
    return Greatest(own, *(Coalesce(part, own) for part in parts))


def _dates(model: type[Model]) -> QuerySet:
    """`model`'s history by id, with `created` and `modified`: one query."""
    return (
        _history(model)
        .values("id")
        .annotate(created=Min("history_date"), modified=_last_change(model))
        .order_by()
    )


def attach_dates(objects: Iterable[Model]) -> None:
    """Set oparl_created/oparl_modified from the history: one query per model."""
    by_model: dict[type[Model], list[Model]] = defaultdict(list)
    for obj in objects:
        by_model[type(obj)].append(obj)
    for model, rows in by_model.items():
        dates = {
            row["id"]: (row["created"], row["modified"])
            for row in _dates(model).filter(id__in=[obj.pk for obj in rows])
        }
        for obj in rows:
            obj.oparl_created, obj.oparl_modified = dates.get(obj.pk, (None, None))


def dated_within(rows: QuerySet, window: Window) -> QuerySet:
    """Rows whose first (created) and last (modified) history rows are in the
    window (what they show counted in modified): one semi-join on the aggregated
    history."""
    if not window:
        return rows
    dated = (
        _dates(rows.model)
        .filter(window.q(created="created", modified="modified"))
        .values("id")
    )
    return rows.filter(pk__in=dated)


def model_span(model: type[Model]) -> tuple[datetime.datetime, datetime.datetime]:
    """The first and the last history row of any row of `model` (now if none)."""
    span = _history(model).aggregate(
        first=Min("history_date"), last=Max("history_date")
    )
    now = timezone.now()
    return span["first"] or now, span["last"] or now
