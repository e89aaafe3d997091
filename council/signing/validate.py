"""Validating every signature of a PDF against the portal's CA, each at the time
its RFC 3161 timestamp proves.

A signature's own claim of when it was made (/M, the signing-time attribute) is
never trusted. A signature with a trusted timestamp is judged at that time; one
without is judged now. Revocation data comes from the file's DSS and from the
CA's current revocation list; the portal's CRL is authoritative for its own
certificates, so it is applied to the past as well (a certificate revoked before
a signature's time makes that signature invalid).
"""

from __future__ import annotations

import asyncio
import datetime
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from asn1crypto import crl as asn1_crl
from asn1crypto import x509 as asn1_x509
from django.utils import timezone
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import (
    generic_cms,
    validate_pdf_signature,
    validate_pdf_timestamp,
)
from pyhanko.sign.validation.dss import DocumentSecurityStore, NoDSSFoundError
from pyhanko_certvalidator import ValidationContext

from council.signing.authority import signing_authority
from council.signing.common import Authority, SignatureCheck, _blocking
from council.signing.diff import ACCEPTED_CHANGES, PORTAL_DIFF_POLICY
from council.signing.tsa import timestamp_roots


@dataclass
class _Evidence:
    """What the file and the portal hold for validating offline."""

    certificates: list[asn1_x509.Certificate] = field(default_factory=list)
    crls: list[asn1_crl.CertificateList] = field(default_factory=list)
    dss_certificates: set[bytes] = field(default_factory=set)
    dss_crl_issuers: set[bytes] = field(default_factory=set)


def _evidence(reader: PdfFileReader, extra_crls: Iterable[bytes]) -> _Evidence:
    evidence = _Evidence()
    try:
        dss = DocumentSecurityStore.read_dss(reader)
    except NoDSSFoundError:
        dss = None
    if dss is not None:
        evidence.certificates = list(dss.load_certs())
        evidence.crls = [
            asn1_crl.CertificateList.load(reference.get_object().data)
            for reference in dss.crls
        ]
        evidence.dss_certificates = {c.sha256 for c in evidence.certificates}
        evidence.dss_crl_issuers = {
            crl["tbs_cert_list"]["issuer"].dump() for crl in evidence.crls
        }
    evidence.crls += [asn1_crl.CertificateList.load(der) for der in extra_crls]
    return evidence


def _context(
    roots: list[asn1_x509.Certificate],
    evidence: _Evidence,
    moment: datetime.datetime,
    extra_certificates: Iterable[asn1_x509.Certificate] = (),
) -> ValidationContext:
    return ValidationContext(
        trust_roots=roots,
        other_certs=[*evidence.certificates, *extra_certificates],
        crls=evidence.crls,
        allow_fetching=False,
        revocation_mode="soft-fail",
        retroactive_revinfo=True,
        moment=moment,
    )


def _timing(embedded, context: ValidationContext):
    """The signature's timestamp, validated (or None when it has none)."""
    info = asyncio.run(
        generic_cms.collect_timing_info(
            embedded.signer_info, context, raw_digest=embedded.compute_digest
        )
    )
    return info.get("timestamp_validity")


def _common_name(name: asn1_x509.Name) -> str:
    return name.native.get("common_name", "")


def _embedded_for(certificate, evidence: _Evidence, authority: Authority) -> bool:
    """Whether the DSS holds the chain of `certificate` and a CRL of its issuer."""
    return (
        authority.asn1_certificate.sha256 in evidence.dss_certificates
        and certificate["tbs_certificate"]["issuer"].dump() in evidence.dss_crl_issuers
    )


def _described(embedded, evidence: _Evidence, authority: Authority) -> dict:
    """Who signed, with which certificate, and what the file holds for it."""
    certificate = embedded.signer_cert
    return {
        "field_name": embedded.field_name,
        "signer": _common_name(certificate.subject),
        "serial": format(certificate.serial_number, "x"),
        "issuer": _common_name(certificate.issuer),
        "validation_data_embedded": _embedded_for(certificate, evidence, authority),
    }


