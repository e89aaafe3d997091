"""Every kind of PDF renders the same in production as under DEBUG, and is
the PDF/A-3a and PDF/UA-1 it declares there too.

Production serves static files under hashed names from a manifest
(`css/pdf.<hash>.css`); the renderer must still find the portal's stylesheet and
fonts. Each document is rendered with DEBUG off and the production storage over a
real collectstatic, checked with poppler's tools (Noto Sans embedded, the
letterhead, "Sida 1 (N)"), and its text compared with the DEBUG rendering. A
stylesheet or font that cannot be loaded stops the document.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings

from council import signing
from meetings.models import Protocol, SignedDocument
from meetings.services.notice import kallelse_pdf, notice_send
from meetings.services.protocol import extract as protocol_extract
from meetings.services.protocol import record as protocol_record
from meetings.services.protocol.justering import protocol_send_to_justering
from meetings.services.protocol.publishing import protocol_publish
from tests import factories
from tests.meetings.helpers import draft_for, justera_all
from tests.meetings.protocol.pdfa_validator import assert_archival_and_accessible

pytestmark = pytest.mark.django_db


LETTERHEAD_SUBTITLE = "Region Örebro län och länets kommuner"


def pdftotext(data: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def pdffonts(data: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(data)
    report = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, check=True, text=True
    ).stdout
    return report.splitlines()[2:]


def assert_signed_copy_of(signed: bytes, rendered: bytes, *, signatures: int) -> None:
    """The signed file reads as the rendering, word for word in order, with only
    the visible signature stamps added ("... digitalt av NAMN, roll, tid")."""
    signed_words = pdftotext(signed).split()
    rendered_words = pdftotext(rendered).split()
    position = 0
    for word in rendered_words:
        position = signed_words.index(word, position) + 1
    stamps = signed_words.count("digitalt") - rendered_words.count("digitalt")
    assert stamps == signatures


def assert_laid_out(data: bytes, tmp_path: Path, *, body_name: str) -> None:
    """Noto Sans and no other font, embedded; the letterhead and "Sida N (M)" on
    every page."""
    fonts = pdffonts(data, tmp_path)
    assert fonts, "the PDF has no fonts"
    for line in fonts:
        assert "NotoSans" in line.replace("-", ""), line
        # The columns emb, sub and uni, then the object id: embedded is "yes".
        assert re.search(r"\syes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", line), line
    pages = [page for page in pdftotext(data).split("\f") if page.strip()]
    assert pages
    # The letterhead's name may wrap beside the tjänsteställe: its first words.
    name_start = " ".join(body_name.split()[:3])
    for number, page in enumerate(pages, start=1):
        assert name_start in page
        assert LETTERHEAD_SUBTITLE in page
        assert f"Sida {number} ({len(pages)})" in page


def test_signed_protokoll_keeps_its_layout_in_production(
    cast, meeting, production, tmp_path
):
    """Sent and justerat in production: the signed PDF/A of record has Noto Sans,
    the letterhead and page numbers, every signature valid; its rendering has the
    same text as under DEBUG."""
    protocol = draft_for(cast, meeting)

    def send_and_justera() -> bytes:
        protocol_send_to_justering(protocol_id=protocol.pk, actor=cast.secretary)
        justera_all(cast, protocol)
        document = SignedDocument.objects.get(protocol=protocol, kind="protokoll")
        assert document.is_final
        return bytes(document.data)

    signed = production(send_and_justera)
    assert_laid_out(signed, tmp_path, body_name=cast.body.name)
    checks = signing.validate_pdf(signed)
    assert len(checks) == 3
    assert all(check.ok for check in checks)
    assert_archival_and_accessible(signed, earlier_signatures=3)

    in_production = production(
        lambda: protocol_record.render_for_signing(protocol).data
    )
    under_debug = protocol_record.render_for_signing(protocol).data
    assert_laid_out(under_debug, tmp_path, body_name=cast.body.name)
    assert pdftotext(in_production) == pdftotext(under_debug)
    assert_signed_copy_of(signed, under_debug, signatures=3)


def test_protokollsutdrag_keeps_its_layout_in_production(
    cast, meeting, production, tmp_path
):
    """The certified extract made on a public request in production is laid out
    like the DEBUG rendering."""
    protocol = draft_for(cast, meeting)
    protocol_send_to_justering(protocol_id=protocol.pk, actor=cast.secretary)
    justera_all(cast, protocol)
    protocol_publish(protocol_id=protocol.pk, actor=cast.secretary)
    paragraph = Protocol.objects.get(pk=protocol.pk).paragraphs.order_by("order")[0]

    document = production(
        lambda: protocol_extract.extract_issue(
            protocol_id=protocol.pk, number=paragraph.number
        )
    )
    signed = bytes(document.data)
    assert_laid_out(signed, tmp_path, body_name=cast.body.name)
    assert all(check.ok for check in signing.validate_pdf(signed))
    assert_archival_and_accessible(signed, earlier_signatures=1)

    certifier = protocol_extract.certifier_for(protocol)
    under_debug = protocol_extract.extract_render(paragraph, certifier=certifier).data
    in_production = production(
        lambda: protocol_extract.extract_render(paragraph, certifier=certifier).data
    )
    assert pdftotext(in_production) == pdftotext(under_debug)
    assert_signed_copy_of(signed, under_debug, signatures=1)


def test_kallelse_keeps_its_layout_in_production(
    cast, meeting, production, tmp_path, django_capture_on_commit_callbacks
):
    """The kallelse as sent by e-mail and as downloaded, in production."""
    factories.AgendaItemFactory(meeting=meeting, title="Skolans kompetensförsörjning")

    def send() -> bytes:
        with django_capture_on_commit_callbacks(execute=True):
            notice_send(meeting_id=meeting.pk, actor=cast.secretary)
        attachments = [
            content
            for message in mail.outbox
            for _name, content, kind in message.attachments
            if kind == "application/pdf"
        ]
        assert attachments
        return attachments[0]

    sent = production(send)
    assert_laid_out(sent, tmp_path, body_name=cast.body.name)
    assert_archival_and_accessible(sent)
    assert "Skolans kompetensförsörjning" in pdftotext(sent)
    under_debug = kallelse_pdf(meeting, non_public=True)
    assert pdftotext(sent) == pdftotext(under_debug)


def test_plan_pdf_keeps_its_layout_in_production(
    client, demo_data, production, tmp_path
):
    """/planer/ssr/2023/pdf/ in production: Noto Sans and the letterhead, the same
    text as under DEBUG."""

    def download() -> bytes:
        response = client.get("/planer/ssr/2023/pdf/")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        return response.content

    in_production = production(download)
    assert_laid_out(in_production, tmp_path, body_name=demo_plan_body_name())
    assert_archival_and_accessible(in_production)
    assert pdftotext(in_production) == pdftotext(download())


def demo_plan_body_name() -> str:
    from council.models import Body

    return Body.objects.get(slug="ssr").name


def test_sending_for_justering_without_layout_signs_nothing(cast, meeting):
    """If the protokoll cannot be rendered with its layout, sending for justering
    fails with a Swedish message and leaves the draft as it was."""
    protocol = draft_for(cast, meeting)
    with (
        override_settings(STATICFILES_DIRS=[]),
        pytest.raises(ValidationError, match="typsnitt och layout"),
    ):
        protocol_send_to_justering(protocol_id=protocol.pk, actor=cast.secretary)
    protocol.refresh_from_db()
    assert protocol.state == Protocol.State.DRAFT
    assert not SignedDocument.objects.filter(protocol=protocol).exists()


def test_a_pdf_page_without_layout_answers_503_in_swedish(client, demo_data):
    """The plan's PDF page says in Swedish that the document cannot be made now."""
    with override_settings(STATICFILES_DIRS=[]):
        response = client.get("/planer/ssr/2023/pdf/")
    assert response.status_code == 503
    assert "Dokumentet kan inte skapas just nu" in response.content.decode()


