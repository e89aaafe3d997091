"""The protokoll as a document: the same data for the HTML page and the PDF."""

import datetime
import re
import subprocess

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from council.pdf import render_pdf
from meetings.documents.protocol import (
    build_protocol_document,
    meeting_when,
    paragraph_ranges,
    protocol_for_document,
)
from meetings.models import Attendance, Protocol
from tests import factories

pytestmark = pytest.mark.django_db


def normalise(text: str) -> str:
    """Whitespace as one space; pdftotext may drop the space in "§ 1"."""
    return re.sub(r"§\s*", "§ ", " ".join(text.split()))


def tool(*args: str, data: bytes) -> str:
    result = subprocess.run(args, input=data, capture_output=True, check=True)
    return result.stdout.decode()


@pytest.fixture
def protocol_2018(demo_data) -> Protocol:
    protocol = Protocol.objects.get(meeting__starts_at__year=2018)
    return protocol_for_document(protocol.pk)


def test_when_reads_like_the_seed(protocol_2018):
    """Tid is written as in the 2018 protokoll."""
    assert meeting_when(protocol_2018.meeting) == (
        "Fredag 28 september 2018 kl 09:00 – 12:00"
    )


def test_paragraph_ranges():
    """Partial presence is written as ranges of §§."""
    assert paragraph_ranges([]) == ""
    assert paragraph_ranges([4]) == "§ 4"
    assert paragraph_ranges([1, 2, 3, 6, 8, 9]) == "§§ 1–3, 6, 8–9"


def test_document_of_2018(protocol_2018):
    """Signers, attendance groups and 14 paragraphs, justerat on paper."""
    doc = build_protocol_document(protocol_2018, public=True)
    assert doc.title == (
        "Protokoll Specifikt samverkansråd för skola, utbildning och "
        "kompetensförsörjning"
    )
    assert [(s.label, s.person.name) for s in doc.signers] == [
        ("Sekreterare", "Anna Elverskog"),
        ("Ordförande", "Irén Lejegren"),
        ("Justerare", "Håkan Söderman"),
    ]
    assert [s.justering is not None for s in doc.signers] == [False, True, True]
    assert doc.on_paper and doc.justerat_on == datetime.date(2018, 10, 12)
    assert [(g.heading, len(g.rows)) for g in doc.attendance] == [
        ("Närvarande ledamöter", 13),
        ("Övriga närvarande", 4),
    ]
    assert [e.paragraph.number for e in doc.paragraphs] == list(range(1, 15))


def test_pdf_of_2018_holds_every_name_and_heading(protocol_2018):
    """pdftotext finds every attendee and heading; the PDF is tagged A4 PDF/A."""
    doc = build_protocol_document(protocol_2018, public=True)
    data = render_pdf(
        template_name="meetings/pdf/protocol.html",
        context={"doc": doc, "body": doc.body},
        title=doc.title,
    )
    text = normalise(tool("pdftotext", "-layout", "-", "-", data=data))
    for group in doc.attendance:
        for row in group.rows:
            assert row.name in text
    for entry in doc.paragraphs:
        assert (
            normalise(f"§ {entry.paragraph.number} {entry.paragraph.heading}") in text
        )
    assert "Tid Fredag 28 september 2018 kl 09:00 – 12:00" in text
    assert "Justerat den 2018-10-12" in text
    assert "Sida 1 (" in text
    info = tool("pdfinfo", "-", data=data)
    assert "Tagged:          yes" in info and "(A4)" in info
    assert "UTKAST" not in text


def test_non_public_paragraphs_and_attachments_are_left_out(db):
    """The public document omits non-public paragraphs and attachments."""
    protocol = factories.ProtocolFactory()
    public = factories.ParagraphFactory(protocol=protocol, order=1, number=1)
    secret = factories.ParagraphFactory(
        protocol=protocol, order=2, number=2, is_public=False, heading="Hemligt"
    )
    factories.AttachmentFactory(
        meeting=protocol.meeting, paragraph=public, is_public=True, title="Öppen"
    )
    factories.AttachmentFactory(
        meeting=protocol.meeting, paragraph=public, is_public=False, title="Intern"
    )
    del secret
    loaded = protocol_for_document(protocol.pk)
    outside = build_protocol_document(loaded, public=True)
    inside = build_protocol_document(loaded, public=False)
    assert [e.paragraph.heading for e in outside.paragraphs] == [public.heading]
    assert [a.attachment.title for a in outside.attachments] == ["Öppen"]
    assert len(inside.paragraphs) == 2
    assert [a.label for a in inside.attachments] == [
        "Bilaga 1 till § 1",
        "Bilaga 2 till § 1",
    ]
    html = render_to_string("meetings/protocol/_document.html", {"doc": outside})
    assert "Hemligt" not in html and "Intern" not in html


def test_partial_presence_is_shown(db):
    """Someone present for some paragraphs only is marked with their §§."""
    protocol = factories.ProtocolFactory()
    items = [
        factories.AgendaItemFactory(meeting=protocol.meeting, order=n)
        for n in range(1, 5)
    ]
    for n, item in enumerate(items, start=1):
        factories.ParagraphFactory(
            protocol=protocol, order=n, number=n, agenda_item=item
        )
    row = factories.AttendanceFactory(
        meeting=protocol.meeting, role=Attendance.Role.MEMBER
    )
    row.present_for.set(items[:2])
    doc = build_protocol_document(protocol_for_document(protocol.pk), public=True)
    assert doc.attendance[0].rows[0].presence == "§§ 1–2"


def test_query_count_does_not_grow_with_size(db):
    """Building the document costs the same queries for 1 or 20 paragraphs."""

    def build(size: int) -> int:
        protocol = factories.ProtocolFactory()
        for n in range(1, size + 1):
            item = factories.AgendaItemFactory(meeting=protocol.meeting, order=n)
            paragraph = factories.ParagraphFactory(
                protocol=protocol, order=n, number=n, agenda_item=item
            )
            factories.ActionItemFactory(paragraph=paragraph)
            factories.AttachmentFactory(meeting=protocol.meeting, paragraph=paragraph)
            factories.AttendanceFactory(meeting=protocol.meeting)
        with CaptureQueriesContext(connection) as queries:
            doc = build_protocol_document(
                protocol_for_document(protocol.pk), public=False
            )
            render_to_string("meetings/protocol/_document.html", {"doc": doc})
        return len(queries)

    assert build(1) == build(20)


def test_signing_slots_have_stable_ids(protocol_2018):
    """Each signer's empty slot carries an id the signature field is placed on."""
    doc = build_protocol_document(protocol_2018, public=True)
    html = render_to_string("meetings/protocol/_document.html", {"doc": doc})
    for signer in doc.signers:
        assert f'id="{signer.slot_id}"' in html
    assert timezone.is_aware(protocol_2018.meeting.starts_at)