def _judged(status, changed: str) -> dict:
    """A pyHanko status as the finding's verdict. Intact means the signed bytes
    are unchanged and what later revisions did is what the workflow does (later
    signatures, the justeringsbevis, validation data, document timestamps)."""
    accepted = status.modification_level in ACCEPTED_CHANGES
    summary = status.summary()
    return {
        "intact": status.intact and accepted,
        "valid": status.valid,
        "trusted": status.trusted,
        "covers_whole_file": (
            status.coverage is not None and status.coverage.name == "ENTIRE_FILE"
        ),
        "summary": summary if accepted else f"{summary}; {changed}",
    }


def _unchecked(summary: str) -> dict:
    return {
        "intact": False,
        "valid": False,
        "trusted": False,
        "covers_whole_file": False,
        "summary": summary,
    }


def _check_signature(embedded, authority, roots, evidence, now) -> SignatureCheck:
    ts_context = _context(roots, evidence, now)
    timestamp_at, timestamp_authority, timestamp_trusted = None, "", False
    try:
        token = _blocking(_timing, embedded, ts_context)
        if token is not None:
            timestamp_at = token.timestamp
            timestamp_trusted = bool(token.intact and token.valid and token.trusted)
            signing_cert = token.signing_cert
            timestamp_authority = (
                _common_name(signing_cert.subject) if signing_cert else ""
            )
        moment = timestamp_at if timestamp_trusted else now
        status = _blocking(
            validate_pdf_signature,
            embedded,
            _context([authority.asn1_certificate], evidence, moment),
            ts_context,
            PORTAL_DIFF_POLICY,
        )
        outcome = _judged(status, "ändrad efter underskriften")
    except Exception as exc:  # a broken signature is a finding, not a crash
        outcome = _unchecked(f"Signaturen kunde inte kontrolleras: {exc}")
    return SignatureCheck(
        **_described(embedded, evidence, authority),
        **outcome,
        signed_at=embedded.self_reported_timestamp,
        timestamp_at=timestamp_at,
        timestamp_authority=timestamp_authority,
        timestamp_trusted=timestamp_trusted,
    )


def _check_document_timestamp(embedded, authority, roots, evidence, now):
    try:
        status = _blocking(
            validate_pdf_timestamp,
            embedded,
            _context(roots, evidence, now),
            PORTAL_DIFF_POLICY,
        )
        outcome = _judged(status, "ändrad efter tidsstämpeln")
        timestamp_at = status.timestamp
    except Exception as exc:
        outcome = _unchecked(f"Tidsstämpeln kunde inte kontrolleras: {exc}")
        timestamp_at = None
    described = _described(embedded, evidence, authority)
    return SignatureCheck(
        **described,
        **outcome,
        signed_at=timestamp_at,
        timestamp_at=timestamp_at,
        timestamp_authority=described["signer"],
        timestamp_trusted=outcome["intact"] and outcome["valid"] and outcome["trusted"],
        is_document_timestamp=True,
    )


def validate_pdf(
    data: bytes,
    *,
    authority: Authority | None = None,
    last_only: bool = False,
    document_timestamps: bool = False,
    crls: Iterable[bytes] = (),
    at: datetime.datetime | None = None,
) -> list[SignatureCheck]:
    """Validate every signature in `data` against the portal's CA.

    `last_only` checks just the newest signature (or document timestamp, with
    `document_timestamps`), which covers the whole file:
    what the signing service does right after signing (the earlier signatures
    were checked when they were made). `document_timestamps` adds a finding for
    each document timestamp (ETSI.RFC3161). `crls` (DER) add revocation data to
    what the file's DSS holds. `at` is the time to validate at (now by default):
    a timestamp's certificate must be valid then.
    """
    authority = authority or signing_authority()
    roots = [authority.asn1_certificate, *timestamp_roots()]
    now = at or timezone.now()
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    evidence = _evidence(reader, crls)
    embedded_signatures = [
        embedded
        for embedded in reader.embedded_signatures
        if document_timestamps or embedded.sig_object_type == "/Sig"
    ]
    if last_only:
        embedded_signatures = embedded_signatures[-1:]
    return [
        (
            _check_signature
            if embedded.sig_object_type == "/Sig"
            else _check_document_timestamp
        )(embedded, authority, roots, evidence, now)
        for embedded in embedded_signatures
    ]
