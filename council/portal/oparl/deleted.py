"""Deleted objects (OParl 1.1, 2.8 "Gelöschte Objekte"): a row that is gone, or
that the public may no longer see, still answers at its URL, with `deleted`
true and only `id`, `type`, `created` and `modified` (the moment of the last
history row: the deletion, or the last change of a row still kept). A list
holds them only when asked with `modified_since` (2.5 "Filter").

Depublished objects are deleted objects to the API (the spec's text after
1.1.1, "Depublizierung von Objekten"). Only a row whose history shows that it
once was public answers so (`was_public`, a test on its history rows); any
other id stays a 404, so the API tells nothing of what never was public.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, Min, Model, Q, QuerySet, Value

from council.portal.oparl.api import OPARL, Api, iso
from council.portal.oparl.history import Window


@dataclass(frozen=True)
class Deleted:
    """A deleted object: its key in its URL and its two dates."""

    key: str
    created: datetime.datetime
    modified: datetime.datetime


@dataclass(frozen=True)
class Tombstones:
    """The deleted objects of one OParl type: rows of `model` whose history
    passes `was_public` and that `live` (what the public sees) no longer holds."""

    model: type[Model]
    live: Callable[[], QuerySet]
    was_public: Callable[[], Q]
    key: Callable[[Any], str] = lambda row: str(row.id)

    def _history(self) -> QuerySet:
        return self.model.history.model.objects.all()

    def _last_rows(self, window: Window) -> QuerySet:
        """The last history row of each deleted row dated in the window."""
        history = self._history()
        last = (
            history.filter(id__in=history.filter(self.was_public()).values("id"))
            .exclude(id__in=self.live().values("pk"))
            .values("id")
            .annotate(
                created=Min("history_date"),
                modified=Max("history_date"),
                last=Max("history_id"),
            )
            .filter(window.q(created="created", modified="modified"))
            .values("last")
            .order_by()
        )
        return history.filter(history_id__in=last)

    def keys(self, window: Window, source: int) -> QuerySet:
        """(pk, source) of the deleted rows in the window, for a union of keys."""
        return (
            self._last_rows(window)
            .annotate(source=Value(source))
            .values_list("id", "source")
            .order_by()
        )

    def load(self, pks: Iterable[int]) -> dict[int, Deleted]:
        """The deleted objects with these pks: one query."""
        pks = list(pks)
        history = self._history()
        dates = {
            row["id"]: (row["created"], row["modified"])
            for row in history.filter(id__in=pks)
            .values("id")
            .annotate(created=Min("history_date"), modified=Max("history_date"))
            .order_by()
        }
        found = {}
        for row in self._last_rows(Window()).filter(id__in=pks):
            created, modified = dates[row.id]
            found[row.id] = Deleted(self.key(row), created, modified)
        return found

    def get(self, pk: int) -> Deleted | None:
        return self.load([pk]).get(pk)


def deleted_object(api: Api, kind: str, url_kind: str, obj: Deleted) -> dict[str, Any]:
    """What is left of a deleted object (2.8): id, type, created, modified."""
    return {
        "id": api.url("object", url_kind, obj.key),
        "type": f"{OPARL}{kind}",
        "created": iso(obj.created),
        "modified": iso(obj.modified),
        "deleted": True,
    }


LIVE, GONE = 0, 1


def keys_with_deleted(
    rows: QuerySet, tombstones: Tombstones, window: Window
) -> QuerySet:
    """(pk, LIVE or GONE) of the rows in the window and of the deleted ones,
    in the order of their pks."""
    live = (
        rows.prefetch_related(None)
        .annotate(source=Value(LIVE))
        .values_list("pk", "source")
        .order_by()
    )
    return live.union(tombstones.keys(window, GONE), all=True).order_by("pk")


def load_with_deleted(
    rows: Callable[[], QuerySet],
    load: Callable[[list[Any]], list[Any]],
    tombstones: Tombstones,
) -> Callable[[list[tuple[int, int]]], list[Any]]:
    """A page of keys as objects, in its order: the live ones as `load` makes
    them, the deleted ones as Deleted, a constant number of queries a page."""

    def load_page(keys: list[tuple[int, int]]) -> list[Any]:
        wanted = [pk for pk, source in keys if source == LIVE]
        live = rows().in_bulk(wanted) if wanted else {}
        loaded = {obj.pk: obj for obj in load(list(live.values()))}
        gone = tombstones.load(pk for pk, source in keys if source == GONE)
        return [loaded[pk] if source == LIVE else gone[pk] for pk, source in keys]

    return load_page
