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
from cryptography.x509.oid import (
    AuthorityInformationAccessOID,
    ExtendedKeyUsageOID,
    NameOID,
    ObjectIdentifier,
)
from django.conf import settings
from django.utils import timezone

from council.signing.common import (
    TEST_CA_NAME,
    Authority,
    SignerIdentity,
    SigningError,
)

DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.5.5.7.3.36")
ADOBE_AUTHENTIC_DOCUMENTS = ObjectIdentifier("1.2.840.113583.1.1.5")


def certificate_name(common_name: str, **extra: str) -> x509.Name:
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
    name = certificate_name(common_name, organisation=settings.SITE_NAME)
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


def key_pkcs12(key, certificate: x509.Certificate, passphrase: str) -> bytes:
    """A key and its certificate as a PKCS#12 file named by the certificate's
    common name, encrypted with `passphrase` when one is given."""
    names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return pkcs12.serialize_key_and_certificates(
        name=str(names[0].value).encode() if names else None,
        key=key,
        cert=certificate,
        cas=None,
        encryption_algorithm=(
            serialization.BestAvailableEncryption(passphrase.encode())
            if passphrase
            else serialization.NoEncryption()
        ),
    )


def write_private_file(path: Path, data: bytes) -> None:
    """Write a new key file that only the portal's own user may read; never over
    an existing file (FileExistsError)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(handle, "wb") as file:
        file.write(data)


def read_pkcs12(path: Path | str, passphrase: str, *, setting: str):
    """The key and certificate in a PKCS#12 file; SigningError naming `setting`
    when it cannot be read."""
    try:
        key, certificate, _ = pkcs12.load_key_and_certificates(
            Path(path).read_bytes(), passphrase.encode() if passphrase else None
        )
    except (OSError, ValueError, TypeError) as exc:
        raise SigningError(f"{setting} kan inte läsas: {exc}") from exc
    if key is None or certificate is None:
        raise SigningError(f"{setting} saknar nyckel eller certifikat.")
    return key, certificate


def authority_pkcs12(authority: Authority, passphrase: str) -> bytes:
    """The CA as a PKCS#12 file, encrypted with `passphrase` when one is given."""
    return key_pkcs12(authority.key, authority.certificate, passphrase)


def load_authority(path: Path | str, passphrase: str) -> Authority:
    """The CA in a PKCS#12 file; SigningError when it cannot be read."""
    key, certificate = read_pkcs12(path, passphrase, setting="SIGNING_CA_PKCS12")
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
    """A fresh key and a certificate bound to the signer's name, role and body; no
    e-mail address, neither in the subject nor as an alternative name. The key
    signs one document and is discarded."""
    key = ec.generate_private_key(ec.SECP256R1())
    builder = issued_by(
        authority,
        key,
        certificate_name(
            identity.name,
            title=identity.role,
            unit=identity.body,
            organisation=settings.SITE_NAME,
        ),
        seconds=settings.SIGNER_CERTIFICATE_SECONDS,
    )
    certificate = (
        builder.add_extension(
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
            # emailProtection is what NSS (pdfsig, Firefox) looks for; the
            # others name document signing (RFC 9336) and Adobe's policy.
            x509.ExtendedKeyUsage(
                [
                    ExtendedKeyUsageOID.EMAIL_PROTECTION,
                    DOCUMENT_SIGNING,
                    ADOBE_AUTHENTIC_DOCUMENTS,
                ]
            ),
            critical=False,
        )
        .sign(authority.key, hashes.SHA256())
    )
    return key, certificate


def _plain_http(address: str) -> str:
    # Validators fetch CRLs and CA certificates over plain HTTP (RFC 5280): the
    # files are signed, and checking them must not depend on a TLS certificate.
    return "http://" + address.split("://", 1)[-1]


def crl_address() -> str:
    return _plain_http(f"{settings.SITE_URL}/pki/ca.crl")


def certificate_address() -> str:
    return _plain_http(f"{settings.SITE_URL}/pki/ca.crt")


def issued_by(
    authority: Authority, public_key_of, subject: x509.Name, *, seconds: int
) -> x509.CertificateBuilder:
    """The common part of every certificate the CA issues: a random serial, a
    start a little in the past, an end `seconds` ahead (0: the CA's own end, never
    beyond it), and where to find the CA's certificate and revocation list."""
    now = timezone.now()
    ca_end = authority.certificate.not_valid_after_utc
    end = (
        ca_end
        if seconds <= 0
        else min(ca_end, now + datetime.timedelta(seconds=seconds))
    )
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(authority.certificate.subject)
        .public_key(public_key_of.public_key())
        .serial_number(int.from_bytes(secrets.token_bytes(16), "big") >> 1)
        .not_valid_before(
            now - datetime.timedelta(seconds=settings.SIGNER_CLOCK_SKEW_SECONDS)
        )
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(
                authority.certificate.public_key()
            ),
            critical=False,
        )
        .add_extension(
            x509.CRLDistributionPoints(
                [
                    x509.DistributionPoint(
                        full_name=[x509.UniformResourceIdentifier(crl_address())],
                        relative_name=None,
                        reasons=None,
                        crl_issuer=None,
                    )
                ]
            ),
            critical=False,
        )
        .add_extension(
            x509.AuthorityInformationAccess(
                [
                    x509.AccessDescription(
                        AuthorityInformationAccessOID.CA_ISSUERS,
                        x509.UniformResourceIdentifier(certificate_address()),
                    )
                ]
            ),
            critical=False,
        )
    )
