"""Protokoll in each state, made through the services as the secretary would.

The `cast` fixture (tests/meetings/conftest.py) gives a body with a secretary, a
chair, a ledamot (who becomes justerare here) and ersättare.
"""

from __future__ import annotations

from typing import Any

import pytest

from meetings.models import Attendance, Protocol
from meetings.services.protocol import drafting
from meetings.services.protocol.attendance import protocol_attendance_save
from meetings.services.protocol.base import EDITABLE_PARAGRAPH_FIELDS
from meetings.services.protocol.justering import (
    protocol_justera,
    protocol_send_to_justering,
)
from meetings.services.protocol.publishing import protocol_publish

# Fixtures for `from tests.meetings.protocol_fixtures import *`.
__all__ = ["draft", "in_justering", "justerat", "published"]


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


def draft_for(cast: Any, meeting: Any) -> Protocol:
    """A draft with attendance, the ledamot as justerare and text in every §."""
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
    return drafting.protocol_save_draft(
        protocol_id=protocol.pk,
        actor=cast.secretary,
        base_version=protocol.lock_version,
        chair_id=cast.chair.person.pk,
        justerare_ids=[cast.member.person.pk],
        justering_date=None,
        justering_place="Örebro",
        paragraphs=values,
    )


def justera_all(cast: Any, protocol: Protocol) -> Protocol:
    protocol_justera(protocol_id=protocol.pk, actor=cast.chair)
    return protocol_justera(protocol_id=protocol.pk, actor=cast.member)


@pytest.fixture
def draft(cast, meeting) -> Protocol:
    return draft_for(cast, meeting)


@pytest.fixture
def in_justering(cast, draft) -> Protocol:
    return protocol_send_to_justering(protocol_id=draft.pk, actor=cast.secretary)


@pytest.fixture
def justerat(cast, in_justering) -> Protocol:
    return justera_all(cast, in_justering)


@pytest.fixture
def published(cast, justerat) -> Protocol:
    return protocol_publish(protocol_id=justerat.pk, actor=cast.secretary)
