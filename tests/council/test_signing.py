"""The portal's signing service: test CA, short-lived signer certificates,
sequential PAdES signatures, and validation by pyHanko and by poppler's pdfsig."""

import datetime
import subprocess
import time

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.utils import timezone

from council import signing
from council.pdf import render_pdf_with_anchors
from council.signing import SignerIdentity, Slot, sign_pdf, validate_pdf
from council.signing import authority as signing_authority_module

SIGNERS = [
    SignerIdentity("Anna Elverskog", "Sekreterare"),
    SignerIdentity("Irén Lejegren", "Ordförande"),
    SignerIdentity("Håkan Söderman", "Justerare"),
]

pytestmark = pytest.mark.usefixtures("fresh_authority")


@pytest.fixture(scope="module")
def unsigned_pdf(django_db_blocker) -> tuple[bytes, list[Slot]]:
    """A real protokoll-like PDF with three signature slots."""
    from django.test import override_settings

    from tests.council.test_pdf import LOCMEM_TEMPLATES

    slots_html = "".join(
        f'<div id="slot{i}" style="width:70mm;height:16mm"></div>' for i in range(3)
    )
    with django_db_blocker.unblock(), override_settings(TEMPLATES=LOCMEM_TEMPLATES):
        rendered = render_pdf_with_anchors(
            template_name="letter.html",
            context={"text": "Protokoll", "rows": [], "raw": slots_html},
            title="Protokoll",
        )
    slots = [
        Slot(
            f"signatur-{i}",
            rendered.anchors[f"slot{i}"].page,
            rendered.anchors[f"slot{i}"].box,
        )
        for i in range(3)
    ]
    return rendered.data, slots


def sign_all(data: bytes, slots: list[Slot]) -> bytes:
    for index, identity in enumerate(SIGNERS):
        data = sign_pdf(
            data,
            identity=identity,
            slot=slots[index],
            later_slots=slots[index + 1 :],
            stamp_text=f"Justerat digitalt av {identity.name}, "
            f"{identity.role.lower()}, 2026-11-23 14:03",
            reason="Justering av protokoll",
        )
    return data


def pdfsig(path, ca_pem: bytes, tmp_path) -> str:
    nss = tmp_path / "nss"
    nss.mkdir(exist_ok=True)
    (tmp_path / "ca.pem").write_bytes(ca_pem)
    subprocess.run(
        ["certutil", "-N", "-d", f"sql:{nss}", "--empty-password"], check=True
    )
    subprocess.run(
        [
            "certutil",
            "-A",
            "-d",
            f"sql:{nss}",
            "-n",
            "CA",
            "-t",
            "CT,C,C",
            "-i",
            str(tmp_path / "ca.pem"),
        ],
        check=True,
    )
    result = subprocess.run(
        ["pdfsig", "-nssdir", f"sql:{nss}", str(path)], capture_output=True, text=True
    )
    return result.stdout


def test_test_ca_is_made_once_outside_the_repository(settings):
    """Without a configured CA a clearly named test CA is created and then reused."""
    first = signing.signing_authority()
    assert first.is_test
    common_name = first.certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    assert "TEST-CA" in common_name[0].value
    assert (settings.SIGNING_DEV_CA_DIR / "test-ca.p12").exists()
    signing.signing_authority.cache_clear()
    assert signing.signing_authority().certificate == first.certificate


def test_configured_pkcs12_is_used(settings, tmp_path):
    """SIGNING_CA_PKCS12 and its passphrase give the CA; no test CA is made."""
    made = signing_authority_module.generate_authority("Region signerings-CA")
    path = tmp_path / "ca.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            name=b"Region",
            key=made.key,
            cert=made.certificate,
            cas=None,
            encryption_algorithm=serialization.BestAvailableEncryption(b"hemligt"),
        )
    )
    settings.SIGNING_CA_PKCS12 = str(path)
    settings.SIGNING_CA_PASSPHRASE = "hemligt"
    authority = signing.signing_authority()
    assert not authority.is_test
    assert authority.certificate == made.certificate
    assert not (settings.SIGNING_DEV_CA_DIR / "test-ca.p12").exists()


