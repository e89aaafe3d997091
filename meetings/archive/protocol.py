"""One justerat protokoll version as an E-ARK SIP for the e-archive.

The representation `protokoll` holds the signed PDF/A of record (its bytes as
stored), every protokollsutdrag issued from it, the bilagor to its §§ (public
and not: the package is for the archive, and only those who may read what is
not public may download it), and the justeringsbevis. The descriptive
metadata is ERMS (erms.py); the preservation metadata is PREMIS, with an event
for each signature and document timestamp (as the portal recorded them when
they were made), each renewal of the timestamp, the publication, the anslag,
a correction, and the package's creation.
"""

from __future__ import annotations

import datetime
import hashlib
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from council.earkiv.package import Agent, Package, PackageFile, Representation
from council.earkiv.premis import PremisAgent, PremisEvent, premis_document
from council.uploads.names import safe_filename
from meetings.archive.erms import erms_document
from meetings.documents.evidence import evidence_for_protocol
from meetings.documents.protocol import (
    ProtocolDocument,
    build_protocol_document,
    protocol_for_document,
)
from meetings.models import Protocol, SignedDocument, TimestampRenewal

REPRESENTATION = "protokoll"
SOFTWARE_AGENT = PremisAgent("samverkansportalen", "Samverkansportalen", "software")


class NotArchivable(ValueError):
    """The protokoll has no final signed record to deliver."""


def archival_agents(body_name: str) -> list[Agent]:
    """The archival creator and the preservation agency as configured
    (settings EARKIV_ARCHIVAL_CREATOR, _ID, EARKIV_PRESERVATION_AGENCY, _ID)."""
    return [
        Agent(
            "ARCHIVIST",
            settings.EARKIV_ARCHIVAL_CREATOR or body_name,
            settings.EARKIV_ARCHIVAL_CREATOR_ID,
        ),
        Agent(
            "PRESERVATION",
            settings.EARKIV_PRESERVATION_AGENCY,
            settings.EARKIV_PRESERVATION_AGENCY_ID,
        ),
    ]


def safe_name(name: str) -> str:
    """The upload's shown name as the archive's file name: the portal's safe
    name, with no spaces, since METS points at it by a URL."""
    return safe_filename(name).replace(" ", "_")


def _record(protocol: Protocol) -> SignedDocument:
    document = SignedDocument.objects.filter(
        protocol=protocol, kind=SignedDocument.Kind.PROTOCOL, is_final=True
    ).first()
    if document is None:
        raise NotArchivable("Protokollet har ingen slutlig signerad handling.")
    return document


def _files(protocol: Protocol, record: SignedDocument, doc) -> list[PackageFile]:
    files = [PackageFile("protokoll.pdf", bytes(record.data), "application/pdf")]
    extracts = SignedDocument.objects.filter(
        protocol=protocol, kind=SignedDocument.Kind.EXTRACT, is_final=True
    ).select_related("paragraph")
    for extract in extracts.order_by("paragraph__order", "pk"):
        number = extract.paragraph.number if extract.paragraph else extract.pk
        files.append(
            PackageFile(
                f"utdrag/utdrag-paragraf-{number}-{extract.pk}.pdf",
                bytes(extract.data),
                "application/pdf",
            )
        )
    for entry in doc.attachments:
        attachment = entry.attachment
        with attachment.file.open("rb") as handle:
            data = handle.read()
        files.append(
            PackageFile(
                f"bilagor/{entry.number:02d}-{safe_name(attachment.original_name)}",
                data,
                attachment.content_type or "application/octet-stream",
            )
        )
    for name, data, mime_type, _description in evidence_for_protocol(protocol):
        files.append(PackageFile(safe_name(name), data, mime_type))
    return files


def _events(
    protocol: Protocol, record: SignedDocument, representation: str
) -> tuple[list[PremisEvent], list[PremisAgent]]:
    pdf = f"representations/{representation}/data/protokoll.pdf"
    agents = {SOFTWARE_AGENT.ident: SOFTWARE_AGENT}
    events = []
    for signature in record.signatures.order_by("order"):
        if signature.is_document_timestamp:
            agent = PremisAgent(
                f"tsa-{hashlib.sha256(signature.signer_name.encode()).hexdigest()[:8]}",
                signature.signer_name,
                "organization",
            )
            detail = f"Dokumenttidsstämpel (RFC 3161) från {signature.signer_name}."
        else:
            agent = PremisAgent(
                f"person-{signature.person_id or signature.pk}",
                signature.signer_name,
                "person",
            )
            detail = (
                f"{signature.role}: {signature.signer_name}. PAdES-underskrift, "
                f"certifikat {signature.certificate_serial} utfärdat av "
                f"{signature.certificate_issuer}"
            )
            if signature.timestamp_at:
                detail += (
                    f"; tidsstämpel {timezone.localtime(signature.timestamp_at):%Y-%m-%d %H:%M}"
                    f" från {signature.timestamp_authority}"
                )
            detail += "."
        agents.setdefault(agent.ident, agent)
        events.append(
            PremisEvent(
                ident=f"signatur-{signature.pk}",
                type="digital signature generation",
                at=signature.timestamp_at or signature.signed_at,
                detail=detail,
                agents=(agent.ident,),
                roles=("implementer",),
                objects=(pdf,),
                outcome="success"
                if signature.valid and signature.intact
                else "failure",
            )
        )
    for renewal in TimestampRenewal.objects.filter(document=record).order_by(
        "renewed_at"
    ):
        events.append(
            PremisEvent(
                ident=f"fornyelse-{renewal.pk}",
                type="digital signature generation",
                at=renewal.renewed_at,
                detail=(
                    f"Ny dokumenttidsstämpel från {renewal.authority}, giltig till "
                    f"{timezone.localtime(renewal.valid_until):%Y-%m-%d}; filen före "
                    f"förnyelsen hade SHA-256 {renewal.previous_sha256}."
                ),
                agents=(SOFTWARE_AGENT.ident,),
                objects=(pdf,),
            )
        )
    if protocol.published_at:
        events.append(
            PremisEvent(
                ident=f"publicering-{protocol.pk}",
                type="dissemination",
                at=protocol.published_at,
                detail="Publicerat på portalen.",
                agents=(SOFTWARE_AGENT.ident,),
                objects=(pdf,),
            )
        )
    notice = getattr(protocol, "notice", None)
    if notice is not None:
        posted = timezone.make_aware(
            datetime.datetime.combine(notice.posted_on, datetime.time(0))
        )
        events.append(
            PremisEvent(
                ident=f"anslag-{notice.pk}",
                type="dissemination",
                at=posted,
                detail=(
                    f"Anslag om justeringen {notice.posted_on:%Y-%m-%d}–"
                    f"{notice.removed_on:%Y-%m-%d}"
                    + (
                        f"; protokollet förvaras {notice.kept_at}"
                        if notice.kept_at
                        else ""
                    )
                    + "."
                ),
                agents=(SOFTWARE_AGENT.ident,),
                objects=(pdf,),
            )
        )
    if protocol.corrects_id:
        events.append(
            PremisEvent(
                ident=f"rattelse-{protocol.pk}",
                type="creation",
                at=protocol.created_at,
                detail=(
                    f"Rättelse (version {protocol.version}) av protokoll "
                    f"{protocol.corrects_id}: {protocol.correction_reason}"
                ),
                agents=(SOFTWARE_AGENT.ident,),
                objects=(pdf,),
            )
        )
    return events, list(agents.values())


