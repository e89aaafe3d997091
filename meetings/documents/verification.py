"""Verification for anyone: is this file a document the portal issued, and do its
signatures hold?

A file is recognised by its SHA-256 among the final signed documents (protokoll
and protokollsutdrag); a pasted checksum may also be the SHA-512 that OParl gives. An uploaded file's signatures are validated live against
the portal's CA; for a pasted checksum the verification record kept when each
signature was made is shown instead. Nothing that is not public leaks: of a
document whose protokoll is not published, only the fact that the portal issued
it is told.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, field, replace

from cryptography.hazmat.primitives import hashes
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _

from council import signing
from council.signing.revocation import current_crl_der
from meetings.documents import record as record_selectors
from meetings.documents.evidence import passkey_findings, passkey_state
from meetings.documents.signature_report import SignatureReport
from meetings.models import Protocol, SignatureRecord, SignedDocument

PDF_MAGIC = b"%PDF-"
# A SHA-256 (64 hex digits) or a SHA-512 (128), as OParl gives a file's checksum.
CHECKSUM_HEX = re.compile(r"[0-9a-f]{64}|[0-9a-f]{128}")
DEFAULT_MAX_BYTES = 30 * 1024 * 1024


def max_bytes() -> int:
    """The largest file that may be uploaded for checking (VERIFY_MAX_BYTES)."""
    return int(getattr(settings, "VERIFY_MAX_BYTES", DEFAULT_MAX_BYTES))


# --- Input ---------------------------------------------------------------------------


def parse_checksum(text: str) -> str:
    """A SHA-256 or SHA-512 as hex digits, in lower case; anything else is refused."""
    digest = (text or "").strip().lower()
    if not digest:
        raise ValidationError(_("Ange filens kontrollsumma."), code="required")
    if not CHECKSUM_HEX.fullmatch(digest):
        raise ValidationError(
            _(
                "Det där är ingen kontrollsumma. En SHA-256 består av exakt 64 tecken "
                "och en SHA-512 av 128, bara siffrorna 0–9 och bokstäverna a–f (du "
                "angav %(count)s tecken)."
            )
            % {"count": len(digest)},
            code="invalid",
        )
    return digest


def read_upload(uploaded: UploadedFile) -> bytes:
    """The uploaded PDF's bytes: size first (cheap), then what the content is."""
    limit = max_bytes()
    size = uploaded.size or 0
    if size > limit:
        raise ValidationError(
            _(
                "Filen är för stor (%(size)s). Största fil som kan kontrolleras är "
                "%(max)s."
            )
            % {"size": filesizeformat(size), "max": filesizeformat(limit)},
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("Filen är tom."), code="empty")
    uploaded.seek(0)
    data = uploaded.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(
            _("Filen är för stor. Största fil som kan kontrolleras är %(max)s.")
            % {"max": filesizeformat(limit)},
            code="too_large",
        )
    if not data.startswith(PDF_MAGIC):
        raise ValidationError(
            _(
                "Filen är ingen PDF. Bara PDF-filer kan kontrolleras här; en PDF "
                "börjar med %%PDF-, vad filen än heter."
            ),
            code="not_pdf",
        )
    return data


# --- What was found ------------------------------------------------------------------


@dataclass(frozen=True)
class IssuedDocument:
    """What may be told of a document the portal issued for a published protokoll."""

    kind: str  # SignedDocument.Kind
    kind_label: str
    body_name: str
    meeting_starts_at: datetime.datetime
    version: int
    paragraph_number: int | None
    paragraph_heading: str
    finalised_at: datetime.datetime | None
    public_url: str
    superseded_by_version: int | None = None
    superseded_by_url: str = ""

    @property
    def is_extract(self) -> bool:
        return self.kind == SignedDocument.Kind.EXTRACT


@dataclass(frozen=True)
class Verification:
    """The answer: recognised or not, what it is, and how its signatures hold."""

    checksum: str  # the file's SHA-256, or the one pasted: SHA-256 or SHA-512
    uploaded: bool  # False: a pasted checksum
    issued: bool = False
    published: bool = False
    document: IssuedDocument | None = None  # only for a published protokoll
    signatures: list[signing.SignatureCheck] = field(default_factory=list)
    unreadable: bool = False  # an upload pyHanko could not read
    size: int | None = None

    @property
    def checksum_name(self) -> str:
        return "SHA-512" if len(self.checksum) == 128 else "SHA-256"

    @property
    def sha256(self) -> str:
        return self.checksum if self.checksum_name == "SHA-256" else ""

    @property
    def report(self) -> SignatureReport:
        return SignatureReport.of(self.signatures, checked_now=self.uploaded)

    @property
    def signatures_ok(self) -> bool:
        return self.report.ok

    @property
    def broken(self) -> bool:
        return self.report.broken


