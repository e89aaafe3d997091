"""Protokollsutdrag: one paragraph of a published protokoll, certified as a copy.

On the first request for a public paragraph of a published protokoll, the
paragraph is rendered with the letterhead, the protokoll's facts and its
justering, and the portal's signing service certifies it in the secretary's
name ("Utdragsbestyrkande"). The signed bytes are stored as a final
SignedDocument with its verification record; every later request gets the same
bytes and nothing is rendered again.

The secretary is not present when an extract is made. What the signature
certifies is that the extract reproduces a record that was already justerat and
published, which the portal itself holds; it adds no new decision.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from council import locks, signing
from council.models import Membership, Person
from council.pdf import (
    Letterhead,
    PdfResourceError,
    RenderedPdf,
    render_pdf_with_anchors,
)
from council.pdf_store import WAIT_SECONDS
from council.signing import SignerIdentity, Slot
from meetings.documents import record as record_selectors
from meetings.documents.content import canonical_content
from meetings.documents.protocol import (
    NumberedAttachment,
    ParagraphEntry,
    ProtocolDocument,
    build_protocol_document,
    protocol_for_document,
)
from meetings.models import Justering, Paragraph, Protocol, SignedDocument
from meetings.services.protocol.record import issue_signed, make_final, stamp_time

EXTRACT_TEMPLATE = "meetings/pdf/extract.html"
EXTRACT_FIELD = "utdragsbestyrkande"
EXTRACT_ROLE = "Sekreterare"
EXTRACT_REASON = "Utdragsbestyrkande"


class ExtractUnavailable(Exception):
    """There is no public paragraph of a published protokoll by that number."""


class ExtractError(Exception):
    """The extract could not be issued now (no secretary, or signing failed)."""


@dataclass(frozen=True)
class JusteringLine:
    name: str
    role: str  # "ordförande", "justerare"
    justerat_on: datetime.date | None


def extractable_paragraph(*, protocol_id: int, number: int) -> Paragraph:
    """The public paragraph `number` of a published protokoll, or ExtractUnavailable."""
    paragraph = (
        Paragraph.objects.select_related(
            "protocol__meeting__body", "protocol__secretary", "protocol__corrects"
        )
        .filter(
            protocol_id=protocol_id,
            number=number,
            is_public=True,
            protocol__state=Protocol.State.PUBLISHED,
        )
        .first()
    )
    if paragraph is None:
        raise ExtractUnavailable
    return paragraph


def certifier_for(protocol: Protocol) -> Person | None:
    """The protokoll's secretary, else the body's current secretary."""
    if protocol.secretary_id:
        return protocol.secretary
    membership = (
        Membership.objects.current()
        .filter(body=protocol.meeting.body_id, role=Membership.Role.SECRETARY)
        .select_related("person")
        .order_by("starts", "pk")
        .first()
    )
    return membership.person if membership else None


def extract_content_sha256(protocol: Protocol, paragraph: Paragraph) -> str:
    """Fingerprint of what the extract reproduces: the justerat text's own
    fingerprint and the paragraph as the canonical content has it."""
    content = canonical_content(protocol)
    entry = next(p for p in content["paragraphs"] if p["number"] == paragraph.number)
    data = {
        "protocol_content_sha256": protocol.content_sha256,
        "version": protocol.version,
        "paragraph": entry,
    }
    serialised = json.dumps(
        data, ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(serialised.encode("utf-8")).hexdigest()


def _justering_lines(doc: ProtocolDocument) -> list[JusteringLine]:
    lines = []
    for signer in doc.signers:
        if signer.role == Justering.Role.SECRETARY or signer.person is None:
            continue
        done = signer.justering
        lines.append(
            JusteringLine(
                name=signer.person.name,
                role=signer.label.lower(),
                justerat_on=timezone.localdate(done.justerat_at) if done else None,
            )
        )
    return lines


def extract_context(paragraph: Paragraph, *, certifier: Person) -> dict:
    """What the extract shows. Attachment numbers follow the complete record."""
    protocol = paragraph.protocol
    doc = build_protocol_document(protocol_for_document(protocol.pk), public=False)
    entry = next(e for e in doc.paragraphs if e.paragraph.pk == paragraph.pk)
    public_entry = ParagraphEntry(
        paragraph=entry.paragraph,
        action_items=entry.action_items,
        attachments=[
            NumberedAttachment(number=a.number, attachment=a.attachment)
            for a in entry.attachments
            if a.attachment.is_public
        ],
    )
    record = record_selectors.final_record(protocol)
    body = doc.body
    return {
        "doc": doc,
        "body": body,
        "protocol": protocol,
        "entry": public_entry,
        "p": public_entry.paragraph,
        "justering": _justering_lines(doc),
        "certifier": certifier,
        "record_sha256": record.sha256 if record else "",
        "verify_url": f"{settings.SITE_URL}{reverse('meetings:verify')}",
        "protocol_url": (
            f"{settings.SITE_URL}"
            f"{reverse('meetings:protocol_detail', args=[protocol.pk])}"
        ),
        "letterhead": Letterhead(
            body_name=body.name, office=body.office, secretary=certifier.name
        ),
    }


def extract_render(paragraph: Paragraph, *, certifier: Person) -> RenderedPdf:
    """The extract as it will be certified, not yet signed."""
    meeting = paragraph.protocol.meeting
    return render_pdf_with_anchors(
        template_name=EXTRACT_TEMPLATE,
        context=extract_context(paragraph, certifier=certifier),
        title=(
            f"Protokollsutdrag {meeting.body.name} "
            f"{meeting.local_start:%Y-%m-%d} § {paragraph.number}"
        ),
        signature_fields={
            EXTRACT_FIELD: f"Utdragsbestyrkande av {certifier.name}, sekreterare"
        },
    )


def _render_and_sign(paragraph: Paragraph, *, certifier: Person) -> bytes:
    meeting = paragraph.protocol.meeting
    try:
        rendered = extract_render(paragraph, certifier=certifier)
    except PdfResourceError as error:
        raise ExtractError(str(error)) from error
    anchor = rendered.anchors.get(EXTRACT_FIELD)
    if anchor is None:
        raise ExtractError(_("Utdraget saknar plats för bestyrkandet."))
    moment = timezone.now()
    try:
        return signing.sign_pdf(
            rendered.data,
            identity=SignerIdentity(certifier.name, EXTRACT_ROLE, meeting.body.name),
            slot=Slot(EXTRACT_FIELD, anchor.page, anchor.box),
            stamp_text=(
                f"Utdraget bestyrkt digitalt av {certifier.name},\n"
                f"sekreterare, {stamp_time(moment)}"
            ),
            reason=EXTRACT_REASON,
            location=meeting.body.office,
        )
    except signing.SigningError as error:
        raise ExtractError(str(error)) from error


@transaction.atomic
def _store(paragraph: Paragraph, *, data: bytes, certifier: Person) -> SignedDocument:
    """Keep the signed bytes with their verification record; final at once."""
    protocol = paragraph.protocol
    document = SignedDocument(
        protocol=protocol,
        paragraph=paragraph,
        kind=SignedDocument.Kind.EXTRACT,
        content_sha256=extract_content_sha256(protocol, paragraph),
    )
    issue_signed(
        document,
        data,
        certifier=certifier,
        field_name=EXTRACT_FIELD,
        actor=None,
        reason=_("Protokollsutdrag utfärdat på begäran"),
        title=EXTRACT_ROLE,
    )
    make_final(document, actor=None, reason=_("Slutligt: utdraget bestyrkt"))
    return document


def extract_issue(*, protocol_id: int, number: int) -> SignedDocument:
    """The certified extract of one paragraph, with its bytes: made on first use.

    Raises ExtractUnavailable when the paragraph is not public or the protokoll
    not published, ExtractError when it cannot be issued now. One request makes
    it: the others wait for it (council/locks.py, across workers on PostgreSQL)
    and get the stored one.
    """
    paragraph = extractable_paragraph(protocol_id=protocol_id, number=number)
    existing = record_selectors.final_extract(paragraph.pk, with_data=True)
    if existing is not None:
        return existing
    certifier = certifier_for(paragraph.protocol)
    if certifier is None:
        raise ExtractError(
            _("Organet har ingen sekreterare som kan bestyrka utdraget.")
        )
    try:
        with locks.exclusive(f"extract:{paragraph.pk}", timeout=WAIT_SECONDS):
            # Whoever held the lock before may have issued it meanwhile.
            existing = record_selectors.final_extract(paragraph.pk, with_data=True)
            if existing is not None:
                return existing
            return _issue(paragraph, certifier=certifier)
    except locks.LockTimeout as waited:
        raise ExtractError(str(waited)) from waited


def _issue(paragraph: Paragraph, *, certifier: Person) -> SignedDocument:
    data = _render_and_sign(paragraph, certifier=certifier)
    try:
        return _store(paragraph, data=data, certifier=certifier)
    except (IntegrityError, ValidationError):
        # Another process stored its extract first (the unique constraint, or
        # full_clean seeing the committed row): that one is the extract.
        existing = record_selectors.final_extract(paragraph.pk, with_data=True)
        if existing is None:
            raise
        return existing
    except signing.SigningError as error:
        raise ExtractError(str(error)) from error