def test_a_kallelse_without_layout_is_not_sent(
    cast, meeting, caplog, django_capture_on_commit_callbacks
):
    """No e-mail goes out with a kallelse PDF that lacks its layout; the failure is
    logged for the dispatch."""
    factories.AgendaItemFactory(meeting=meeting, title="Punkt")
    with (
        override_settings(STATICFILES_DIRS=[]),
        django_capture_on_commit_callbacks(execute=True),
    ):
        notice_send(meeting_id=meeting.pk, actor=cast.secretary)
    assert mail.outbox == []
    assert any("no kallelse PDF" in r.getMessage() for r in caplog.records)


def test_an_extract_without_layout_is_not_issued(client, cast, meeting):
    """The first request for an extract gets a 503 and nothing is stored."""
    protocol = draft_for(cast, meeting)
    protocol_send_to_justering(protocol_id=protocol.pk, actor=cast.secretary)
    justera_all(cast, protocol)
    protocol_publish(protocol_id=protocol.pk, actor=cast.secretary)
    number = Protocol.objects.get(pk=protocol.pk).paragraphs.order_by("order")[0].number
    with override_settings(STATICFILES_DIRS=[]):
        response = client.get(f"/protokoll/{protocol.pk}/utdrag/{number}.pdf")
    assert response.status_code == 503
    assert not SignedDocument.objects.filter(
        protocol=protocol, kind=SignedDocument.Kind.EXTRACT
    ).exists()
