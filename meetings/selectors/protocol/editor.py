"""Reads for the protokoll editor: who last saved the draft."""

from __future__ import annotations

from typing import Any

from meetings.models import Paragraph, Protocol

# History rows of a protokoll that record no edit of its text: a justerare's
# ändringsförslag sends the draft back, and that is not "saving" it.
NOT_AN_EDIT = (
    "Tillbaka till sekreteraren med ändringsförslag",
    "Hanterat i ny version för justering",
)


def protocol_last_save(*, protocol: Protocol) -> Any | None:
    """The newest history row of the protokoll or one of its paragraphs written
    by someone who saved the draft (not by a justerare's comment); None if none."""
    rows = [
        protocol.history.exclude(history_change_reason__in=NOT_AN_EDIT)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
        .first(),
        Paragraph.history.filter(protocol_id=protocol.pk)
        .exclude(history_change_reason__in=NOT_AN_EDIT)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
        .first(),
    ]
    found = [row for row in rows if row is not None]
    return max(found, key=lambda row: row.history_date) if found else None
