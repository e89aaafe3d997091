"""The content of a protokoll as data: what is justerat, hashed and checked.

`canonical_content` is the one serialisation of what a protokoll says (its
paragraphs and their numbers, the attendance, the signers, time and place of
justering). Its SHA-256 is stored on every Justering and, once everyone has
justerat, on the Protocol: anyone can recompute it and see that nothing changed.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from council.personnummer import PersonnummerPlace, personnummer_places
from meetings.models import Attendance, Paragraph, Protocol

CONTENT_FORMAT = 1

PARAGRAPH_TEXT_FIELDS = (
    "heading",
    "text",
    "outcome",
    "dnr",
    "presenter",
    "motions",
    "reservations",
    "protocol_note",
)


def _person(person: Any) -> dict[str, Any] | None:
    return None if person is None else {"id": person.pk, "name": person.name}


def canonical_content(protocol: Protocol) -> dict[str, Any]:
    """Everything the protokoll says, in a fixed order, as plain JSON data."""
    meeting = protocol.meeting
    paragraphs = (
        Paragraph.objects.filter(protocol=protocol)
        .order_by("order")
        .prefetch_related("recused", "action_items__assignee")
    )
    number_of_item = {
        p.agenda_item_id: p.number or p.order for p in paragraphs if p.agenda_item_id
    }
    attendance = (
        Attendance.objects.filter(meeting=meeting, present=True)
        .select_related("person", "organisation", "replaces")
        .prefetch_related("present_for")
        .order_by("role", "order", "pk")
    )
    return {
        "format": CONTENT_FORMAT,
        "meeting": {
            "id": meeting.pk,
            "body": meeting.body.name,
            "starts_at": meeting.starts_at.isoformat(),
            "ends_at": meeting.ends_at.isoformat(),
            "place": meeting.place,
        },
        "version": protocol.version,
        "corrects": protocol.corrects_id,
        "correction_reason": protocol.correction_reason,
        "secretary": _person(protocol.secretary),
        "chair": _person(protocol.chair),
        "justerare": [
            _person(p) for p in protocol.justerare.order_by("name", "pk").all()
        ],
        "justering_place": protocol.justering_place,
        "attendance": [
            {
                "role": row.role,
                "person": _person(row.person),
                "name": row.display_name,
                "title": row.title,
                "organisation": row.organisation.name
                if row.organisation_id
                else row.organisation_text,
                "party": row.party,
                "role_note": row.role_note,
                "replaces": _person(row.replaces),
                "present_for": sorted(
                    number_of_item.get(item.pk, 0) for item in row.present_for.all()
                ),
            }
            for row in attendance
        ],
        "paragraphs": [
            {
                "number": p.number,
                "order": p.order,
                "is_public": p.is_public,
                **{name: getattr(p, name) for name in PARAGRAPH_TEXT_FIELDS},
                "recused": [_person(r) for r in sorted(p.recused.all(), key=_pk)],
                "action_items": [
                    {
                        "description": a.description,
                        "assignee": _person(a.assignee),
                        "assignee_text": a.assignee_text,
                        "due": a.due.isoformat() if a.due else None,
                    }
                    for a in sorted(p.action_items.all(), key=_pk)
                ],
            }
            for p in paragraphs
        ],
    }


def _pk(obj: Any) -> int:
    return obj.pk


def canonical_bytes(protocol: Protocol) -> bytes:
    return json.dumps(
        canonical_content(protocol),
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    ).encode("utf-8")


def content_sha256(protocol: Protocol) -> str:
    """The fingerprint that a Justering records."""
    return hashlib.sha256(canonical_bytes(protocol)).hexdigest()


# Personnummer ---------------------------------------------------------------------


def protocol_texts(protocol: Protocol) -> list[tuple[str, str]]:
    """Every text of the protokoll that is published, with where it stands."""
    texts = []
    paragraphs = Paragraph.objects.filter(protocol=protocol).prefetch_related(
        "action_items"
    )
    for p in paragraphs.order_by("order"):
        where = f"§ {p.number or p.order}"
        texts += [(where, getattr(p, name)) for name in PARAGRAPH_TEXT_FIELDS]
        for action in p.action_items.all():
            texts += [(where, action.description), (where, action.assignee_text)]
    attendance = Attendance.objects.filter(meeting=protocol.meeting_id)
    for row in attendance:
        for text in (row.name, row.title, row.organisation_text, row.role_note):
            texts.append(("närvarolistan", text))
    if protocol.correction_reason:
        texts.append(("skälet för rättelse", protocol.correction_reason))
    return texts


def find_personnummer(protocol: Protocol) -> list[PersonnummerPlace]:
    """Everything in the protokoll that looks like a personnummer, and where."""
    return personnummer_places(protocol_texts(protocol))
