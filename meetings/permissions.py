"""Who may do what with meetings, built on the membership predicates of council.

Like the base predicates, these never look at workflow state (whether the
kallelse is sent, whether the meeting has started): selectors and services do.
"""

from __future__ import annotations

from typing import Any

from council.models import Body, Membership
from council.permissions import (
    can_manage_body,
    current_roles,
    is_administrator,
    is_member,
    person_of,
)
from meetings.models import Attachment, Meeting, Protocol

# Who is called to a meeting and may report absence: ledamöter and ersättare.
CALLED_ROLES = {
    Membership.Role.CHAIR,
    Membership.Role.VICE_CHAIR,
    Membership.Role.MEMBER,
    Membership.Role.SUBSTITUTE,
}


def can_manage_meeting(user: Any, meeting: Meeting) -> bool:
    """The body's secretary or an administrator plans the meeting and sends kallelse."""
    return can_manage_body(user, meeting.body)


def can_plan_meetings(user: Any, body: Body) -> bool:
    return can_manage_body(user, body)


def can_edit_agenda_template(user: Any, body: Body) -> bool:
    return can_manage_body(user, body)


def can_view_non_public(user: Any, body: Body) -> bool:
    """Non-public items, attachments and the online link: members, secretary, admins."""
    return is_administrator(user) or is_member(user, body)


def can_view_attachment(user: Any, attachment: Attachment) -> bool:
    return attachment.is_public or can_view_non_public(user, attachment.meeting.body)


def can_report_absence(user: Any, meeting: Meeting) -> bool:
    """A ledamot (or an ersättare) of the body reports that they cannot come."""
    return bool(current_roles(user, meeting.body) & CALLED_ROLES)


# Protokoll ------------------------------------------------------------------------
# Who may do what with a protokoll. The chair and the justerare are the persons
# named on the protokoll itself (chosen at the meeting), not roles in the body.


def _is_signer(user: Any, protocol: Protocol) -> bool:
    return protocol.is_required_signer(person_of(user))


def can_view_protocol_draft(user: Any, protocol: Protocol) -> bool:
    """An unpublished protokoll: the secretary, the chair, the justerare, admins."""
    return can_manage_body(user, protocol.meeting.body) or _is_signer(user, protocol)


def can_edit_protocol(user: Any, protocol: Protocol) -> bool:
    """The body's secretary (or an administrator) writes the protokoll."""
    return can_manage_body(user, protocol.meeting.body)


def can_write_protocol(user: Any, meeting: Meeting) -> bool:
    """Start the protokoll of a meeting ("Skriv protokoll")."""
    return can_manage_body(user, meeting.body)


def can_send_protocol(user: Any, protocol: Protocol) -> bool:
    return can_edit_protocol(user, protocol)


def can_comment_protocol(user: Any, protocol: Protocol) -> bool:
    """The chair and the justerare send ändringsförslag."""
    return _is_signer(user, protocol)


def can_justera_protocol(user: Any, protocol: Protocol) -> bool:
    """Only the chair and the justerare themselves justera; nobody on their behalf."""
    return _is_signer(user, protocol)


def can_publish_protocol(user: Any, protocol: Protocol) -> bool:
    return can_manage_body(user, protocol.meeting.body)


def can_correct_protocol(user: Any, protocol: Protocol) -> bool:
    return can_manage_body(user, protocol.meeting.body)


def can_oversee_protocols(user: Any, body: Body) -> bool:
    """The secretary's overview of meetings and their protokoll."""
    return can_manage_body(user, body)
