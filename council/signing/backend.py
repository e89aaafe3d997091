"""Where a signature value comes from: the one seam for a signing service.

Signing a PDF has three steps, and only the middle one belongs to the backend:

1. *prepare*: the backend names the signer's certificate (and its chain) for an
   identity; the portal then prepares the PDF revision (field, appearance, the
   CMS signed attributes that bind the document's byte-range hash and the
   certificate);
2. *sign a hash*: the backend returns a signature value over the SHA-256 of
   those signed attributes (`sign_digest`);
3. *embed*: the portal wraps it in CMS, adds the RFC 3161 timestamp and writes
   the revision (council.signing.sign).

`PortalSigningBackend` is the portal as its own signing service: a fresh key and
certificate per signature, discarded after use. A Swedish signing service in
DIGG's model (e-legitimation through BankID, Freja or SITHS) fits as another
implementation, named in DOCUMENT_SIGNING_BACKEND: its `prepare` authenticates
the signer with the service and returns the certificate the service issues, and
its `sign_digest` sends the hash in a sign request and returns the signature
value from the response. The README lists what such an adapter must provide.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass, field

from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, utils
from django.conf import settings
from django.utils.module_loading import import_string
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from council.signing.authority import issue_signer_certificate, signing_authority
from council.signing.common import SignerIdentity, SigningError

# Room reserved for a signature value while the revision is prepared: enough for
# ECDSA up to P-521 and RSA up to 4096 bits.
SIGNATURE_PLACEHOLDER_BYTES = 512


@dataclass
class SignerCredential:
    """What `prepare` returns: the signer's certificate and the chain up to (and
    including) its root, DER; `handle` is the backend's own state."""

    certificate: bytes
    chain: list[bytes]
    handle: object = field(default=None, repr=False)


class SigningBackend(abc.ABC):
    """One implementation of the signing service."""

    @abc.abstractmethod
    def prepare(self, identity: SignerIdentity) -> SignerCredential:
        """Authenticate or set up the signer; return their certificate."""

    @abc.abstractmethod
    def sign_digest(
        self, credential: SignerCredential, digest: bytes, algorithm: str
    ) -> bytes:
        """The signature value over `digest` (a hash by `algorithm`, e.g. sha256)
        as the certificate's key makes it: DER ECDSA or PKCS #1 RSA."""

    def finish(self, credential: SignerCredential) -> None:  # noqa: B027
        """Release what `prepare` set up (called whether or not signing worked)."""


class PortalSigningBackend(SigningBackend):
    """The portal's CA issues a one-time certificate; its key signs once."""

    def prepare(self, identity: SignerIdentity) -> SignerCredential:
        authority = signing_authority()
        key, certificate = issue_signer_certificate(authority, identity)
        return SignerCredential(
            certificate=certificate.public_bytes(serialization.Encoding.DER),
            chain=[authority.certificate.public_bytes(serialization.Encoding.DER)],
            handle=key,
        )

    def sign_digest(
        self, credential: SignerCredential, digest: bytes, algorithm: str
    ) -> bytes:
        if algorithm != "sha256":
            raise SigningError(f"Hashalgoritmen {algorithm} stöds inte.")
        key: ec.EllipticCurvePrivateKey = credential.handle
        return key.sign(digest, ec.ECDSA(utils.Prehashed(hashes.SHA256())))

    def finish(self, credential: SignerCredential) -> None:
        credential.handle = None  # the key is used once and discarded


def signing_backend() -> SigningBackend:
    """The backend named in DOCUMENT_SIGNING_BACKEND."""
    try:
        backend = import_string(settings.DOCUMENT_SIGNING_BACKEND)()
    except (ImportError, TypeError) as exc:
        raise SigningError(
            f"DOCUMENT_SIGNING_BACKEND kan inte användas: {exc}"
        ) from exc
    if not isinstance(backend, SigningBackend):
        raise SigningError("DOCUMENT_SIGNING_BACKEND är ingen SigningBackend.")
    return backend


class BackendSigner(signers.Signer):
    """pyHanko's signer, asking a backend for each signature value."""

    def __init__(self, backend: SigningBackend, credential: SignerCredential) -> None:
        self._backend = backend
        self._credential = credential
        super().__init__(
            signing_cert=asn1_x509.Certificate.load(credential.certificate),
            cert_registry=SimpleCertificateStore.from_certs(
                [asn1_x509.Certificate.load(der) for der in credential.chain]
            ),
        )

    async def async_sign_raw(
        self, data: bytes, digest_algorithm: str, dry_run: bool = False
    ) -> bytes:
        if dry_run:
            return bytes(SIGNATURE_PLACEHOLDER_BYTES)
        digest = hashes.Hash(getattr(hashes, digest_algorithm.upper())())
        digest.update(data)
        return self._backend.sign_digest(
            self._credential, digest.finalize(), digest_algorithm
        )
