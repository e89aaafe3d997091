"""What a protokoll shows, built once for the HTML page and the PDF alike.

The layout follows the council's 2018 protokoll: Tid and Plats, the signature
block, the attendance lists, then the numbered paragraphs with their outcomes,
action items and attachments ("Bilaga 1 till § 5").
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import formats, timezone

from council.models import Body, Person
from meetings.models import (
    ActionItem,
    Attachment,
    Attendance,
    Justering,
    Meeting,
    Paragraph,
    Protocol,
)


@dataclass(frozen=True)
class Signer:
    """A slot in the signature block: who signs, in which role, and whether done."""

    role: str  # Justering.Role value
    label: str  # "Sekreterare", "Ordförande", "Justerare"
    person: Person | None
    justering: Justering | None = None

    @property
    def slot_id(self) -> str:
        """The element id the PDF signature field is placed on."""
        person = self.person.pk if self.person else "x"
        return f"signatur-{self.role}-{person}"


@dataclass(frozen=True)
class AttendanceRow:
    attendance: Attendance
    presence: str  # "§§ 1–6" when present for some paragraphs only

    @property
    def name(self) -> str:
        return self.attendance.display_name

    @property
    def organisation(self) -> str:
        row = self.attendance
        return row.organisation.name if row.organisation_id else row.organisation_text


@dataclass(frozen=True)
class AttendanceGroup:
    heading: str
    role: str
    rows: list[AttendanceRow]


@dataclass(frozen=True)
class NumberedAttachment:
    number: int
    attachment: Attachment

    @property
    def label(self) -> str:
        paragraph = self.attachment.paragraph
        if paragraph is not None and paragraph.number:
            return f"Bilaga {self.number} till § {paragraph.number}"
        return f"Bilaga {self.number}"


@dataclass(frozen=True)
class ParagraphEntry:
    paragraph: Paragraph
    action_items: list[ActionItem]
    attachments: list[NumberedAttachment]


@dataclass
class ProtocolDocument:
    protocol: Protocol
    meeting: Meeting
    body: Body
    title: str
    when: str
    place: str
    signers: list[Signer]
    attendance: list[AttendanceGroup]
    paragraphs: list[ParagraphEntry]
    public: bool
    justerat_on: datetime.date | None = None
    on_paper: bool = False
    attachments: list[NumberedAttachment] = field(default_factory=list)
    # Rendered as the document of record: the signatures give the dates.
    for_signing: bool = False
    # Paragraphs and attachments left out because they are not public.
    withheld: int = 0

    @property
    def is_final(self) -> bool:
        return self.protocol.is_locked


ATTENDANCE_HEADINGS = [
    (Attendance.Role.MEMBER, "Närvarande ledamöter"),
    (Attendance.Role.SERVING_SUBSTITUTE, "Tjänstgörande ersättare"),
    (Attendance.Role.SUBSTITUTE, "Ej tjänstgörande ersättare"),
    (Attendance.Role.OTHER, "Övriga närvarande"),
]


def meeting_when(meeting: Meeting) -> str:
    """'Fredag 28 september 2018 kl 09:00 – 12:00', as the protokoll writes it."""
    start = timezone.localtime(meeting.starts_at)
    end = timezone.localtime(meeting.ends_at)
    day = formats.date_format(start, "l j F Y").capitalize()
    if start.date() == end.date():
        return f"{day} kl {start:%H:%M} – {end:%H:%M}"
    end_day = formats.date_format(end, "j F Y")
    return f"{day} kl {start:%H:%M} – {end_day} kl {end:%H:%M}"


def paragraph_ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 6] -> '§§ 1–3, 6'; [] -> '' (present throughout)."""
    if not numbers:
        return ""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    parts = [f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs]
    sign = "§" if len(numbers) == 1 else "§§"
    return f"{sign} {', '.join(parts)}"