def _issued_document(document: SignedDocument) -> IssuedDocument:
    protocol = document.protocol
    meeting = protocol.meeting
    paragraph = document.paragraph
    url = reverse("meetings:protocol_detail", args=[protocol.pk])
    if paragraph is not None and paragraph.number:
        url += f"#paragraf-{paragraph.number}"
    newer = record_selectors.newest_published_correction(protocol)
    newer_url = ""
    if newer is not None:
        newer_url = reverse("meetings:protocol_detail", args=[newer.pk])
        if paragraph is not None and paragraph.number:
            # A correction keeps the paragraph numbers of the version it replaces.
            newer_url += f"#paragraf-{paragraph.number}"
    return IssuedDocument(
        kind=document.kind,
        kind_label=document.get_kind_display(),
        body_name=meeting.body.name,
        meeting_starts_at=meeting.starts_at,
        version=protocol.version,
        paragraph_number=paragraph.number if paragraph else None,
        paragraph_heading=paragraph.heading if paragraph else "",
        finalised_at=document.finalised_at,
        public_url=url,
        superseded_by_version=newer.version if newer else None,
        superseded_by_url=newer_url,
    )


def _from_record(record: SignatureRecord) -> signing.SignatureCheck:
    return signing.SignatureCheck(
        field_name=record.field_name,
        signer=record.signer_name,
        role=record.role,
        signed_at=record.signed_at,
        serial=record.certificate_serial,
        issuer=record.certificate_issuer,
        intact=record.intact,
        valid=record.valid,
        trusted=record.trusted,
        summary=record.summary,
        timestamp_at=record.timestamp_at,
        timestamp_authority=record.timestamp_authority,
        timestamp_trusted=record.timestamp_trusted,
        validation_data_embedded=record.validation_data_embedded,
        is_document_timestamp=record.is_document_timestamp,
        passkey=record.passkey,
    )


def recorded_report(document: SignedDocument | None) -> SignatureReport | None:
    """The signatures of a stored document as kept when each was made."""
    if document is None:
        return None
    return SignatureReport.of(
        (_from_record(r) for r in document.signatures.all()), checked_now=False
    )


def _facts(document: SignedDocument | None) -> dict:
    if document is None:
        return {}
    published = document.protocol.state == Protocol.State.PUBLISHED
    return {
        "issued": True,
        "published": published,
        "document": _issued_document(document) if published else None,
    }


def verify_checksum(digest: str) -> Verification:
    """Look a SHA-256 or SHA-512 up; show the record kept when it was signed."""
    digest = parse_checksum(digest)
    document = record_selectors.document_by_checksum(digest)
    facts = _facts(document)
    signatures = []
    if facts.get("published"):
        signatures = [_from_record(r) for r in document.signatures.all()]
    return Verification(
        checksum=digest,
        uploaded=False,
        signatures=signatures,
        **facts,
    )


def verify_upload(data: bytes) -> Verification:
    """Recognise a file by its SHA-256 and validate its signatures as they are now."""
    digest = hashlib.sha256(data).hexdigest()
    document = record_selectors.document_by_checksum(digest)
    facts = _facts(document)
    roles = (
        {r.field_name: r.role for r in document.signatures.all()}
        if facts.get("published")
        else {}
    )
    unreadable = False
    try:
        checks = signing.validate_pdf(
            data, document_timestamps=True, crls=[current_crl_der()]
        )
    except Exception:  # noqa: BLE001 - a damaged upload is a finding, not a crash
        checks, unreadable = [], True
    verdicts = passkey_findings(data, document.content_sha256 if document else None)
    return Verification(
        checksum=digest,
        uploaded=True,
        signatures=[
            replace(
                c,
                role=roles.get(c.field_name, ""),
                passkey=(
                    c.passkey
                    if c.is_document_timestamp
                    else passkey_state(verdicts, c.field_name)
                ),
            )
            for c in checks
        ],
        unreadable=unreadable,
        size=len(data),
        **facts,
    )


# --- The CA --------------------------------------------------------------------------


@dataclass(frozen=True)
class CertificateAuthority:
    """The portal's CA as the verification page presents it."""

    name: str
    fingerprint: str  # SHA-256 of the DER certificate, colon-separated
    not_valid_after: datetime.datetime
    is_test: bool


def certificate_authority() -> CertificateAuthority:
    authority = signing.signing_authority()
    certificate = authority.certificate
    names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return CertificateAuthority(
        name=str(names[0].value) if names else certificate.subject.rfc4514_string(),
        fingerprint=certificate.fingerprint(hashes.SHA256()).hex(":").upper(),
        not_valid_after=certificate.not_valid_after_utc,
        is_test=authority.is_test,
    )


def certificate_authority_pem() -> bytes:
    return signing.signing_authority().pem
