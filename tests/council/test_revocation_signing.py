"""The CA's own CRL as the signing service uses it: pyHanko takes it as the
revocation data of the signer certificates, a file closed with it carries its
validation data, and a certificate revoked before it signed fails."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from council.models import RevokedCertificate
from council.signing import finalise, revocation, validate_pdf
from tests import factories
from tests.council.test_signing import sign_all, unsigned_pdf  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_authority")]


@pytest.fixture
def signed(unsigned_pdf):  # noqa: F811
    data, slots = unsigned_pdf
    return sign_all(data, slots)


def test_signatures_hold_against_the_current_crl(signed):
    checks = validate_pdf(signed, crls=[revocation.current_crl_der()])
    assert checks
    assert all(check.ok for check in checks), [c.summary for c in checks]


def test_a_file_closed_with_the_crl_carries_its_validation_data(signed):
    final = finalise.finalise_pdf(signed, crls=[revocation.current_crl_der()])
    checks = [c for c in validate_pdf(final) if not c.is_document_timestamp]
    assert checks
    assert all(check.validation_data_embedded for check in checks)
    assert all(check.ok for check in checks), [c.summary for c in checks]


def test_a_certificate_revoked_before_it_signed_fails(signed):
    """Listed on the CA's CRL as revoked before the signature's time: that
    signature fails, the others hold."""
    first, *others = validate_pdf(signed)
    factories.RevokedCertificateFactory(
        serial_number=revocation.parse_serial(f"0x{first.serial}"),
        reason=RevokedCertificate.Reason.KEY_COMPROMISE,
        revoked_at=timezone.now() - datetime.timedelta(hours=1),
    )
    assert revocation.is_revoked(f"0x{first.serial}")
    checks = validate_pdf(signed, crls=[revocation.current_crl_der()])
    assert not checks[0].ok
    assert all(check.ok for check in checks[1 : len(others) + 1])
