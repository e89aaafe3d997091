"""The portal as its own signing service, in DIGG's model.

A signer who has just confirmed with their password gets a short-lived
certificate bound to their name and role, issued by the portal's signing CA;
that key signs the document (PAdES, a visible stamp in the signer's slot) and is
then discarded. Signatures are sequential incremental revisions, so each earlier
signature stays valid.

The CA comes from settings (a PKCS#12 file and its passphrase). Without one, a
development CA is generated on first use, stored outside the repository and
named as a test CA.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime
import functools
import io
import os
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils import timezone
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.fields import SigFieldSpec, SigSeedSubFilter
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

TEST_CA_NAME = "Samverkansportalen TEST-CA (endast för utveckling och test)"
STAMP_FONT = "fonts/NotoSans-Regular.ttf"
STAMP_FONT_SIZE = 8


class SigningError(Exception):
    """The document could not be signed; nothing was changed."""


@dataclass(frozen=True)
class Authority:
    """The portal's signing CA."""

    certificate: x509.Certificate
    key: ec.EllipticCurvePrivateKey | object
    is_test: bool

    @property
    def asn1_certificate(self) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(
            self.certificate.public_bytes(serialization.Encoding.DER)
        )

    @property
    def pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)


@dataclass(frozen=True)
class SignerIdentity:
    name: str
    role: str  # "Ordförande", "Justerare", "Sekreterare"
    email: str = ""


@dataclass(frozen=True)
class Slot:
    """A signature field: its name, page index and box in PDF points."""

    field_name: str
    page: int
    box: tuple[float, float, float, float]

    def spec(self) -> SigFieldSpec:
        return SigFieldSpec(
            sig_field_name=self.field_name,
            on_page=self.page,
            box=tuple(round(v, 2) for v in self.box),
        )


@dataclass(frozen=True)
class SignatureCheck:
    """What a validator says of one signature, as the verification record keeps it."""

    field_name: str
    signer: str
    signed_at: datetime.datetime | None
    serial: str
    issuer: str
    intact: bool
    valid: bool
    trusted: bool
    covers_whole_file: bool
    summary: str

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.trusted


