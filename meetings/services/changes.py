"""Recording what changed after a meeting's kallelse went out."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from council.history import save_attributed
from meetings.models import AgendaItem, Meeting, MeetingChange


def record_change(
    *,
    meeting: Meeting,
    actor: Any,
    description: str,
    is_public: bool,
    agenda_item: AgendaItem | None = None,
) -> MeetingChange | None:
    """Log a change so members see it and a tillägg can send it; before the
    kallelse nothing is logged, as nobody has been told anything yet."""
    if meeting.notice_sent_at is None:
        return None
    change = MeetingChange(
        meeting=meeting,
        agenda_item=agenda_item,
        description=description[:500],
        is_public=is_public,
        changed_at=timezone.now(),
        changed_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    save_attributed(change, user=actor, reason="Ändring efter kallelsen")
    return change
