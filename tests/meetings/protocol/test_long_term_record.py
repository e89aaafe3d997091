"""The document of record closed for the long term through the real workflow:
validation data and a document timestamp at finalisation, renewal of that
timestamp (recorded, incremental, allowed by the database guard and nothing
else), and what pdfsig and /verifiera/ then say."""

from __future__ import annotations

import hashlib
import io
import subprocess

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from pyhanko.pdf_utils.reader import PdfFileReader

from council import signing
from meetings.models import SignedDocument, TimestampRenewal
from meetings.services.protocol.renewal import document_renew_timestamp, documents_due
from tests.meetings.protocol.record_tools import pdfsig, stored, write
from tests.meetings.protocol.test_verification import text_of, upload

pytestmark = pytest.mark.django_db


def kinds(data: bytes) -> list[str]:
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    return [str(e.sig_object_type) for e in reader.embedded_signatures]


def test_the_final_record_is_closed_with_a_document_timestamp(justerat):
    """After the last justering: every signature timestamped, the DSS filled, a
    document timestamp last; its check kept as a record of its own."""
    document = stored(justerat)
    data = bytes(document.data)
    assert kinds(data) == ["/Sig", "/Sig", "/Sig", "/DocTimeStamp"]
    checks = signing.validate_pdf(data, document_timestamps=True)
    assert all(check.ok for check in checks), [c.summary for c in checks]
    assert all(check.validation_data_embedded for check in checks)
    records = list(document.signatures.order_by("order"))
    assert [r.is_document_timestamp for r in records] == [False] * 3 + [True]
    assert all(r.timestamp_at and r.timestamp_trusted for r in records)
    assert all(r.ok for r in records)


@pytest.mark.parametrize("shift", ["", "+3650d"])
def test_pdfsig_trusts_the_justerat_protokoll_now_and_in_ten_years(
    justerat, tmp_path, shift
):
    path = write(tmp_path, "protokoll.pdf", bytes(stored(justerat).data))
    report = pdfsig(path, tmp_path)
    if shift:
        report = subprocess.run(
            ["faketime", "-f", shift, "pdfsig", "-nssdir", f"sql:{tmp_path / 'nss'}"]
            + [str(path)],
            capture_output=True,
            text=True,
        ).stdout
    assert report.count("Signature is Valid.") == 3, report
    assert report.count("Certificate is Trusted.") == 3, report


def test_a_renewal_appends_a_timestamp_and_is_recorded(justerat, cast):
    """Renewal keeps the old bytes as a prefix, adds a second document
    timestamp, and records what it did; the file still validates."""
    document = stored(justerat)
    before = bytes(document.data)
    renewal = document_renew_timestamp(document, actor=cast.admin)
    document.refresh_from_db()
    after = bytes(document.data)
    assert after.startswith(before) and len(after) > len(before)
    assert document.sha256 == hashlib.sha256(after).hexdigest()
    assert kinds(after)[-2:] == ["/DocTimeStamp", "/DocTimeStamp"]
    assert renewal.previous_sha256 == hashlib.sha256(before).hexdigest()
    assert renewal.sha256 == document.sha256 and renewal.size == len(after)
    assert renewal.valid_until >= renewal.previous_valid_until
    checks = signing.validate_pdf(after, document_timestamps=True)
    assert all(check.ok for check in checks), [c.summary for c in checks]
    history = document.history.order_by("-history_date").first()
    assert history.history_user == cast.admin
    assert "förnyad" in history.history_change_reason


def test_only_documents_near_the_end_are_due(justerat):
    """A fresh document timestamp lives for years: not due within the default
    window, due when the window reaches past its certificate."""
    document = stored(justerat)
    assert document not in [due.document for due in documents_due()]
    assert document in [due.document for due in documents_due(days=365 * 30)]


def test_the_command_lists_then_renews(justerat):
    document = stored(justerat)
    out = io.StringIO()
    call_command("renew_timestamps", "--dry-run", "--days", "20000", stdout=out)
    assert "Skulle förnyas" in out.getvalue()
    assert not TimestampRenewal.objects.exists()
    out = io.StringIO()
    call_command("renew_timestamps", "--days", "20000", stdout=out)
    assert "Dokument förnyade: 1" in out.getvalue()
    assert TimestampRenewal.objects.get().document == document
    out = io.StringIO()
    call_command("renew_timestamps", stdout=out)
    assert "Dokument förnyade: 0" in out.getvalue()


def test_the_guard_allows_only_an_incremental_update(justerat):
    """PostgreSQL: a final document's bytes may grow by appending, nothing else."""
    if connection.vendor != "postgresql":
        pytest.skip("the trigger is PostgreSQL's; CI runs this on PostgreSQL")
    document = stored(justerat)
    data = bytes(document.data)
    rows = SignedDocument.objects.filter(pk=document.pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        rows.update(data=data[:-10] + b"forged %%EOF\n")
    with pytest.raises(IntegrityError), transaction.atomic():
        rows.update(data=data + b"\n", content_sha256="0" * 64)
    with pytest.raises(IntegrityError), transaction.atomic():
        rows.update(data=data[:-1])
    rows.update(data=data + b"\n% appended\n")
    assert bytes(SignedDocument.objects.get(pk=document.pk).data).startswith(data)


def test_verifiera_says_the_final_file_holds(client, justerat):
    """The uploaded final file: every signature and the document timestamp hold,
    with their timestamps and embedded validation data."""
    response = upload(client, bytes(stored(justerat).data))
    page = text_of(response)
    assert response.status_code == 200
    assert "Samlad bedömning: Giltig." in page
    assert "Dokumenttidsstämpel" in page
    assert "Det här försvagar" not in page
