"""The portal's signing CA, and the short-lived certificate it issues to each
signer.
"""

from __future__ import annotations

import datetime
import functools
import os
import secrets
import tempfile
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings
from django.utils import timezone

from council.signing.common import (
    TEST_CA_NAME,
    Authority,
    SignerIdentity,
    SigningError,
)


def _name(common_name: str, **extra: str) -> x509.Name:
    """A subject or issuer name. It holds no e-mail address or other contact
    detail: signer certificates are embedded in public PDFs."""
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    for oid, value in (
        (NameOID.TITLE, extra.get("title")),
        (NameOID.ORGANIZATIONAL_UNIT_NAME, extra.get("unit")),
        (NameOID.ORGANIZATION_NAME, extra.get("organisation")),
    ):
        if value:
            attributes.append(x509.NameAttribute(oid, value))
    attributes.append(x509.NameAttribute(NameOID.COUNTRY_NAME, "SE"))
    return x509.Name(attributes)


def generate_authority(common_name: str, *, is_test: bool = False) -> Authority:
    """A new self-signed CA key and certificate, valid for twenty years."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = timezone.now()
    name = _name(common_name, organisation=settings.SITE_NAME)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365 * 20))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False
        )
        .sign(key, hashes.SHA256())
    )
    return Authority(certificate=certificate, key=key, is_test=is_test)


def authority_pkcs12(authority: Authority, passphrase: str) -> bytes:
    """The CA as a PKCS#12 file, encrypted with `passphrase` when one is given."""
    common_name = authority.certificate.subject.get_attributes_for_oid(
        NameOID.COMMON_NAME
    )[0].value
    return pkcs12.serialize_key_and_certificates(
        name=str(common_name).encode(),
        key=authority.key,
        cert=authority.certificate,
        cas=None,
        encryption_algorithm=(
            serialization.BestAvailableEncryption(passphrase.encode())
            if passphrase
            else serialization.NoEncryption()
        ),
    )


def load_authority(path: Path | str, passphrase: str) -> Authority:
    """The CA in a PKCS#12 file; SigningError when it cannot be read."""
    try:
        key, certificate, _ = pkcs12.load_key_and_certificates(
            Path(path).read_bytes(), passphrase.encode() if passphrase else None
        )
    except (OSError, ValueError, TypeError) as exc:
        raise SigningError(f"SIGNING_CA_PKCS12 kan inte läsas: {exc}") from exc
    if key is None or certificate is None:
        raise SigningError("SIGNING_CA_PKCS12 saknar nyckel eller certifikat.")
    return Authority(certificate=certificate, key=key, is_test=is_test_ca(certificate))


def is_test_ca(certificate: x509.Certificate) -> bool:
    """Whether the certificate names itself the development test CA."""
    names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return any(name.value == TEST_CA_NAME for name in names)


def _load_or_create_test_ca(directory: Path) -> Authority:
    path = directory / "test-ca.p12"
    if not path.exists():
        directory.mkdir(parents=True, exist_ok=True)
        data = authority_pkcs12(generate_authority(TEST_CA_NAME, is_test=True), "")
        # Written atomically: two workers starting at once keep one CA.
        handle, temporary = tempfile.mkstemp(dir=directory)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(temporary)
    key, certificate, _ = pkcs12.load_key_and_certificates(path.read_bytes(), None)
    return Authority(certificate=certificate, key=key, is_test=True)


@functools.cache
def signing_authority() -> Authority:
    """The configured CA, or the development test CA (created on first use)."""
    configured = getattr(settings, "SIGNING_CA_PKCS12", "")
    if configured:
        return load_authority(configured, settings.SIGNING_CA_PASSPHRASE)
    return _load_or_create_test_ca(Path(settings.SIGNING_DEV_CA_DIR))


def issue_signer_certificate(
    authority: Authority, identity: SignerIdentity
) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """A fresh key and a short-lived certificate bound to the signer's name, role
    and body; no e-mail address, neither in the subject nor as an alternative name."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = timezone.now()
    lifetime = datetime.timedelta(seconds=settings.SIGNER_CERTIFICATE_SECONDS)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(
            _name(
                identity.name,
                title=identity.role,
                unit=identity.body,
                organisation=settings.SITE_NAME,
            )
        )
        .issuer_name(authority.certificate.subject)
        .public_key(key.public_key())
        .serial_number(int.from_bytes(secrets.token_bytes(16), "big") >> 1)
        .not_valid_before(
            now - datetime.timedelta(seconds=settings.SIGNER_CLOCK_SKEW_SECONDS)
        )
        .not_valid_after(now + lifetime)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]),
            critical=False,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(
                authority.certificate.public_key()
            ),
            critical=False,
        )
        .sign(authority.key, hashes.SHA256())
    )
    return key, certificate
