"""Protokollsutdrag: one public paragraph of a published protokoll, certified by
the secretary through the portal's signing service, made once and kept.

Real tools check the real output: pdftotext reads the text, pdfinfo and qpdf check
the file, pyHanko and poppler's pdfsig (with the portal's CA trusted exactly as
the verification page tells people to do it) validate the signature.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from council import signing
from meetings.documents import record as record_selectors
from meetings.models import Paragraph, Protocol, SignedDocument
from meetings.services.protocol import extract as protocol_extract
from meetings.services.protocol.justering import protocol_send_to_justering
from meetings.services.protocol.publishing import protocol_publish
from tests.meetings.helpers import editor_values, justera_all, save_draft

pytestmark = pytest.mark.django_db

HEADING = "Godkännande av dagordning"


def tool(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, check=False)


def extract_url(protocol: Protocol, number: int) -> str:
    return reverse("meetings:protocol_extract", args=[protocol.pk, number])


def numbered(protocol: Protocol, heading: str = HEADING) -> Paragraph:
    return protocol.paragraphs.get(heading=heading)


def pdfsig_as_instructed(path: Path, tmp_path: Path) -> str:
    """pdfsig with the CA added by the commands the verification page shows."""
    nss = tmp_path / "nss"
    nss.mkdir()
    ca = tmp_path / "samverkansportalen-ca.pem"
    ca.write_bytes(signing.signing_authority().pem)
    for command in (
        ["certutil", "-N", "-d", f"sql:{nss}", "--empty-password"],
        ["certutil", "-A", "-d", f"sql:{nss}", "-n", "samverkan", "-t", ",C,"]
        + ["-i", str(ca)],
    ):
        subprocess.run(command, check=True, capture_output=True)
    return tool("pdfsig", "-nssdir", f"sql:{nss}", str(path)).stdout


def test_extract_is_a_certified_tagged_a4_pdf(client, cast, published, tmp_path):
    """The download holds the paragraph and the Utdragsbestyrkande; pdfinfo, qpdf,
    pyHanko and pdfsig all accept it, and it is kept as a final SignedDocument."""
    paragraph = numbered(published)
    response = client.get(extract_url(published, paragraph.number))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    data = response.content
    assert data.startswith(b"%PDF-")
    path = tmp_path / "utdrag.pdf"
    path.write_bytes(data)

    text = tool("pdftotext", "-layout", str(path), "-").stdout
    assert "Protokollsutdrag" in text
    assert re.search(rf"§\s*{paragraph.number}\s+{HEADING}", text)
    assert HEADING in text
    assert paragraph.text in text
    assert cast.body.name in text
    assert "Utdragsbestyrkande" in text
    assert "Utdraget överensstämmer med protokollet" in text
    assert "Utdraget bestyrkt digitalt av" in text
    # The justering facts: who justerade, in which role, and the record's hash.
    assert f"{cast.chair.person.name}, ordförande" in text
    assert f"{cast.member.person.name}, justerare" in text
    record = record_selectors.final_record(published)
    assert record.sha256 in text
    # Only the paragraph asked for.
    assert "Mötet avslutas" not in text

    info = tool("pdfinfo", str(path)).stdout
    assert "Tagged:          yes" in info
    assert re.search(r"Page size: +595\.2\d* x 841\.89 pts \(A4\)", info)
    check = tool("qpdf", "--check", str(path))
    assert check.returncode == 0, check.stdout + check.stderr

    checks = signing.validate_pdf(data, document_timestamps=True)
    assert len(checks) == 2  # the certification, then the document timestamp
    assert checks[0].field_name == protocol_extract.EXTRACT_FIELD
    assert checks[0].signer == cast.secretary.person.name
    assert checks[1].is_document_timestamp
    assert all(check.ok for check in checks)
    assert checks[1].covers_whole_file

    report = pdfsig_as_instructed(path, tmp_path)
    assert "Signature is Valid." in report
    assert "Certificate is Trusted." in report
    assert "Signature Field Name: utdragsbestyrkande" in report
    assert "title=Sekreterare" in report
    assert "Total document signed" in report

    document = SignedDocument.objects.get(kind=SignedDocument.Kind.EXTRACT)
    assert document.paragraph == paragraph
    assert document.is_final and document.finalised_at
    assert bytes(document.data) == data
    assert response["ETag"] == f'"{document.sha256}"'
    assert document.filename.endswith(f"-utdrag-paragraf-{paragraph.number}.pdf")
    [signature, stamp] = document.signatures.order_by("order")
    assert signature.role == "Sekreterare"
    assert signature.person == cast.secretary.person
    assert stamp.is_document_timestamp and stamp.person is None
    assert signature.ok and stamp.ok


def test_a_modified_extract_fails_pdfsig(client, published, tmp_path):
    """Flipping one byte of the extract breaks its signature for pdfsig too."""
    data = bytearray(client.get(extract_url(published, 3)).content)
    start = data.index(b"stream", 200)
    data[start + 40] ^= 0x01
    path = tmp_path / "andrad.pdf"
    path.write_bytes(bytes(data))
    report = pdfsig_as_instructed(path, tmp_path)
    assert "Signature is Valid." not in report
    assert not any(c.intact for c in signing.validate_pdf(bytes(data)))


def test_second_request_serves_the_stored_bytes_without_rendering(
    client, published, monkeypatch
):
    first = client.get(extract_url(published, 3))

    def no_rendering(**kwargs):
        raise AssertionError("the extract was rendered again")

    monkeypatch.setattr(protocol_extract, "render_pdf_with_anchors", no_rendering)
    second = client.get(extract_url(published, 3))
    assert second.status_code == 200
    assert second.content == first.content
    assert SignedDocument.objects.filter(kind=SignedDocument.Kind.EXTRACT).count() == 1


@pytest.mark.parametrize("caught_by", ["full_clean", "database"])
def test_two_first_requests_keep_one_extract(published, monkeypatch, caught_by):
    """When another request stored its extract first, that one is returned."""
    kept = protocol_extract.extract_issue(protocol_id=published.pk, number=3)
    real = record_selectors.final_extract
    calls = []

    def not_yet_seen(paragraph_id, **kwargs):
        calls.append(paragraph_id)
        # Not seen before the lock, nor once it is held: the insert finds it.
        return None if len(calls) <= 2 else real(paragraph_id, **kwargs)

    monkeypatch.setattr(record_selectors, "final_extract", not_yet_seen)
    if caught_by == "database":
        # Two transactions racing: neither sees the other's row before the insert.
        monkeypatch.setattr(
            SignedDocument, "validate_constraints", lambda *a, **k: None
        )
    again = protocol_extract.extract_issue(protocol_id=published.pk, number=3)
    assert len(calls) == 3
    assert again.pk == kept.pk
    assert bytes(again.data) == bytes(kept.data)
    assert SignedDocument.objects.filter(kind=SignedDocument.Kind.EXTRACT).count() == 1


def test_no_extract_of_an_unpublished_protokoll(client, justerat):
    assert client.get(extract_url(justerat, 3)).status_code == 404
    assert not SignedDocument.objects.filter(kind=SignedDocument.Kind.EXTRACT).exists()


def test_no_extract_of_a_missing_paragraph(client, published):
    assert client.get(extract_url(published, 99)).status_code == 404
    assert client.get(extract_url(Protocol(pk=9999), 1)).status_code == 404


def test_no_extract_of_a_non_public_paragraph(client, cast, draft):
    """A paragraph that is not public gets no extract, even once published."""
    values = editor_values(draft)
    for row in values:
        if row["heading"] == "Övriga frågor":
            row["is_public"] = False
    save_draft(cast, draft, paragraphs=values)
    protocol_send_to_justering(protocol_id=draft.pk, actor=cast.secretary)
    protocol = justera_all(cast, Protocol.objects.get(pk=draft.pk))
    protocol_publish(protocol_id=protocol.pk, actor=cast.secretary)
    hidden = numbered(protocol, "Övriga frågor")
    assert not hidden.is_public
    assert client.get(extract_url(protocol, hidden.number)).status_code == 404
    page = client.get(reverse("meetings:protocol_detail", args=[protocol.pk]))
    assert extract_url(protocol, hidden.number) not in page.content.decode()
    assert client.get(extract_url(protocol, 3)).status_code == 200


def test_public_page_links_each_paragraph_to_its_extract(client, cast, published):
    """The public page has the links; the signed PDF and the secretary's preview
    do not."""
    page = client.get(reverse("meetings:protocol_detail", args=[published.pk]))
    html = page.content.decode()
    for paragraph in published.paragraphs.all():
        assert extract_url(published, paragraph.number) in html
    assert html.count("Protokollsutdrag (PDF)") == published.paragraphs.count()

    client.force_login(cast.secretary)
    preview = client.get(reverse("meetings:protocol_preview", args=[published.pk]))
    assert preview.status_code == 200
    assert "Protokollsutdrag (PDF)" not in preview.content.decode()
    record = record_selectors.final_record(published, with_data=True)
    assert "Protokollsutdrag" not in tool_text(bytes(record.data))


def tool_text(data: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def test_verification_recognises_the_extract(client, published):
    data = client.get(extract_url(published, 3)).content
    response = client.post(
        reverse("meetings:verify"),
        {"file": SimpleUploadedFile("utdrag.pdf", data, "application/pdf")},
    )
    assert response.status_code == 200
    result = response.context["result"]
    assert result.issued and result.published
    assert result.document.is_extract
    assert result.document.paragraph_number == 3
    assert result.signatures_ok
    html = response.content.decode()
    assert "ett protokollsutdrag" in html
    assert f"Protokollsutdrag, § 3 {HEADING}" in html
    assert f"/protokoll/{published.pk}/#paragraf-3" in html


def test_extract_of_a_paper_protokoll_says_so(client, demo_data, tmp_path):
    """The 2018 protokoll was justerat on paper: its extract says so, and names the
    chair and the justerare."""
    protocol = Protocol.objects.get(
        meeting__starts_at__date="2018-09-28", state=Protocol.State.PUBLISHED
    )
    paragraph = protocol.paragraphs.filter(is_public=True).order_by("number")[4]
    response = client.get(extract_url(protocol, paragraph.number))
    assert response.status_code == 200
    text = " ".join(tool_text(response.content).split())
    assert "justerat på papper" in text
    assert "Irén Lejegren, ordförande" in text
    assert "Håkan Söderman, justerare" in text
    assert " ".join(paragraph.heading.split()) in text
    assert f"Utdraget bestyrkt digitalt av {protocol.secretary.name}" in text
    checks = signing.validate_pdf(response.content)
    assert [c.ok for c in checks] == [True]
