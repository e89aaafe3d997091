"""The document of record: the protokoll's signed PDF/A, made by the workflow.

Real tools check the real output: pyHanko and poppler's pdfsig validate each
signature against the portal's CA, pdftotext reads the text, pdfinfo and qpdf
check the file, pdftoppm renders the pages (kept in test-artifacts/).
"""

from __future__ import annotations

import hashlib
import io
import re
import subprocess

import pytest
from django.db import IntegrityError, connection, transaction
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import enumerate_sig_fields

from council import signing
from meetings.models import (
    Paragraph,
    Protocol,
    SignatureRecord,
    SignedDocument,
)
from meetings.services.protocol.correction import protocol_correct
from meetings.services.protocol.justering import (
    protocol_comment,
    protocol_justera,
    protocol_send_to_justering,
)
from tests import factories
from tests.meetings.protocol.record_tools import ARTIFACTS, pdfsig, stored, tool, write


@pytest.mark.django_db
def test_sending_signs_vid_protokollet_and_creates_every_slot(cast, in_justering):
    """Sent for justering: rendered once, signed by the secretary; the chair's and
    the justerare's empty fields are already in that first revision."""
    document = stored(in_justering)
    assert not document.is_final
    checks = signing.validate_pdf(bytes(document.data))
    assert [c.signer for c in checks] == [cast.secretary.person.name]
    assert all(c.ok for c in checks)
    record = document.signatures.get()
    assert (record.signer_name, record.role, record.ok) == (
        cast.secretary.person.name,
        "Sekreterare",
        True,
    )
    reader = PdfFileReader(io.BytesIO(bytes(document.data)))
    fields = {name for name, _value, _ref in enumerate_sig_fields(reader)}
    assert fields == {
        f"signatur-sekreterare-{cast.secretary.person.pk}",
        f"signatur-ordforande-{cast.chair.person.pk}",
        f"signatur-justerare-{cast.member.person.pk}",
    }


@pytest.mark.django_db
def test_justerat_protokoll_has_one_valid_signature_per_signer_in_order(
    cast, justerat, tmp_path
):
    """pyHanko: every signature intact, valid and trusted by the portal's CA, in the
    order they were made; the record beside the file says the same."""
    document = stored(justerat)
    assert document.is_final and document.finalised_at
    data = bytes(document.data)
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.sha512 == hashlib.sha512(data).hexdigest()
    assert document.size == len(data)
    checks = signing.validate_pdf(data)
    expected = [
        cast.secretary.person.name,
        cast.chair.person.name,
        cast.member.person.name,
    ]
    assert [c.signer for c in checks] == expected
    assert all(c.intact and c.valid and c.trusted for c in checks), [
        c.summary for c in checks
    ]
    records = list(document.signatures.order_by("order"))
    assert [(r.signer_name, r.role) for r in records] == [
        (expected[0], "Sekreterare"),
        (expected[1], "Ordförande"),
        (expected[2], "Justerare"),
        ("Samverkansportalen tidsstämpeltjänst", "Dokumenttidsstämpel"),
    ]
    stamp = signing.validate_pdf(data, document_timestamps=True)[-1]
    assert [r.certificate_serial for r in records] == [
        *(c.serial for c in checks),
        stamp.serial,
    ]
    assert all(r.ok for r in records)
    assert all("TEST-CA" in r.certificate_issuer for r in records)


@pytest.mark.django_db
def test_pdfsig_says_valid_and_trusted_for_each_signer_and_a_byte_breaks_it(
    justerat, tmp_path
):
    data = bytes(stored(justerat).data)
    report = pdfsig(write(tmp_path, "protokoll.pdf", data), tmp_path)
    assert report.count("Signature is Valid.") == 3, report
    assert report.count("Certificate is Trusted.") == 3, report
    signers = re.findall(r"Signer Certificate Common Name: (.+)", report)
    # The three signers, and the document timestamp's authority (listed by
    # pdfsig, which does not verify timestamps).
    assert len(signers) == 4
    assert "Samverkansportalen tidsstämpeltjänst" in signers

    # One byte changed inside the first signed range: nothing validates.
    index = 400
    broken = data[:index] + bytes([data[index] ^ 0x01]) + data[index + 1 :]
    report = pdfsig(write(tmp_path, "andrad.pdf", broken), tmp_path)
    assert "Signature is Valid." not in report
    checks = signing.validate_pdf(broken)
    assert not any(c.intact for c in checks)


@pytest.mark.django_db
def test_the_pdf_reads_right_with_the_real_tools(cast, justerat, tmp_path):
    """pdftotext finds every attendee and every heading; pdfinfo says tagged A4;
    the XMP says PDF/A-3B; qpdf finds no errors; each page is kept as a PNG."""
    path = write(tmp_path, "protokoll.pdf", bytes(stored(justerat).data))
    text = tool("pdftotext", "-layout", str(path), "-")
    for person in (cast.chair.person, cast.member.person, cast.secretary.person):
        assert person.name in text
    assert "Eva Sund" in text
    for heading in Paragraph.objects.filter(protocol=justerat).values_list(
        "heading", flat=True
    ):
        assert heading in re.sub(r"\s+", " ", text)
    assert "Justerat digitalt av" in text
    assert "Se de digitala underskrifterna nedan" in text
    info = tool("pdfinfo", str(path))
    assert "Tagged:          yes" in info
    assert re.search(r"Page size: +595\.2\d* x 841\.89 pts \(A4\)", info)
    xmp = tool("pdfinfo", "-meta", str(path))
    assert re.search(r"pdfaid:part(=\"|>)3", xmp)
    assert re.search(r"pdfaid:conformance(=\"|>)A", xmp)
    assert re.search(r"pdfuaid:part(=\"|>)1", xmp)
    assert "No syntax or stream encoding errors" in tool("qpdf", "--check", str(path))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", str(path), str(ARTIFACTS / "arbetsflode")],
        check=True,
    )
    assert list(ARTIFACTS.glob("arbetsflode-*.png"))


