"""Meetings and what they produce: dagordning, attachments, attendance, protokoll."""

from meetings.models.anslag import Notice
from meetings.models.attachment import Attachment, attachment_upload_to
from meetings.models.attendance import Attendance
from meetings.models.evidence import JusteringEvidence
from meetings.models.meeting import JUSTERING_DAYS, AgendaItem, CalendarToken, Meeting
from meetings.models.notice import MeetingChange, NoticeDispatch
from meetings.models.protocol import (
    ActionItem,
    Justering,
    Paragraph,
    ParagraphComment,
    Protocol,
)
from meetings.models.record import SignatureRecord, SignedDocument, TimestampRenewal

__all__ = [
    "JUSTERING_DAYS",
    "ActionItem",
    "AgendaItem",
    "Attachment",
    "Attendance",
    "CalendarToken",
    "Justering",
    "JusteringEvidence",
    "Meeting",
    "MeetingChange",
    "Notice",
    "NoticeDispatch",
    "Paragraph",
    "ParagraphComment",
    "Protocol",
    "SignatureRecord",
    "SignedDocument",
    "TimestampRenewal",
    "attachment_upload_to",
]
