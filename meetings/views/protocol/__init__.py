"""The secretary's protokoll pages: start, edit, attendance, preview, send, and the
overview of every meeting and its protokoll.

- `access`: finding the protokoll and who may see or edit it;
- `overview`: the overview and "Skriv protokoll";
- `editor`: the editor;
- `attendance`: attendance for the protokoll;
- `preview`: the preview, the draft PDF and sending for justering.

The URLs (meetings/protocol_urls.py) and the review pages use the names below.
"""

from meetings.views.protocol.access import (
    _draft_viewer,
    _editor,
    _not_draft_redirect,
    protocol_or_404,
)
from meetings.views.protocol.attendance import protocol_attendance
from meetings.views.protocol.editor import protocol_edit
from meetings.views.protocol.overview import overview, protocol_start
from meetings.views.protocol.preview import (
    protocol_draft_pdf,
    protocol_preview,
    protocol_send,
)

__all__ = [
    "_draft_viewer",
    "_editor",
    "_not_draft_redirect",
    "overview",
    "protocol_attendance",
    "protocol_draft_pdf",
    "protocol_edit",
    "protocol_or_404",
    "protocol_preview",
    "protocol_send",
    "protocol_start",
]
