"""The secretary's overview: every meeting of their bodies and how far its
protokoll has come.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from council.models import Body
from meetings import permissions
from meetings.models import (
    Meeting,
    Protocol,
)
from meetings.selectors.protocol import review as review_selectors


@dataclass
class OverviewRow:
    meeting: Meeting
    protocol: Protocol | None
    state: str
    days_left: int | None
    pending: list[Any] = field(default_factory=list)


STATE_LABELS = {
    "planerat": "Planerat",
    "kallat": "Kallat",
    "hallet": "Hållet",
    "utkast": "Utkast",
    "for_justering": "För justering",
    "justerat": "Justerat",
    "publicerat": "Publicerat",
}


def overview_for(
    *, user: Any, today: datetime.date | None = None
) -> list[tuple[str, list[OverviewRow]]]:
    """The meetings of the bodies the user runs, grouped by how far they have come."""
    day = today or timezone.localdate()
    bodies = [
        body
        for body in Body.objects.filter(is_active=True).order_by("name")
        if permissions.can_oversee_protocols(user, body)
    ]
    meetings = (
        Meeting.objects.filter(body__in=bodies)
        .exclude(state=Meeting.State.CANCELLED)
        .select_related("body")
        .prefetch_related(
            Prefetch(
                "protocols",
                queryset=Protocol.objects.select_related("chair").order_by("-version"),
            )
        )
        .order_by("-starts_at")
    )
    groups: dict[str, list[OverviewRow]] = {key: [] for key in STATE_LABELS}
    for meeting in meetings:
        protocols = list(meeting.protocols.all())
        protocol = protocols[0] if protocols else None
        if protocol is None:
            state = meeting.state
            if state != Meeting.State.HELD and meeting.ends_at < timezone.now():
                state = Meeting.State.HELD
        else:
            state = protocol.state
        row = OverviewRow(
            meeting=meeting, protocol=protocol, state=state, days_left=None
        )
        if state in ("hallet", "utkast", "for_justering"):
            row.days_left = (meeting.justering_deadline - day).days
        if protocol is not None and state == Protocol.State.IN_JUSTERING:
            row.pending = review_selectors.pending_signers(protocol)
        groups[state].append(row)
    return [(STATE_LABELS[key], rows) for key, rows in groups.items()]
