"""`manage.py check_restore` after a restore: every stored file is there, every
signed document matches its checksums, and the CA in use signed them."""

from __future__ import annotations

import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.writer import PdfFileWriter

from council.signing import SignerIdentity, Slot, sign_pdf, signing_authority
from council.signing import authority as authority_module
from tests.factories import AttachmentFactory, SignedDocumentFactory


def one_page_pdf() -> bytes:
    writer = PdfFileWriter()
    writer.insert_page(
        generic.DictionaryObject(
            {
                generic.NameObject("/Type"): generic.NameObject("/Page"),
                generic.NameObject("/MediaBox"): generic.ArrayObject(
                    [generic.NumberObject(n) for n in (0, 0, 595, 842)]
                ),
            }
        )
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def own_test_ca(settings, tmp_path):
    """Each test signs under its own test CA."""
    settings.SIGNING_DEV_CA_DIR = tmp_path / "test-ca"
    settings.SIGNING_CA_PKCS12 = ""
    signing_authority.cache_clear()
    yield
    signing_authority.cache_clear()


@pytest.fixture
def archive(db):
    """A restored state: an attachment on disk and a final signed protokoll."""
    signed = sign_pdf(
        one_page_pdf(),
        identity=SignerIdentity("Irén Lejegren", "Ordförande"),
        slot=Slot("signatur-ordforande", 0, (50, 50, 250, 100)),
        stamp_text="Justerat digitalt av Irén Lejegren",
        reason="Justering",
    )
    attachment = AttachmentFactory()
    document = SignedDocumentFactory(
        data=signed, is_final=True, finalised_at=timezone.now()
    )
    return attachment, document


def run() -> tuple[str, CommandError | None]:
    out = io.StringIO()
    try:
        call_command("check_restore", stdout=out)
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None


def test_clean_restore_exits_zero(archive):
    """Everything in place: counts, the CA in use, no problem, exit 0."""
    output, error = run()
    assert error is None
    assert "Filer i lagringen: 1 kontrollerade." in output
    assert "Signerade dokument: 1 kontrollerade." in output
    assert "TEST-CA" in output
    assert "Inga problem" in output


def test_missing_file_and_tampered_document_are_both_reported(archive):
    """A database restored without its media and a changed signed PDF: each is
    named, and the command exits non-zero."""
    attachment, original = archive
    default_storage.delete(attachment.file.name)
    # A final document cannot be changed in place (PostgreSQL refuses): the
    # restored copy arrives changed, beside the checksums of the original.
    tampered = bytearray(original.data)
    tampered[-20] ^= 0x01
    document = SignedDocumentFactory(
        data=bytes(tampered),
        sha256=original.sha256,
        sha512=original.sha512,
        is_final=True,
        finalised_at=timezone.now(),
    )
    output, error = run()
    assert error is not None
    assert "2 problem" in str(error)
    assert "Signerade dokument: 2 kontrollerade." in output
    assert "SAKNAS" in output
    assert attachment.file.name in output
    assert f"bilaga {attachment.pk}" in output
    assert "ÄNDRAD" in output
    assert f"signerat dokument {document.pk}" in output
    assert document.sha256 in output


def test_changed_attachment_is_reported(archive):
    """An attachment whose bytes no longer match its SHA-256 is named."""
    attachment, _document = archive
    with default_storage.open(attachment.file.name, "wb") as handle:
        handle.write(b"%PDF-1.7 another file")
    output, error = run()
    assert error is not None
    assert "ÄNDRAD" in output and f"bilaga {attachment.pk}" in output


def test_new_ca_after_restore_is_reported(archive, settings, tmp_path):
    """The CA was not restored and another is in use: the stored signatures are
    reported as made by another CA, which is why they would look invalid."""
    other = authority_module.generate_authority("Region signerings-CA")
    path = tmp_path / "new-ca.p12"
    path.write_bytes(authority_module.authority_pkcs12(other, "hemligt"))
    settings.SIGNING_CA_PKCS12 = str(path)
    settings.SIGNING_CA_PASSPHRASE = "hemligt"
    output, error = run()
    assert error is not None
    assert "ANNAT CA" in output
    assert "TEST-CA" in output  # the issuer of the stored signatures
    assert "Region signerings-CA" in output  # the CA in use


def test_lost_test_ca_is_reported_without_making_a_new_one(archive, settings):
    """No CA configured and the test CA gone: reported, and none is created."""
    ca_file = settings.SIGNING_DEV_CA_DIR / "test-ca.p12"
    ca_file.unlink()
    signing_authority.cache_clear()
    output, error = run()
    assert error is not None
    assert "nästa signering gör ett nytt CA" in output
    assert "ANNAT CA" in output
    assert not ca_file.exists()
