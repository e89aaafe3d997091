"""Meetings and what they produce: dagordning, attachments, attendance, protokoll."""

from meetings.models.meeting import (
    JUSTERING_DAYS,
    AgendaItem,
    Attachment,
    Attendance,
    Meeting,
    attachment_upload_to,
)
from meetings.models.protocol import (
    ActionItem,
    Justering,
    Notice,
    Paragraph,
    ParagraphComment,
    Protocol,
)

__all__ = [
    "JUSTERING_DAYS",
    "ActionItem",
    "AgendaItem",
    "Attachment",
    "Attendance",
    "Justering",
    "Meeting",
    "Notice",
    "Paragraph",
    "ParagraphComment",
    "Protocol",
    "attachment_upload_to",
]