def protocol_for_document(protocol_id: int) -> Protocol:
    """The protokoll with everything the document shows, in a fixed number of queries."""
    attachments = Attachment.objects.select_related("paragraph").order_by("pk")
    return (
        Protocol.objects.select_related(
            "meeting__body__secretariat", "secretary", "chair", "corrects"
        )
        .prefetch_related(
            "justerare",
            Prefetch(
                "justeringar",
                queryset=Justering.objects.select_related("person").order_by(
                    "justerat_at"
                ),
            ),
            Prefetch(
                "paragraphs",
                queryset=Paragraph.objects.order_by("order").prefetch_related(
                    "recused",
                    Prefetch(
                        "action_items",
                        queryset=ActionItem.objects.select_related("assignee"),
                    ),
                    Prefetch("attachments", queryset=attachments),
                ),
            ),
            Prefetch(
                "meeting__attendances",
                queryset=Attendance.objects.filter(present=True)
                .select_related("person", "organisation", "replaces")
                .prefetch_related("present_for")
                .order_by("order", "pk"),
            ),
        )
        .get(pk=protocol_id)
    )


def build_protocol_document(protocol: Protocol, *, public: bool) -> ProtocolDocument:
    """The protokoll as it reads; `public` leaves out what is not public."""
    meeting = protocol.meeting
    body = meeting.body

    justeringar = {(j.person_id, j.role): j for j in protocol.justeringar.all()}

    def signer(role: str, label: str, person: Person | None) -> Signer:
        found = justeringar.get((person.pk if person else None, role))
        return Signer(role=role, label=label, person=person, justering=found)

    labels = {Justering.Role.CHAIR: "Ordförande", Justering.Role.JUSTERARE: "Justerare"}
    signers = [signer(Justering.Role.SECRETARY, "Sekreterare", protocol.secretary)]
    if protocol.chair_id is None:  # the slot stands empty until a chair is chosen
        signers.append(signer(Justering.Role.CHAIR, "Ordförande", None))
    signers += [
        signer(role, labels[role], person)
        for person, role in protocol.required_signers()
    ]

    # A draft has no § numbers yet: its paragraphs go by their order.
    number_of_item = {
        p.agenda_item_id: p.number or p.order
        for p in protocol.paragraphs.all()
        if p.agenda_item_id
    }
    rows_by_role: dict[str, list[AttendanceRow]] = {}
    for row in meeting.attendances.all():
        numbers = sorted(
            number_of_item[item.pk]
            for item in row.present_for.all()
            if item.pk in number_of_item
        )
        rows_by_role.setdefault(row.role, []).append(
            AttendanceRow(attendance=row, presence=paragraph_ranges(numbers))
        )
    attendance = [
        AttendanceGroup(heading=heading, role=role, rows=rows_by_role[role])
        for role, heading in ATTENDANCE_HEADINGS
        if rows_by_role.get(role)
    ]

    paragraphs = []
    numbered: list[NumberedAttachment] = []
    withheld = 0
    for paragraph in protocol.paragraphs.all():
        if public and not paragraph.is_public:
            withheld += 1
            continue
        entries = []
        for attachment in paragraph.attachments.all():
            if public and not attachment.is_public:
                withheld += 1
                continue
            entry = NumberedAttachment(number=len(numbered) + 1, attachment=attachment)
            numbered.append(entry)
            entries.append(entry)
        paragraphs.append(
            ParagraphEntry(
                paragraph=paragraph,
                action_items=list(paragraph.action_items.all()),
                attachments=entries,
            )
        )

    justerat_on = None
    if protocol.is_locked:
        done = [j.justerat_at for j in protocol.justeringar.all()]
        justerat_on = (
            timezone.localtime(max(done)).date() if done else protocol.justering_date
        )

    return ProtocolDocument(
        protocol=protocol,
        meeting=meeting,
        body=body,
        title=f"Protokoll {body.name}",
        when=meeting_when(meeting),
        place=meeting.place,
        signers=signers,
        attendance=attendance,
        paragraphs=paragraphs,
        public=public,
        justerat_on=justerat_on,
        on_paper=protocol.justering_method == Protocol.JusteringMethod.PAPER,
        attachments=numbered,
        withheld=withheld,
    )