def test_signer_certificate_names_the_signer_and_ends_with_the_ca(settings):
    """The certificate carries the signer's name, role and body, no e-mail address;
    it lives until the CA ends (its key is discarded at once), or as configured."""
    authority = signing.signing_authority()
    _key, cert = signing.issue_signer_certificate(
        authority, SignerIdentity("Irén Lejegren", "Ordförande", "SSR")
    )
    subject = cert.subject
    unit = subject.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME)
    assert unit[0].value == "SSR"
    assert not subject.get_attributes_for_oid(NameOID.EMAIL_ADDRESS)
    assert (
        subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Irén Lejegren"
    )
    assert subject.get_attributes_for_oid(NameOID.TITLE)[0].value == "Ordförande"
    assert cert.issuer == authority.certificate.subject
    assert cert.not_valid_after_utc == authority.certificate.not_valid_after_utc
    assert not cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    usages = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36") in usages  # document signing
    points = cert.extensions.get_extension_for_class(x509.CRLDistributionPoints)
    assert points.value[0].full_name[0].value.endswith("/pki/ca.crl")

    settings.SIGNER_CERTIFICATE_SECONDS = 600
    _key, short = signing.issue_signer_certificate(
        authority, SignerIdentity("Irén Lejegren", "Ordförande", "SSR")
    )
    lifetime = short.not_valid_after_utc - timezone.now()
    assert lifetime <= datetime.timedelta(seconds=600)


def test_three_sequential_signatures_all_validate(unsigned_pdf, tmp_path):
    """Secretary, chair and justerare sign in turn; pyHanko and pdfsig accept each."""
    data, slots = unsigned_pdf
    signed = sign_all(data, slots)
    checks = validate_pdf(signed)
    assert [c.signer for c in checks] == [s.name for s in SIGNERS]
    assert all(c.intact and c.valid and c.trusted for c in checks)
    assert checks[-1].covers_whole_file
    assert all("TEST-CA" in c.issuer for c in checks)
    assert len({c.serial for c in checks}) == 3

    path = tmp_path / "signed.pdf"
    path.write_bytes(signed)
    report = pdfsig(path, signing.signing_authority().pem, tmp_path)
    assert report.count("Signature is Valid.") == 3
    assert report.count("Certificate is Trusted.") == 3
    for identity in SIGNERS:
        assert f"Common Name: {identity.name}" in report
    assert "Type: ETSI.CAdES.detached" in report  # PAdES
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True
    ).stdout
    assert "Justerat digitalt av Irén Lejegren, ordförande" in " ".join(text.split())
    qpdf = subprocess.run(
        ["qpdf", "--check", str(path)], capture_output=True, text=True
    )
    assert "No syntax or stream encoding errors" in qpdf.stdout


def test_one_changed_byte_breaks_the_signatures(unsigned_pdf, tmp_path):
    """Flipping one byte of the signed content makes pyHanko and pdfsig reject it."""
    data, slots = unsigned_pdf
    signed = bytearray(sign_all(data, slots))
    # A byte of the original document, which every signature covers.
    signed[len(data) // 4] ^= 0x01
    checks = validate_pdf(bytes(signed))
    assert checks and not any(c.ok for c in checks)
    path = tmp_path / "tampered.pdf"
    path.write_bytes(bytes(signed))
    report = pdfsig(path, signing.signing_authority().pem, tmp_path)
    assert "Signature is Valid." not in report


def test_signature_from_another_ca_is_not_trusted(unsigned_pdf):
    """A file signed under another CA is intact but not trusted by this portal."""
    data, slots = unsigned_pdf
    signed = sign_all(data, slots)
    other = signing_authority_module.generate_authority("Annan CA")
    checks = validate_pdf(signed, authority=other)
    assert all(c.intact for c in checks)
    assert not any(c.trusted for c in checks)


def test_signature_stays_valid_after_the_certificate_expires(unsigned_pdf, settings):
    """Signatures are judged at signing time: a certificate of seconds still verifies."""
    settings.SIGNER_CERTIFICATE_SECONDS = 1
    settings.SIGNER_CLOCK_SKEW_SECONDS = 0
    data, slots = unsigned_pdf
    signed = sign_pdf(
        data,
        identity=SIGNERS[0],
        slot=slots[0],
        stamp_text="Justerat digitalt",
        reason="Justering",
    )
    time.sleep(1.5)  # past the certificate's lifetime
    (check,) = validate_pdf(signed)
    assert check.ok


def test_signing_works_inside_a_running_event_loop(unsigned_pdf):
    """Signing and validating also work where an event loop already runs (ASGI)."""
    import asyncio
    import concurrent.futures

    data, slots = unsigned_pdf

    async def inside_loop():
        signed = sign_pdf(
            data,
            identity=SIGNERS[0],
            slot=slots[0],
            stamp_text="Justerat digitalt",
            reason="Justering",
        )
        return validate_pdf(signed)

    # A thread of its own, so the test's loop is the only one there.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        (check,) = pool.submit(asyncio.run, inside_loop()).result()
    assert check.ok