def _blocking(function, /, *args, **kwargs):
    """Call a pyHanko sync wrapper (it uses asyncio.run) even inside a running loop.

    Under an ASGI server, or beside a browser driver, the calling thread may
    already run an event loop; pyHanko then runs in a worker thread of its own.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


# --- The certificate authority ---------------------------------------------------


def _name(common_name: str, **extra: str) -> x509.Name:
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    for oid, value in (
        (NameOID.TITLE, extra.get("title")),
        (NameOID.ORGANIZATION_NAME, extra.get("organisation")),
        (NameOID.EMAIL_ADDRESS, extra.get("email")),
    ):
        if value:
            attributes.append(x509.NameAttribute(oid, value))
    attributes.append(x509.NameAttribute(NameOID.COUNTRY_NAME, "SE"))
    return x509.Name(attributes)


def _generate_test_ca() -> Authority:
    key = ec.generate_private_key(ec.SECP256R1())
    now = timezone.now()
    name = _name(TEST_CA_NAME, organisation=settings.SITE_NAME)
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
    return Authority(certificate=certificate, key=key, is_test=True)


def _load_or_create_test_ca(directory: Path) -> Authority:
    path = directory / "test-ca.p12"
    if not path.exists():
        directory.mkdir(parents=True, exist_ok=True)
        authority = _generate_test_ca()
        data = pkcs12.serialize_key_and_certificates(
            name=TEST_CA_NAME.encode(),
            key=authority.key,
            cert=authority.certificate,
            cas=None,
            encryption_algorithm=serialization.NoEncryption(),
        )
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
        passphrase = getattr(settings, "SIGNING_CA_PASSPHRASE", "")
        key, certificate, _ = pkcs12.load_key_and_certificates(
            Path(configured).read_bytes(), passphrase.encode() if passphrase else None
        )
        if key is None or certificate is None:
            raise SigningError("SIGNING_CA_PKCS12 saknar nyckel eller certifikat.")
        return Authority(certificate=certificate, key=key, is_test=False)
    return _load_or_create_test_ca(Path(settings.SIGNING_DEV_CA_DIR))


def issue_signer_certificate(
    authority: Authority, identity: SignerIdentity
) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """A fresh key and a short-lived certificate bound to the signer's name and role."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = timezone.now()
    lifetime = datetime.timedelta(seconds=settings.SIGNER_CERTIFICATE_SECONDS)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(
            _name(
                identity.name,
                title=identity.role,
                organisation=settings.SITE_NAME,
                email=identity.email,
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


# --- Signing -----------------------------------------------------------------------


def _stamp_style() -> TextStampStyle:
    font_path = finders.find(STAMP_FONT)
    if not font_path:
        raise SigningError(f"Typsnittet {STAMP_FONT} saknas.")
    return TextStampStyle(
        stamp_text="%(text)s",
        text_box_style=TextBoxStyle(
            font=GlyphAccumulatorFactory(font_path, font_size=STAMP_FONT_SIZE),
            font_size=STAMP_FONT_SIZE,
        ),
        border_width=0,
        background=None,
    )


def sign_pdf(
    data: bytes,
    *,
    identity: SignerIdentity,
    slot: Slot,
    stamp_text: str,
    reason: str,
    later_slots: list[Slot] | tuple[Slot, ...] = (),
    location: str = "",
) -> bytes:
    """Add one signature as an incremental revision; return the new bytes.

    `later_slots` are created as empty fields in this revision (when they do not
    exist yet) so that later signatures count as form filling.
    """
    authority = signing_authority()
    key, certificate = issue_signer_certificate(authority, identity)
    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    existing = {name for name, _, _ in fields.enumerate_sig_fields(writer)}
    for later in later_slots:
        if later.field_name not in existing and later.field_name != slot.field_name:
            fields.append_signature_field(writer, later.spec())
    signer = signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(
            certificate.public_bytes(serialization.Encoding.DER)
        ),
        signing_key=asn1_keys.PrivateKeyInfo.load(
            key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        ),
        cert_registry=SimpleCertificateStore.from_certs([authority.asn1_certificate]),
    )
    tsa_url = getattr(settings, "SIGNING_TSA_URL", "")
    meta = signers.PdfSignatureMetadata(
        field_name=slot.field_name,
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        location=location or None,
        name=identity.name,
        use_pades_lta=False,
    )
    pdf_signer = signers.PdfSigner(
        meta,
        signer=signer,
        timestamper=timestamps.HTTPTimeStamper(tsa_url) if tsa_url else None,
        stamp_style=_stamp_style(),
        new_field_spec=None if slot.field_name in existing else slot.spec(),
    )
    try:
        output = _blocking(
            pdf_signer.sign_pdf, writer, appearance_text_params={"text": stamp_text}
        )
    except Exception as exc:  # pyHanko raises many kinds; none may half-sign
        raise SigningError(f"Dokumentet kunde inte signeras: {exc}") from exc
    finally:
        del key  # the signer's key is used once and discarded
    return output.getvalue()


# --- Validation --------------------------------------------------------------------


def validate_pdf(
    data: bytes, *, authority: Authority | None = None, last_only: bool = False
) -> list[SignatureCheck]:
    """Validate every signature in `data` against the portal's CA.

    `last_only` checks just the newest signature, which covers the whole file:
    what the signing service does right after signing (the earlier signatures
    were checked when they were made).

    Certificates are short-lived by design, so each signature is judged at the
    time it was made; the certificate's own few minutes of validity bound that
    time.
    """
    authority = authority or signing_authority()
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    checks = []
    embedded_signatures = reader.embedded_signatures
    if last_only:
        embedded_signatures = embedded_signatures[-1:]
    for embedded in embedded_signatures:
        moment = embedded.self_reported_timestamp or timezone.now()
        context = ValidationContext(
            trust_roots=[authority.asn1_certificate],
            allow_fetching=False,
            moment=moment,
        )
        certificate = embedded.signer_cert
        try:
            status = _blocking(validate_pdf_signature, embedded, context)
            intact, valid, trusted = status.intact, status.valid, status.trusted
            covers = status.coverage is not None and status.coverage.name in (
                "ENTIRE_FILE",
                "ENTIRE_REVISION",
            )
            summary = status.summary()
        except Exception as exc:  # a broken signature is a finding, not a crash
            intact = valid = trusted = covers = False
            summary = f"Signaturen kunde inte kontrolleras: {exc}"
        checks.append(
            SignatureCheck(
                field_name=embedded.field_name,
                signer=certificate.subject.native.get("common_name", ""),
                signed_at=embedded.self_reported_timestamp,
                serial=format(certificate.serial_number, "x"),
                issuer=certificate.issuer.native.get("common_name", ""),
                intact=intact,
                valid=valid,
                trusted=trusted,
                covers_whole_file=covers,
                summary=summary,
            )
        )
    return checks
