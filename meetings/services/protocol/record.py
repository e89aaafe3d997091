"""The document of record: a protokoll's signed PDF/A, from first signature to final.

When the secretary sends the protokoll for justering (confirming with their
password), the PDF is rendered once from the frozen text and the secretary signs
"Vid protokollet"; that first revision also creates the empty signature fields
of the chair and the justerare, so each later signature is form filling and the
earlier ones stay valid. Each signer who justerar (again with their password)
adds one signature in their slot. When the last one has signed, the bytes are
final: stored once with their SHA-256, never rendered again.

Each signature is validated the moment it is made, and that result is kept as
the verification record beside the file.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council import signing
from council.history import attribute, save_attributed
from council.models import Person
from council.pdf import PdfResourceError, render_pdf_with_anchors
from council.signing import SignerIdentity, Slot
from meetings.documents.content import content_sha256
from meetings.documents.evidence import (
    evidence_document,
    passkey_state,
    verify_evidence,
)
from meetings.documents.protocol import (
    ProtocolDocument,
    build_protocol_document,
    protocol_for_document,
)
from meetings.models import (
    Justering,
    Protocol,
    SignatureRecord,
    SignedDocument,
)
from meetings.services.protocol.long_term import (
    close_for_long_term,
    justeringsbevis_files,
)

PROTOCOL_TEMPLATE = "meetings/pdf/protocol.html"
CERTIFICATION_FIELD = "bestyrkande"

# The role as the certificate and the stamp name it.
ROLE_TITLES = {
    Justering.Role.SECRETARY: "Sekreterare",
    Justering.Role.CHAIR: "Ordförande",
    Justering.Role.JUSTERARE: "Justerare",
}
REASONS = {
    Justering.Role.SECRETARY: "Vid protokollet",
    Justering.Role.CHAIR: "Justering av protokollet",
    Justering.Role.JUSTERARE: "Justering av protokollet",
}


def stamp_time(moment) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def stamp_text(person: Person, role: str, moment) -> str:
    """What the visible signature says, e.g.
    'Justerat digitalt av Irén Lejegren, ordförande, 2026-11-23 14:03'."""
    title = ROLE_TITLES[role].lower()
    verb = "Signerat" if role == Justering.Role.SECRETARY else "Justerat"
    return f"{verb} digitalt av {person.name},\n{title}, {stamp_time(moment)}"


@dataclass(frozen=True)
class RenderedRecord:
    data: bytes
    slots: dict[tuple[str, int], Slot]  # (role, person id) -> its signature field
    certification: Slot | None = None  # a paper protokoll's "bestyrkande"


def signature_fields(doc: ProtocolDocument) -> dict[str, str]:
    """The record's empty signature fields, each named for a screen reader
    by who signs there and in which role (the field's /TU): one per signer
    who signs digitally, or the secretary's certification of a paper copy."""
    if doc.on_paper:
        secretary = next(
            (s.person for s in doc.signers if s.role == Justering.Role.SECRETARY),
            None,
        )
        name = f" av {secretary.name}" if secretary else ""
        if not doc.is_final:
            return {}  # not justerat yet: nothing to certify
        return {CERTIFICATION_FIELD: f"Bestyrkande{name}, sekreterare"}
    return {
        signer.slot_id: f"Underskrift av {signer.person.name}, {signer.label.lower()}"
        for signer in doc.signers
        if signer.person is not None
    }


def render_for_signing(protocol: Protocol) -> RenderedRecord:
    """The complete protokoll (public or not) as it will be signed: no watermark."""
    doc: ProtocolDocument = build_protocol_document(
        protocol_for_document(protocol.pk), public=False
    )
    doc.for_signing = True
    try:
        rendered = render_pdf_with_anchors(
            template_name=PROTOCOL_TEMPLATE,
            context={"doc": doc, "body": doc.body},
            title=f"{doc.title} {doc.meeting.local_start:%Y-%m-%d}",
            signature_fields=signature_fields(doc),
        )
    except PdfResourceError as error:
        raise ValidationError(
            _(
                "Protokollet kunde inte göras till PDF med portalens typsnitt och "
                "layout, så inget har signerats eller skickats. Felet är loggat; "
                "kontakta administratören."
            )
        ) from error
    slots = {}
    for signer in doc.signers:
        anchor = rendered.anchors.get(signer.slot_id)
        if signer.person is None or anchor is None:
            continue
        slots[(signer.role, signer.person.pk)] = Slot(
            signer.slot_id, anchor.page, anchor.box
        )
    anchor = rendered.anchors.get(CERTIFICATION_FIELD)
    certification = (
        Slot(CERTIFICATION_FIELD, anchor.page, anchor.box) if anchor else None
    )
    return RenderedRecord(data=rendered.data, slots=slots, certification=certification)


def _record_signature(
    document: SignedDocument,
    *,
    person: Person,
    role: str,
    field_name: str,
    actor,
    title: str = "",
) -> SignatureRecord:
    """Validate the newest signature of `document.data` and keep what was found."""
    check = signing.validate_pdf(document.data, last_only=True)[-1]
    if check.field_name != field_name or not check.ok:
        raise signing.SigningError(
            f"Signaturen i {field_name} kunde inte bekräftas: {check.summary}"
        )
    record = SignatureRecord.from_check(
        check,
        document=document,
        person=person,
        role=title or ROLE_TITLES[role],
        passkey=_passkey_state(document, field_name),
    )
    save_attributed(
        record, user=actor, reason=_("Signatur kontrollerad när den gjordes")
    )
    return record


def _passkey_state(document: SignedDocument, field_name: str) -> str:
    """The justeringsbevis of this signature, checked against the text being
    signed: none when the signer confirmed with their password."""
    if document.kind != SignedDocument.Kind.PROTOCOL:
        return signing.Passkey.NONE
    evidence = evidence_document(document.protocol)
    if evidence is None:
        return signing.Passkey.NONE
    verdicts = verify_evidence(evidence, document.content_sha256)
    return passkey_state(verdicts, field_name)


def issue_signed(
    document: SignedDocument,
    data: bytes,
    *,
    certifier: Person,
    field_name: str,
    actor,
    reason: str,
    title: str = "",
) -> SignedDocument:
    """Store a new document, signed once by `certifier` (the secretary), with the
    record of that signature. The record goes in before the document is final: on
    PostgreSQL a final document's signatures can no longer be added to."""
    document.set_data(data)
    save_attributed(document, user=actor, reason=reason)
    _record_signature(
        document,
        person=certifier,
        role=Justering.Role.SECRETARY,
        field_name=field_name,
        actor=actor,
        title=title,
    )
    return document


def make_final(document: SignedDocument, *, actor, reason: str, moment=None) -> None:
    """Close the document for the long term; its bytes never change again but
    by a renewed document timestamp."""
    close_for_long_term(document, actor=actor)
    document.is_final = True
    document.finalised_at = moment or timezone.now()
    attribute(document, user=actor, reason=reason)
    document.save()


def _sign(
    data: bytes,
    *,
    person: Person,
    role: str,
    slot: Slot,
    later: list[Slot],
    body: str,
    location: str,
) -> bytes:
    moment = timezone.now()
    try:
        return signing.sign_pdf(
            data,
            identity=SignerIdentity(person.name, ROLE_TITLES[role], body),
            slot=slot,
            later_slots=later,
            stamp_text=stamp_text(person, role, moment),
            reason=REASONS[role],
            location=location,
        )
    except signing.SigningError as error:
        raise ValidationError(
            _("Protokollet kunde inte signeras: %(error)s") % {"error": error}
        ) from error


def discard_unfinished(protocol: Protocol, *, actor, reason: str) -> None:
    """Drop a record still being signed (the text goes back to the secretary)."""
    for document in SignedDocument.objects.filter(
        protocol=protocol, kind=SignedDocument.Kind.PROTOCOL, is_final=False
    ):
        attribute(document, user=actor, reason=reason)
        document.delete()


def open_record(protocol: Protocol, *, person: Person, actor) -> SignedDocument:
    """Render the frozen protokoll and sign it "Vid protokollet" (the secretary).

    Called inside the transaction that sends the protokoll for justering, after
    the § numbers are fixed. The first revision holds every signer's empty field.
    """
    discard_unfinished(protocol, actor=actor, reason=_("Ersatt av ny version"))
    rendered = render_for_signing(protocol)
    own = (Justering.Role.SECRETARY, person.pk)
    slot = rendered.slots[own]
    later = [s for key, s in rendered.slots.items() if key != own]
    data = _sign(
        rendered.data,
        person=person,
        role=Justering.Role.SECRETARY,
        slot=slot,
        later=later,
        body=protocol.meeting.body.name,
        location=protocol.meeting.body.office,
    )
    document = SignedDocument(
        protocol=protocol,
        kind=SignedDocument.Kind.PROTOCOL,
        content_sha256=content_sha256(protocol),
    )
    return issue_signed(
        document,
        data,
        certifier=person,
        field_name=slot.field_name,
        actor=actor,
        reason=_("Protokollet undertecknat vid protokollet"),
    )


def add_signature(
    protocol: Protocol,
    *,
    person: Person,
    role: str,
    digest: str,
    actor,
    final: bool,
) -> SignedDocument:
    """The signer who has just justerat signs their slot; the last one makes it final."""
    document = (
        SignedDocument.objects.select_for_update()
        .filter(protocol=protocol, kind=SignedDocument.Kind.PROTOCOL, is_final=False)
        .first()
    )
    if document is None or document.content_sha256 != digest:
        raise ValidationError(
            _(
                "Protokollets dokument stämmer inte med texten som justeras. "
                "Sekreteraren behöver skicka protokollet för justering igen."
            )
        )
    field_name = f"signatur-{role}-{person.pk}"
    data = _sign(
        bytes(document.data),
        person=person,
        role=role,
        slot=Slot(field_name, 0, (0, 0, 0, 0)),  # the field exists since revision 1
        later=[],
        body=protocol.meeting.body.name,
        location=protocol.meeting.body.office,
    )
    document.set_data(data)
    _record_signature(
        document, person=person, role=role, field_name=field_name, actor=actor
    )
    if final:
        close_for_long_term(
            document, actor=actor, files=justeringsbevis_files(protocol)
        )
        document.is_final = True
        document.finalised_at = timezone.now()
    save_attributed(
        document,
        user=actor,
        reason=_("Slutligt: alla har signerat") if final else _("Signerat"),
    )
    return document


@transaction.atomic
def issue_paper_record(protocol: Protocol, *, certifier: Person, actor=None):
    """A protokoll justerat on paper gets a certified digital copy.

    The paper original with its handwritten signatures stays the record; the PDF
    says so and carries one signature, the secretary's certification that it
    reproduces the justerat text ("Bestyrkt kopia"). The signature slots of the
    justerare stay empty: nobody signed digitally what they signed on paper.
    """
    existing = SignedDocument.objects.filter(
        protocol=protocol, kind=SignedDocument.Kind.PROTOCOL
    ).first()
    if existing is not None:
        return existing
    rendered = render_for_signing(protocol)
    slot = rendered.certification
    if slot is None:
        raise ValidationError(_("Protokollet är inte justerat på papper."))
    moment = timezone.now()
    try:
        data = signing.sign_pdf(
            rendered.data,
            identity=SignerIdentity(
                certifier.name, "Sekreterare", protocol.meeting.body.name
            ),
            slot=slot,
            stamp_text=(
                f"Bestyrkt kopia av det på papper justerade\noriginalet: "
                f"{certifier.name}, sekreterare, {stamp_time(moment)}"
            ),
            reason="Bestyrkt kopia av protokoll justerat på papper",
            location=protocol.meeting.body.office,
        )
    except signing.SigningError as error:
        raise ValidationError(str(error)) from error
    document = SignedDocument(
        protocol=protocol,
        kind=SignedDocument.Kind.PROTOCOL,
        content_sha256=protocol.content_sha256 or content_sha256(protocol),
    )
    issue_signed(
        document,
        data,
        certifier=certifier,
        field_name=slot.field_name,
        actor=actor,
        reason=_("Bestyrkt kopia av pappersoriginalet"),
        title=_("Sekreterare (bestyrkande)"),
    )
    make_final(document, actor=actor, reason=_("Slutligt: bestyrkt"), moment=moment)
    return document
