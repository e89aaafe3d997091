"""Closing a signed PDF for the long term (PAdES B-LT, then B-LTA).

When the last signature is in, one more incremental revision adds:

- the associated files that belong with the signatures (the justeringsbevis),
  each with `/AFRelationship /Supplement` as PDF/A-3 asks;
- the DSS (Document Security Store): every certificate of the chains (the CA,
  the signers', the timestamping authority's) and the CA's current revocation
  list, so that any validator can check the signatures offline;

and, in the same revision, a document timestamp (ETSI.RFC3161) that covers all
of it and everything before: the file's last signature. Before that timestamp's certificate ends, `renew_document_timestamp`
adds fresh revocation data and a new document timestamp in the same way; each
renewal keeps everything before it byte for byte.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable
from dataclasses import dataclass

from asn1crypto import crl as asn1_crl
from django.utils import timezone
from pyhanko.pdf_utils import embed, generic
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.fields import InvisSigSettings
from pyhanko.sign.validation.dss import DocumentSecurityStore

from council.signing.authority import signing_authority
from council.signing.common import SigningError, _blocking
from council.signing.pdfa import incremental_writer
from council.signing.tsa import timestamper, timestamping_authority

DOCUMENT_TIMESTAMP_FIELD = "dokumenttidsstampel"


@dataclass(frozen=True)
class AssociatedFile:
    """A file embedded beside the signatures (PDF/A-3 associated file)."""

    name: str
    data: bytes
    mime_type: str
    description: str


def embed_associated_file(writer, file: AssociatedFile) -> None:
    """Embed `file` in the revision being written, listed in the catalog's /AF
    and the /EmbeddedFiles name tree."""
    moment = timezone.now()
    embedded = embed.EmbeddedFileObject.from_file_data(
        writer,
        data=file.data,
        mime_type=file.mime_type,
        params=embed.EmbeddedFileParams(creation_date=moment, modification_date=moment),
    )
    embed.embed_file(
        writer,
        embed.FileSpec(
            file_spec_string=file.name,
            file_name=file.name,
            embedded_data=embedded,
            description=file.description,
            af_relationship=generic.pdf_name("/Supplement"),
        ),
    )
    # pyHanko appends to an existing /AF array without writing it again.
    associated = writer.root.raw_get("/AF")
    if isinstance(associated, generic.IndirectObject):
        writer.update_container(associated.get_object())


def _document_timestamps(reader: PdfFileReader) -> list:
    return [
        embedded
        for embedded in reader.embedded_signatures
        if embedded.sig_object_type == "/DocTimeStamp"
    ]


def _close(data: bytes, *, crls: Iterable[bytes], files=()) -> bytes:
    writer = incremental_writer(data)
    signed = writer.prev.embedded_signatures  # the file as it is, read once
    for file in files:
        embed_associated_file(writer, file)
    # The CA, the TSA, every signer, and what each signature's CMS carries.
    certificates = {
        certificate.sha256: certificate
        for certificate in [
            signing_authority().asn1_certificate,
            timestamping_authority().asn1_certificate,
            *(embedded.signer_cert for embedded in signed),
            *(c for embedded in signed for c in embedded.other_embedded_certs),
        ]
    }
    DocumentSecurityStore.supply_dss_in_writer(
        writer,
        None,
        certs=list(certificates.values()),
        crls=[asn1_crl.CertificateList.load(der) for der in crls],
    )
    output = io.BytesIO()
    field_name = (
        f"{DOCUMENT_TIMESTAMP_FIELD}-{len(_document_timestamps(writer.prev)) + 1}"
    )
    # Invisible, and its zero-size box outside the page: PDF/A asks every
    # widget to print, PDF/UA to tag every widget on the page; a document
    # timestamp is not on the page and has nothing to show.
    stamper = signers.PdfTimeStamper(
        timestamper(),
        field_name=field_name,
        readable_field_name="Dokumenttidsstämpel",
        invis_settings=InvisSigSettings(box_out_of_bounds=True),
    )
    _blocking(stamper.timestamp_pdf, writer, "sha256", output=output)
    return output.getvalue()


@dataclass(frozen=True)
class NewestTimestamp:
    """The newest document timestamp of a file: who issued it, until when its
    certificate (and so the proof it gives) can be validated."""

    authority: str
    valid_until: datetime.datetime


def newest_document_timestamp(data: bytes) -> NewestTimestamp | None:
    """The last document timestamp in `data`, or None when it has none."""
    stamps = _document_timestamps(PdfFileReader(io.BytesIO(data), strict=False))
    if not stamps:
        return None
    certificate = stamps[-1].signer_cert
    return NewestTimestamp(
        authority=certificate.subject.native.get("common_name", ""),
        valid_until=certificate["tbs_certificate"]["validity"]["not_after"].native,
    )


def finalise_pdf(
    data: bytes, *, crls: Iterable[bytes], files: Iterable[AssociatedFile] = ()
) -> bytes:
    """`data` with its associated files, validation data and a document
    timestamp over them, as one incremental revision; nothing before changes."""
    try:
        return _close(data, crls=list(crls), files=list(files))
    except SigningError:
        raise
    except Exception as exc:  # pyHanko raises many kinds; none may half-close
        raise SigningError(f"Dokumentet kunde inte slutföras: {exc}") from exc


def renew_document_timestamp(data: bytes, *, crls: Iterable[bytes]) -> bytes:
    """A new document timestamp over `data`, with fresh revocation data, before
    the newest timestamp's certificate ends (PAdES B-LTA renewal)."""
    return finalise_pdf(data, crls=crls)
