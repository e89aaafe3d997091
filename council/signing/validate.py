"""Validating every signature of a PDF against the portal's CA."""

from __future__ import annotations

import io

from django.utils import timezone
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from council.signing.authority import signing_authority
from council.signing.common import (
    Authority,
    SignatureCheck,
    _blocking,
)


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
