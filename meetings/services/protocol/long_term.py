"""Closing the document of record for the long term (PAdES B-LTA).

When the last signature is in (or a certified copy or extract is made), the
signed PDF gets, in one more revision, the justeringsbevis (the passkey
assertions, as a PDF/A-3 associated file), the validation data (the chains and
the CA's current CRL, in the DSS), and then a document timestamp over the whole
file. The timestamp's check is kept beside the signatures' own.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from council import signing
from council.history import save_attributed
from council.signing.finalise import AssociatedFile
from council.signing.revocation import current_crl_der
from meetings.documents.evidence import evidence_for_protocol
from meetings.models import Protocol, SignatureRecord, SignedDocument


def justeringsbevis_files(protocol: Protocol) -> list[AssociatedFile]:
    """The passkey assertions given at this protokoll's justering, as the
    associated file the final PDF carries (none when all used their password)."""
    return [
        AssociatedFile(name, data, mime_type, description)
        for name, data, mime_type, description in evidence_for_protocol(protocol)
    ]


def close_for_long_term(document: SignedDocument, *, actor, files=()) -> None:
    """Add the associated files, the validation data (chain and CRL) and a
    document timestamp as the last revisions (PAdES B-LTA), and keep the check
    of that timestamp beside the signatures' own."""
    try:
        data = signing.finalise_pdf(
            bytes(document.data), crls=[current_crl_der()], files=files
        )
    except signing.SigningError as error:
        raise ValidationError(
            _("Protokollet kunde inte slutföras: %(error)s") % {"error": error}
        ) from error
    document.set_data(data)
    save_attributed(
        document, user=actor, reason=_("Valideringsdata och dokumenttidsstämpel")
    )
    check = signing.validate_pdf(data, last_only=True, document_timestamps=True)[-1]
    if not (check.is_document_timestamp and check.ok):
        raise ValidationError(
            _("Dokumenttidsstämpeln kunde inte bekräftas: %(summary)s")
            % {"summary": check.summary}
        )
    record = SignatureRecord.from_check(
        check, document=document, role=_("Dokumenttidsstämpel")
    )
    save_attributed(record, user=actor, reason=_("Dokumenttidsstämpel kontrollerad"))
