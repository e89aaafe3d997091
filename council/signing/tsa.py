"""Trusted time for every signature (RFC 3161): the TSA at SIGNING_TSA_URL, or the
portal's own timestamping authority.

The portal's TSA is a key and a certificate with the timeStamping extended key
usage, issued by the portal's CA and kept like it: a PKCS#12 file from settings
(SIGNING_TSA_PKCS12), or, without one, a development TSA made beside the test CA.
Its tokens are what validators use as the time of a signature; the time the
signer's own software writes is never trusted.
"""

from __future__ import annotations

import datetime
import functools
import os
import tempfile
from pathlib import Path

from asn1crypto import cms, core, tsp
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings
from django.utils import timezone
from pyhanko.sign import signers, timestamps
from pyhanko.sign.timestamps.common_utils import get_nonce
from pyhanko_certvalidator.registry import SimpleCertificateStore

from council.signing.authority import (
    certificate_name,
    issued_by,
    key_pkcs12,
    read_pkcs12,
    signing_authority,
)
from council.signing.common import Authority, SigningError

# The portal's timestamp policy: an OID under the UUID arc (ITU-T X.667), so it
# needs no registration and names no one else's policy.
TSA_POLICY = "2.25.292119577106181107232853579428746615543"


def _der(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(
        certificate.public_bytes(serialization.Encoding.DER)
    )


class Timestamping:
    """The portal's TSA: its certificate and key."""

    def __init__(self, certificate: x509.Certificate, key) -> None:
        self.certificate = certificate
        self.key = key

    @property
    def asn1_certificate(self) -> asn1_x509.Certificate:
        return _der(self.certificate)

    @property
    def name(self) -> str:
        names = self.certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        return str(names[0].value) if names else ""

    def ends_within(self, days: int) -> bool:
        return self.certificate.not_valid_after_utc <= timezone.now() + (
            datetime.timedelta(days=days)
        )


def issue_tsa(authority: Authority, common_name: str = "") -> Timestamping:
    """A new TSA key and certificate from the CA, for SIGNING_TSA_CERTIFICATE_DAYS
    (never beyond the CA's own end)."""
    key = ec.generate_private_key(ec.SECP256R1())
    certificate = (
        issued_by(
            authority,
            key,
            certificate_name(
                common_name or f"{settings.SITE_NAME} tidsstämpeltjänst",
                organisation=settings.SITE_NAME,
            ),
            seconds=settings.SIGNING_TSA_CERTIFICATE_DAYS * 86400,
        )
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
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True
        )
        .sign(authority.key, hashes.SHA256())
    )
    return Timestamping(certificate, key)


def tsa_pkcs12(tsa: Timestamping, passphrase: str) -> bytes:
    return key_pkcs12(tsa.key, tsa.certificate, passphrase)


def load_tsa(path: Path | str, passphrase: str) -> Timestamping:
    key, certificate = read_pkcs12(path, passphrase, setting="SIGNING_TSA_PKCS12")
    return Timestamping(certificate, key)


@functools.cache
def _development_tsa(authority: Authority) -> Timestamping:
    """The TSA beside the test CA, one per CA; replaced when it nears its end so
    that a renewed document timestamp always outlives the one before."""
    fingerprint = authority.certificate.fingerprint(hashes.SHA256()).hex()[:16]
    directory = Path(settings.SIGNING_DEV_CA_DIR)
    path = directory / f"tsa-{fingerprint}.p12"
    if path.exists():
        tsa = load_tsa(path, "")
        if not tsa.ends_within(settings.SIGNING_TIMESTAMP_RENEWAL_DAYS):
            return tsa
    directory.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=directory)
    with os.fdopen(handle, "wb") as out:
        out.write(tsa_pkcs12(issue_tsa(authority), ""))
    os.replace(temporary, path)
    return load_tsa(path, "")


@functools.cache
def _configured_tsa(path: str, passphrase: str) -> Timestamping:
    return load_tsa(path, passphrase)


def timestamping_authority() -> Timestamping:
    """The configured TSA, or the development one beside the test CA. A real CA
    never gets a TSA made on the fly: its key is kept like the CA's."""
    configured = getattr(settings, "SIGNING_TSA_PKCS12", "")
    if configured:
        return _configured_tsa(configured, settings.SIGNING_TSA_PASSPHRASE)
    authority = signing_authority()
    if not authority.is_test:
        raise SigningError(
            "SIGNING_TSA_PKCS12 saknas: skapa portalens tidsstämpeltjänst med "
            "manage.py signing_tsa create, eller ange SIGNING_TSA_URL."
        )
    return _development_tsa(authority)


class PortalTimeStamper(timestamps.TimeStamper):
    """RFC 3161 tokens from the portal's own TSA, made in-process."""

    def __init__(self, tsa: Timestamping, authority: Authority) -> None:
        super().__init__(include_nonce=True)
        key = asn1_keys.PrivateKeyInfo.load(
            tsa.key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        self._tsa = tsa
        self._signer = signers.SimpleSigner(
            signing_cert=tsa.asn1_certificate,
            signing_key=key,
            cert_registry=SimpleCertificateStore.from_certs(
                [authority.asn1_certificate]
            ),
        )

    async def async_request_tsa_response(
        self, req: tsp.TimeStampReq
    ) -> tsp.TimeStampResp:
        imprint: tsp.MessageImprint = req["message_imprint"]
        info = {
            "version": "v1",
            "policy": TSA_POLICY,
            "message_imprint": imprint,
            "serial_number": get_nonce(),
            "gen_time": core.GeneralizedTime(
                timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
            ),
            "tsa": asn1_x509.GeneralName(
                name="directory_name", value=self._tsa.asn1_certificate.subject
            ),
        }
        if req["nonce"].native is not None:
            info["nonce"] = req["nonce"]
        content = cms.EncapsulatedContentInfo(
            {
                "content_type": "tst_info",
                "content": cms.ParsableOctetString(tsp.TSTInfo(info).dump()),
            }
        )
        token = await self._signer.async_sign_general_data(
            content, imprint["hash_algorithm"]["algorithm"].native, detached=False
        )
        return tsp.TimeStampResp(
            {
                "status": tsp.PKIStatusInfo({"status": "granted"}),
                "time_stamp_token": token,
            }
        )


def timestamper() -> timestamps.TimeStamper:
    """Where signatures and documents get their time."""
    url = getattr(settings, "SIGNING_TSA_URL", "")
    if url:
        return timestamps.HTTPTimeStamper(url)
    return PortalTimeStamper(timestamping_authority(), signing_authority())


def timestamp_roots() -> list[asn1_x509.Certificate]:
    """The roots a timestamp's certificate must lead to: the portal's CA, and the
    roots of an external TSA (SIGNING_TSA_ROOTS_PEM)."""
    roots = [signing_authority().asn1_certificate]
    path = getattr(settings, "SIGNING_TSA_ROOTS_PEM", "")
    if path:
        try:
            roots += [
                _der(certificate)
                for certificate in x509.load_pem_x509_certificates(
                    Path(path).read_bytes()
                )
            ]
        except (OSError, ValueError) as exc:
            raise SigningError(f"SIGNING_TSA_ROOTS_PEM kan inte läsas: {exc}") from exc
    return roots
