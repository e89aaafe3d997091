"""The secretary's overview: every meeting of their bodies as one table row, with
how far its protokoll has come, what is next, by when, and who has not justerat.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from council.models import Body
from meetings.models import Meeting
from meetings.selectors.protocol.steps import (
    MeetingStatus,
    bodies_run_by,
    meeting_statuses,
    meetings_with_protocols,
)


@dataclass
class Overview:
    """The rows the filters chose, and what the filters may choose from."""

    rows: list[MeetingStatus] = field(default_factory=list)
    bodies: list[Body] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    body: Body | None = None
    year: int | None = None


def oversees_any(*, user: Any) -> bool:
    """Whether the user runs any active body, and so may see the overview."""
    return bodies_run_by(user=user).exists()


def overview_for(
    *,
    user: Any,
    body_slug: str = "",
    year: int | None = None,
    now: datetime.datetime | None = None,
) -> Overview:
    """The meetings of the bodies the user runs, latest first, filtered by body
    (its slug) and by the year the meeting starts in (local time)."""
    bodies = list(bodies_run_by(user=user).order_by("name"))
    chosen = next((b for b in bodies if b.slug == body_slug), None)
    meetings: QuerySet[Meeting] = meetings_with_protocols(
        Body.objects.filter(pk__in=[b.pk for b in bodies])
    )
    if chosen is not None:
        meetings = meetings.filter(body=chosen)
    years = sorted(
        {
            timezone.localtime(moment).year
            for moment in meetings.order_by().values_list("starts_at", flat=True)
        },
        reverse=True,
    )
    if year is not None:
        meetings = meetings.filter(starts_at__year=year)
    return Overview(
        rows=meeting_statuses(list(meetings), now=now),
        bodies=bodies,
        years=years,
        body=chosen,
        year=year,
    )
