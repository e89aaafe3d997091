"""Helpers for the signing tests."""

import datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from django.utils import timezone

from council import signing


def issue_test_crl(revoked: list[tuple[int, datetime.datetime]] = ()) -> bytes:
    """A CRL from the current CA listing `revoked` (serial, when), DER."""
    authority = signing.signing_authority()
    now = timezone.now()
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(authority.certificate.subject)
        .last_update(now - datetime.timedelta(minutes=1))
        .next_update(now + datetime.timedelta(days=7))
        .add_extension(x509.CRLNumber(1), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(
                authority.certificate.public_key()
            ),
            critical=False,
        )
    )
    for serial, when in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(serial)
            .revocation_date(when)
            .build()
        )
    crl = builder.sign(authority.key, hashes.SHA256())
    return crl.public_bytes(serialization.Encoding.DER)