@pytest.mark.django_db
def test_comments_discard_the_unfinished_record_and_everyone_signs_again(
    cast, in_justering
):
    """Ändringsförslag send it back: the half-signed PDF goes; the next sending
    renders and signs anew, and everyone justerar (and signs) the new one."""
    protocol_justera(protocol_id=in_justering.pk, actor=cast.chair)
    paragraph = in_justering.paragraphs.first()
    protocol_comment(
        protocol_id=in_justering.pk,
        actor=cast.member,
        comments={paragraph.pk: "Stryk sista meningen."},
    )
    assert not SignedDocument.objects.filter(protocol=in_justering).exists()
    protocol_send_to_justering(protocol_id=in_justering.pk, actor=cast.secretary)
    assert stored(in_justering).signatures.count() == 1
    # The chair's earlier justering was of the earlier document: it is done again.
    protocol_justera(protocol_id=in_justering.pk, actor=cast.chair)
    protocol = protocol_justera(protocol_id=in_justering.pk, actor=cast.member)
    assert protocol.state == Protocol.State.JUSTERAT
    checks = signing.validate_pdf(bytes(stored(protocol).data))
    assert len(checks) == 3 and all(c.ok for c in checks)


@pytest.mark.django_db
def test_a_sender_without_a_person_cannot_sign_vid_protokollet(cast, draft):
    """The administrator account has no person: it cannot sign, so it cannot send."""
    from django.core.exceptions import ValidationError

    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    with pytest.raises(ValidationError, match="undertecknar"):
        protocol_send_to_justering(protocol_id=draft.pk, actor=admin)
    draft.refresh_from_db()
    assert draft.state == Protocol.State.DRAFT
    assert not SignedDocument.objects.exists()


@pytest.mark.django_db
def test_a_correction_has_its_own_record_and_the_old_one_stays(cast, published):
    original = stored(published)
    correction = protocol_correct(
        protocol_id=published.pk, actor=cast.secretary, reason="Fel datum i § 2"
    )
    protocol_send_to_justering(protocol_id=correction.pk, actor=cast.secretary)
    protocol_justera(protocol_id=correction.pk, actor=cast.chair)
    protocol_justera(protocol_id=correction.pk, actor=cast.member)
    new = stored(correction)
    assert new.is_final and new.sha256 != original.sha256
    original.refresh_from_db()
    assert original.is_final
    assert signing.validate_pdf(bytes(original.data))[-1].ok


@pytest.mark.django_db
def test_final_record_refuses_change_in_the_database(justerat):
    """PostgreSQL: a final document and its signature records reject UPDATE,
    DELETE and new signatures (the trigger)."""
    if connection.vendor != "postgresql":
        pytest.skip("the trigger is PostgreSQL's; CI runs this on PostgreSQL")
    document = stored(justerat)
    with pytest.raises(IntegrityError), transaction.atomic():
        SignedDocument.objects.filter(pk=document.pk).update(data=b"%PDF-forged")
    with pytest.raises(IntegrityError), transaction.atomic():
        SignedDocument.objects.filter(pk=document.pk).delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        SignatureRecord.objects.filter(document=document).update(valid=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        record = document.signatures.first()
        record.pk = None
        record.order = 9
        record.field_name = "forged"
        record.save()


@pytest.mark.django_db
def test_send_asks_for_the_password_and_keeps_the_draft(client, cast, draft):
    client.force_login(cast.secretary)
    response = client.post(f"/protokoll/{draft.pk}/skicka/", {"password": "fel"})
    assert response.status_code == 400  # the send page again, the error at the field
    draft.refresh_from_db()
    assert draft.state == Protocol.State.DRAFT
    assert "Lösenordet stämmer inte" in response.content.decode()
    response = client.post(f"/protokoll/{draft.pk}/skicka/", {"password": "pw"})
    draft.refresh_from_db()
    assert draft.state == Protocol.State.IN_JUSTERING
    assert stored(draft).signatures.count() == 1


@pytest.mark.django_db
def test_internal_pdf_is_the_signed_file_once_sent(client, cast, in_justering):
    """The secretary's and the justerare's PDF link gives the file being signed,
    not a second rendering; after justering, the final file."""
    client.force_login(cast.member)
    response = client.get(f"/protokoll/{in_justering.pk}/utkast.pdf")
    assert response.content == bytes(stored(in_justering).data)
    assert response["Cache-Control"] == "private, no-store"
    protocol_justera(protocol_id=in_justering.pk, actor=cast.chair)
    protocol_justera(protocol_id=in_justering.pk, actor=cast.member)
    response = client.get(f"/protokoll/{in_justering.pk}/utkast.pdf")
    assert response.content == bytes(stored(in_justering).data)
    assert len(signing.validate_pdf(response.content)) == 3


@pytest.mark.django_db
def test_a_correction_keeps_the_bilagor(cast, published):
    """The paragraph's bilagor come with the rättelse, sharing the stored file."""
    paragraph = published.paragraphs.order_by("order").first()
    attachment = factories.AttachmentFactory(
        meeting=published.meeting, paragraph=paragraph, is_public=True
    )
    correction = protocol_correct(
        protocol_id=published.pk, actor=cast.secretary, reason="Stavfel i § 1"
    )
    copied = correction.paragraphs.get(order=paragraph.order).attachments.get()
    assert (copied.title, copied.file.name, copied.sha256) == (
        attachment.title,
        attachment.file.name,
        attachment.sha256,
    )
    assert paragraph.attachments.get() == attachment
