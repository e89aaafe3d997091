"""What a restore must bring back, checked: every stored file the database
points at, every signed document's bytes against its stored checksums, and the
signing CA that made those signatures.

The database alone restores no attachment (the files live in the storage), and
a portal that has lost its CA makes a new one on first use, under which every
stored signature looks untrusted. `manage.py check_restore` prints what this
module finds.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from django.apps import apps
from django.conf import settings
from django.db import models
from pyhanko.pdf_utils.reader import PdfFileReader

from council.signing.authority import load_authority, signing_authority
from council.signing.common import Authority, SigningError
from meetings.models import SignedDocument

CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Finding:
    """One problem: what kind, which record, and what is wrong with it."""

    kind: str  # "saknas", "ändrad", "annat CA", "CA"
    record: str
    detail: str


@dataclass
class RestoreReport:
    files_checked: int = 0
    documents_checked: int = 0
    authority: Authority | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings


def _describe(obj: models.Model) -> str:
    return f"{obj._meta.verbose_name} {obj.pk} ”{obj}”"


def _file_fields() -> Iterator[tuple[type[models.Model], models.FileField]]:
    """Every FileField of the installed models. History rows keep only the name
    (simple_history stores it as text), so they are not listed."""
    for model in apps.get_models():
        for model_field in model._meta.get_fields():
            if isinstance(model_field, models.FileField):
                yield model, model_field


def _sha256_of(storage, name: str) -> str:
    digest = hashlib.sha256()
    with storage.open(name, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check_files(report: RestoreReport) -> None:
    """Each stored file exists; where the record keeps the file's SHA-256 (an
    attachment), the bytes still match it."""
    for model, file_field in _file_fields():
        keeps_hash = any(f.name == "sha256" for f in model._meta.concrete_fields)
        rows = model._default_manager.exclude(**{file_field.name: ""}).order_by("pk")
        for obj in rows.iterator():
            name = getattr(obj, file_field.name).name
            report.files_checked += 1
            if not file_field.storage.exists(name):
                report.findings.append(Finding("saknas", _describe(obj), name))
                continue
            stored = getattr(obj, "sha256", "") if keeps_hash else ""
            if stored and _sha256_of(file_field.storage, name) != stored:
                report.findings.append(
                    Finding("ändrad", _describe(obj), f"{name}: SHA-256 stämmer inte")
                )


def current_authority(report: RestoreReport) -> Authority | None:
    """The CA the portal signs with now, without making a test CA as a side
    effect when none exists."""
    if settings.SIGNING_CA_PKCS12:
        try:
            return load_authority(
                settings.SIGNING_CA_PKCS12, settings.SIGNING_CA_PASSPHRASE
            )
        except SigningError as exc:
            report.findings.append(Finding("CA", "SIGNING_CA_PKCS12", str(exc)))
            return None
    if (Path(settings.SIGNING_DEV_CA_DIR) / "test-ca.p12").exists():
        return signing_authority()
    report.findings.append(
        Finding(
            "CA",
            "SIGNING_CA_PKCS12",
            "inte satt, och inget test-CA finns: nästa signering gör ett nytt CA",
        )
    )
    return None


def _signer_certificates(data: bytes) -> list[x509.Certificate]:
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    return [
        x509.load_der_x509_certificate(embedded.signer_cert.dump())
        for embedded in reader.embedded_signatures
    ]


def _issued_by(certificate: x509.Certificate, authority: Authority) -> bool:
    try:
        certificate.verify_directly_issued_by(authority.certificate)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def check_signed_documents(report: RestoreReport) -> None:
    """Each signed document's bytes match its SHA-256 and SHA-512, and its
    signatures were made under the CA in use now."""
    authority = report.authority = current_authority(report)
    foreign: dict[str, list[str]] = {}
    documents = SignedDocument.objects.select_related(
        "protocol__meeting__body", "paragraph"
    ).order_by("pk")
    for document in documents.iterator(chunk_size=20):
        report.documents_checked += 1
        data = bytes(document.data)
        if (
            hashlib.sha256(data).hexdigest() != document.sha256
            or hashlib.sha512(data).hexdigest() != document.sha512
        ):
            report.findings.append(
                Finding(
                    "ändrad",
                    _describe(document),
                    f"filens SHA-256 är {hashlib.sha256(data).hexdigest()}, "
                    f"lagrad {document.sha256}",
                )
            )
            continue
        try:
            certificates = _signer_certificates(data)
        except Exception as exc:  # an unreadable PDF is a finding, not a crash
            report.findings.append(
                Finding("ändrad", _describe(document), f"kan inte läsas: {exc}")
            )
            continue
        for certificate in certificates:
            if authority is None or not _issued_by(certificate, authority):
                issuer = certificate.issuer.rfc4514_string()
                foreign.setdefault(issuer, []).append(_describe(document))
                break
    for issuer, described in foreign.items():
        report.findings.append(
            Finding(
                "annat CA",
                f"{len(described)} signerade dokument",
                f"signerade av {issuer}, inte av det CA som används nu; "
                f"till exempel {described[0]}",
            )
        )


def restore_check() -> RestoreReport:
    report = RestoreReport()
    check_files(report)
    check_signed_documents(report)
    return report
