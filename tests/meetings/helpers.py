"""Helpers of the meetings tests: a body with one person in every role (`Cast`,
`seat`), and a protokoll driven through the services as the secretary would.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from council.history import save_attributed
from council.models import Body, Membership, User
from meetings.models import Attendance, Meeting, Protocol
from meetings.services.protocol import drafting
from meetings.services.protocol.attendance import protocol_attendance_save
from meetings.services.protocol.base import EDITABLE_PARAGRAPH_FIELDS
from meetings.services.protocol.justering import (
    protocol_justera,
)
from tests import factories


@dataclass
class Cast:
    body: Body
    other_body: Body
    secretary: User
    chair: User
    member: User
    substitute: User
    other_substitute: User
    outsider: User
    admin: User
    memberships: dict[str, Membership]

    def users(self) -> dict[str, User | None]:
        return {
            "anonym": None,
            "ledamot i annat organ": self.outsider,
            "ledamot": self.member,
            "ersättare": self.substitute,
            "sekreterare": self.secretary,
            "administratör": self.admin,
        }


def seat(body: Body, role: str, *, username: str, **person) -> tuple[User, Membership]:
    user = factories.UserFactory(username=username)
    person_obj = factories.PersonFactory(
        user=user, email=f"{username}@example.se", **person
    )
    membership = factories.MembershipFactory(person=person_obj, body=body, role=role)
    return user, membership


def member_rows(cast: Any) -> list[dict[str, Any]]:
    """The chair and the ledamot present, the ersättare absent."""
    return [
        {"person_id": cast.chair.person.pk, "role": Attendance.Role.MEMBER},
        {"person_id": cast.member.person.pk, "role": Attendance.Role.MEMBER},
        {"person_id": cast.substitute.person.pk, "role": ""},
    ]


def editor_values(protocol: Protocol, **changes: str) -> list[dict[str, Any]]:
    """Every paragraph as the editor posts it, with `changes` by heading."""
    rows = []
    for p in protocol.paragraphs.order_by("order"):
        row = {name: getattr(p, name) for name in EDITABLE_PARAGRAPH_FIELDS}
        row["id"] = p.pk
        if p.heading in changes:
            row["text"] = changes[p.heading]
        rows.append(row)
    return rows


def hold(meeting: Meeting, *, days_ago: int = 1) -> Meeting:
    """Move a meeting that has not ended yet to have been held `days_ago` days
    ago (from 09.00, as long as it was), updating `meeting` itself so a test that
    compares it sees the new time. A protokoll is sent for justering only once
    its meeting has ended."""
    if meeting.has_ended():
        return meeting
    length = meeting.ends_at - meeting.starts_at
    start = (timezone.localtime() - datetime.timedelta(days=days_ago)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    meeting.starts_at = start
    meeting.ends_at = start + length
    save_attributed(meeting, user=None, reason="Mötet har hållits")
    meeting.refresh_from_db()
    return meeting


def draft_for(cast: Any, meeting: Any) -> Protocol:
    """A draft with attendance, the ledamot as justerare and text in every §, of
    `meeting` once it has been held (see `hold`)."""
    hold(meeting)
    protocol = drafting.protocol_create(meeting_id=meeting.pk, actor=cast.secretary)
    protocol = protocol_attendance_save(
        protocol_id=protocol.pk,
        actor=cast.secretary,
        base_version=protocol.lock_version,
        members=member_rows(cast),
        others=[
            {
                "id": None,
                "name": "Eva Sund",
                "title": "utvecklingsledare",
                "organisation": "Region Örebro län",
            }
        ],
    )
    values = editor_values(protocol)
    for row in values:
        row["text"] = row["text"] or f"Text till {row['heading']}."
    return save_draft(cast, protocol, paragraphs=values)


def save_draft(
    cast: Any,
    protocol: Protocol,
    *,
    paragraphs: list[dict[str, Any]] | None = None,
    place: str = "Örebro",
    day: Any = None,
) -> Protocol:
    """Save the editor as the secretary: the chair, the ledamot as justerare, and
    `paragraphs` (as stored, when not given), on the protokoll's lock_version."""
    return drafting.protocol_save_draft(
        protocol_id=protocol.pk,
        actor=cast.secretary,
        base_version=protocol.lock_version,
        chair_id=cast.chair.person.pk,
        justerare_ids=[cast.member.person.pk],
        justering_date=day,
        justering_place=place,
        paragraphs=editor_values(protocol) if paragraphs is None else paragraphs,
    )


def justera_all(cast: Any, protocol: Protocol) -> Protocol:
    protocol_justera(protocol_id=protocol.pk, actor=cast.chair)
    return protocol_justera(protocol_id=protocol.pk, actor=cast.member)


def editor_post(protocol: Protocol, **text_by_heading: str) -> dict[str, object]:
    """The editor's form as the browser posts it, with some texts changed."""
    data: dict[str, object] = {
        "lock_version": str(protocol.lock_version),
        "chair": str(protocol.chair_id),
        "justerare": [str(pk) for pk in protocol.justerare.values_list("pk", flat=1)],
        "justering_date": "",
        "justering_place": "Örebro",
        "op": "save",
    }
    for p in protocol.paragraphs.order_by("order"):
        prefix = f"p{p.pk}-"
        data[prefix + "heading"] = p.heading
        data[prefix + "text"] = text_by_heading.get(p.heading, p.text)
        data[prefix + "outcome"] = p.outcome
        data[prefix + "is_public"] = "on"
    return data


ODD_NUMBERS = ["²", "9" * 30]
