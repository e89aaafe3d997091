"""The signed protokoll is public, and so are the signers' certificates embedded in
it: they name the signer, the role and the body, and hold no e-mail address."""

from __future__ import annotations

import io

import pytest
from cryptography import x509
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.reader import PdfFileReader

from meetings.documents import record as record_selectors
from tests.meetings.protocol.record_tools import pdfsig, write

pytestmark = pytest.mark.django_db


def embedded_certificates(data: bytes) -> list[tuple[str, list[x509.Certificate]]]:
    """Each signature's field name and every certificate it carries."""
    reader = PdfFileReader(io.BytesIO(data))
    found = []
    for signature in reader.embedded_regular_signatures:
        certificates = [
            x509.load_der_x509_certificate(cert.chosen.dump())
            for cert in signature.signed_data["certificates"]
        ]
        found.append((signature.field_name, certificates))
    return found


def is_ca(certificate: x509.Certificate) -> bool:
    return certificate.extensions.get_extension_for_class(
        x509.BasicConstraints
    ).value.ca


def test_signer_certificates_hold_name_role_and_body_and_no_email(
    cast, justerat, tmp_path
):
    data = bytes(record_selectors.final_record(justerat).data)
    signatures = embedded_certificates(data)
    assert len(signatures) == 3  # the secretary, the chair, the justerare
    signer_names = set()
    for _field, certificates in signatures:
        for certificate in certificates:
            subject = certificate.subject
            assert not subject.get_attributes_for_oid(NameOID.EMAIL_ADDRESS)
            assert "@" not in subject.rfc4514_string()
            assert "@" not in certificate.issuer.rfc4514_string()
            try:
                names = certificate.extensions.get_extension_for_class(
                    x509.SubjectAlternativeName
                ).value
            except x509.ExtensionNotFound:
                names = []
            assert not [n for n in names if isinstance(n, x509.RFC822Name)]
            assert all("@" not in str(n.value) for n in names)
        (signer,) = [c for c in certificates if not is_ca(c)]
        subject = signer.subject
        signer_names.add(subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value)
        unit = subject.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME)
        assert unit[0].value == "Samverkansrådet för test"
        assert subject.get_attributes_for_oid(NameOID.TITLE)[0].value
    assert signer_names == {
        cast.secretary.person.name,
        cast.chair.person.name,
        cast.member.person.name,
    }
    report = pdfsig(write(tmp_path, "protokoll.pdf", data), tmp_path)
    assert "Signature #3" in report
    assert cast.chair.person.name in report
    assert "@" not in report