def creation_event(created: datetime.datetime) -> PremisEvent:
    return PremisEvent(
        ident="paketering",
        type="information package creation",
        at=created,
        detail="E-ARK SIP 2.1.0 (FGS Paketstruktur 2.0) skapat av portalen.",
        agents=(SOFTWARE_AGENT.ident,),
    )


@dataclass(frozen=True)
class ProtocolParts:
    """What one protokoll version brings to a package."""

    doc: ProtocolDocument
    representation: Representation
    events: list[PremisEvent]
    agents: list[PremisAgent]

    @property
    def paths(self) -> list[tuple[str, PackageFile]]:
        base = f"representations/{self.representation.name}/data"
        return [(f"{base}/{file.path}", file) for file in self.representation.files]


def protocol_parts(protocol: Protocol, *, representation: str) -> ProtocolParts:
    record = _record(protocol)
    doc = build_protocol_document(protocol_for_document(protocol.pk), public=False)
    events, agents = _events(protocol, record, representation)
    return ProtocolParts(
        doc=doc,
        representation=Representation(representation, _files(protocol, record, doc)),
        events=events,
        agents=agents,
    )


def representation_name(protocol: Protocol) -> str:
    """`protokoll-2018-09-28`, with `-v2` for a correction."""
    name = f"protokoll-{protocol.meeting.local_start:%Y-%m-%d}"
    return name + (f"-v{protocol.version}" if protocol.version > 1 else "")


README = """Arkivpaket från Samverkansportalen
==================================

Paketet är ett E-ARK SIP 2.1.0 (E-ARK CSIP 2.1.0), det vill säga FGS
Paketstruktur 2.0 (RAFGS1V2.0). Den beskrivande metadatan följer E-ARK CITS
ERMS 2.1 (FGS Ärendehantering 2.0), bevarandemetadatan PREMIS 3.0.

Innehåll
--------
{contents}

Den signerade PDF/A-filen är protokollets slutliga handling, byte för byte
som portalen lagrade den. Underskrifterna (PAdES) och dokumenttidsstämpeln går
att kontrollera utan portalen: filen bär certifikatkedjor och spärrlistor.
Varje fils storlek och SHA-256 står i METS-filerna och i PREMIS.
"""


def protocol_package(protocol: Protocol, *, created=None) -> Package:
    """The package of one justerat protokoll version; NotArchivable if it has
    no final signed record."""
    parts = protocol_parts(protocol, representation=REPRESENTATION)
    created = created or timezone.now()
    package_id = f"uuid-{uuid.uuid4()}"
    doc = parts.doc
    creator = settings.EARKIV_ARCHIVAL_CREATOR or doc.body.name
    events = sorted([*parts.events, creation_event(created)], key=lambda e: e.at)
    return Package(
        package_id=package_id,
        label=f"{doc.title} {doc.meeting.local_start:%Y-%m-%d}"
        + (f" (version {protocol.version})" if protocol.version > 1 else ""),
        content_type="Protokoll",
        created=created,
        agents=archival_agents(doc.body.name),
        submission_agreement=settings.EARKIV_SUBMISSION_AGREEMENT,
        descriptive=[
            PackageFile(
                "erms.xml",
                erms_document(
                    doc, package_id=package_id, created=created, creator=creator
                ),
                "application/xml",
            )
        ],
        preservation=[
            PackageFile(
                "premis.xml",
                premis_document(parts.paths, events, parts.agents),
                "application/xml",
            )
        ],
        documentation=[readme(parts.paths)],
        representations=[parts.representation],
    )


def readme(paths: list[tuple[str, PackageFile]]) -> PackageFile:
    contents = "\n".join(f"- {path}" for path, _ in paths)
    return PackageFile(
        "LASMIG.txt", README.format(contents=contents).encode("utf-8"), "text/plain"
    )
