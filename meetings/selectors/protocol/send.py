"""Reads for the step "Skicka för justering": what the secretary is about to
send and sign, summed up before the password (or passkey) is asked for.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from council.models import Membership, Person
from meetings.documents.protocol import paragraph_ranges
from meetings.models import Attachment, Attendance, Paragraph, Protocol


@dataclass(frozen=True)
class SentParagraph:
    number: int
    paragraph: Paragraph


@dataclass(frozen=True)
class Absence:
    name: str
    replaced_by: str = ""


@dataclass(frozen=True)
class SendSummary:
    """The protokoll as it will go out: § numbers as they will be, who was there
    and who was not, who justerar and by when, and what the PDF holds."""

    paragraphs: list[SentParagraph]
    paragraph_range: str
    present: list[Attendance]
    absent: list[Absence]
    chair: Person | None
    justerare: list[Person]
    justering_date: datetime.date | None
    justering_place: str
    deadline: datetime.date
    attachments: int

    @property
    def present_count(self) -> int:
        return len(self.present)

    @property
    def absent_count(self) -> int:
        return len(self.absent)


def send_summary(*, protocol: Protocol, numbers: dict[int, int]) -> SendSummary:
    """`numbers` gives each paragraph's § number once sent, by paragraph id
    (`numbering.predicted_numbers`); a paragraph missing there keeps its own."""
    paragraphs = [
        SentParagraph(number=numbers.get(p.pk) or p.number or p.order, paragraph=p)
        for p in Paragraph.objects.filter(protocol=protocol).order_by("order")
    ]
    meeting = protocol.meeting
    rows = list(
        Attendance.objects.filter(meeting=meeting)
        .select_related("person")
        .order_by("role", "order", "pk")
    )
    present = [row for row in rows if row.present]
    return SendSummary(
        paragraphs=paragraphs,
        paragraph_range=paragraph_ranges([p.number for p in paragraphs]),
        present=present,
        absent=_absent(meeting, rows, present),
        chair=protocol.chair,
        justerare=sorted(protocol.justerare.all(), key=lambda p: p.name),
        justering_date=protocol.justering_date,
        justering_place=protocol.justering_place,
        deadline=meeting.justering_deadline,
        attachments=Attachment.objects.filter(paragraph__protocol=protocol).count(),
    )


def _absent(
    meeting, rows: list[Attendance], present: list[Attendance]
) -> list[Absence]:
    """The body's ledamöter on the meeting day who were not there (with who
    replaced them), then anyone else recorded as absent."""
    there = {row.person_id for row in present if row.person_id}
    replaced_by = {
        row.replaces_id: row.display_name for row in present if row.replaces_id
    }
    members = (
        Membership.objects.current(on=meeting.local_start.date())
        .filter(body=meeting.body_id, role__in=Membership.VOTING_ROLES)
        .select_related("person")
        .order_by("person__name")
    )
    absent = {}
    for membership in members:
        person = membership.person
        if person.pk not in there and person.pk not in absent:
            absent[person.pk] = Absence(
                name=person.name, replaced_by=replaced_by.get(person.pk, "")
            )
    listed = [*absent.values()]
    for row in rows:
        if (
            not row.present
            and row.person_id not in absent
            and row.person_id not in there
        ):
            listed.append(Absence(name=row.display_name))
    return listed
