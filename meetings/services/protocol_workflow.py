"""The protokoll's way from draft to published, one function per transition.

utkast → för justering (numbers fixed, the PDF rendered and signed "Vid
protokollet", chair and justerare notified) → either back to utkast
(ändringsförslag) or justerat (everyone required has justerat, and signed, the
same text, by its SHA-256; the signed PDF is then final) → publicerat (no
personnummer; anslag if the body uses it). A justerat protokoll never changes: a
rättelse is a new version.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from council.history import attribute
from council.models import Body
from council.permissions import person_of
from meetings import permissions
from meetings.models import (
    ActionItem,
    Attachment,
    Justering,
    Meeting,
    Notice,
    Paragraph,
    ParagraphComment,
    Protocol,
)
from meetings.protocol_content import content_sha256, find_personnummer
from meetings.services import protocol_notifications as notifications
from meetings.services import protocol_record as record
from meetings.services.protocol import (
    EDITABLE_PARAGRAPH_FIELDS,
    lock_protocol,
    present_people,
)


def move(protocol: Protocol, target: str) -> None:
    """Follow Protocol.TRANSITIONS or refuse with a message."""
    if target not in Protocol.TRANSITIONS[protocol.state]:
        raise ValidationError(
            _("Protokollet är %(state)s och kan inte bli %(target)s.")
            % {
                "state": protocol.get_state_display().lower(),
                "target": Protocol.State(target).label.lower(),
            }
        )
    protocol.state = target


# Numbering ------------------------------------------------------------------------


def _next_number(protocol: Protocol) -> int:
    """The first free § number: per protokoll, or per body and calendar year."""
    meeting = protocol.meeting
    body = meeting.body
    if body.numbering == Body.Numbering.PER_YEAR:
        year = meeting.local_start.year
        start = timezone.make_aware(datetime.datetime(year, 1, 1))
        end = timezone.make_aware(datetime.datetime(year + 1, 1, 1))
        used = Paragraph.objects.filter(
            protocol__meeting__body=body,
            protocol__meeting__starts_at__gte=start,
            protocol__meeting__starts_at__lt=end,
        )
    else:
        used = Paragraph.objects.filter(protocol__meeting=meeting)
    return (used.aggregate(top=Max("number"))["top"] or 0) + 1


def assign_numbers(protocol: Protocol, *, actor: Any) -> None:
    """Give every paragraph without a number the next free one, in order.

    Called under a lock on the body, so two protokoll of one year never get the
    same numbers. A number once given stays with its paragraph.
    """
    Body.objects.select_for_update().get(pk=protocol.meeting.body_id)
    number = _next_number(protocol)
    for paragraph in Paragraph.objects.filter(protocol=protocol).order_by("order"):
        if paragraph.number is None:
            paragraph.number = number
            number += 1
            attribute(paragraph, user=actor, reason=_("Paragrafnummer fastställt"))
            paragraph.save(update_fields=["number"])


# Sending for justering ------------------------------------------------------------


@transaction.atomic
def protocol_send_to_justering(*, protocol_id: int, actor: Any) -> Protocol:
    """Freeze the draft, fix § numbers and ask the chair and justerare to justera."""
    protocol = lock_protocol(protocol_id)
    if not permissions.can_send_protocol(actor, protocol):
        raise PermissionDenied
    move(protocol, Protocol.State.IN_JUSTERING)
    problems = []
    if protocol.chair_id is None:
        problems.append(_("ordförande"))
    if not protocol.justerare.exists():
        problems.append(_("minst en justerare"))
    if not Paragraph.objects.filter(protocol=protocol).exists():
        problems.append(_("minst en paragraf"))
    if problems:
        raise ValidationError(
            _("Protokollet kan inte skickas för justering: ange %(what)s.")
            % {"what": ", ".join(problems)}
        )
    present = {p.pk for p in present_people(protocol.meeting)}
    if not present:
        raise ValidationError(
            _("Registrera närvaron innan protokollet skickas för justering.")
        )
    # Whoever sends it signs it "Vid protokollet", so that is a person.
    secretary = person_of(actor)
    if secretary is None:
        raise ValidationError(
            _(
                "Protokollet skickas för justering av sekreteraren, som undertecknar "
                "det vid protokollet. Ditt konto hör inte till någon person."
            )
        )
    protocol.secretary = secretary
    assign_numbers(protocol, actor=actor)
    now = timezone.now()
    for comment in ParagraphComment.objects.filter(
        paragraph__protocol=protocol, resolved_at__isnull=True
    ):
        comment.resolved_at = now
        attribute(comment, user=actor, reason=_("Hanterat i ny version för justering"))
        comment.save(update_fields=["resolved_at"])
    protocol.lock_version += 1
    attribute(protocol, user=actor, reason=_("Skickat för justering"))
    protocol.full_clean()
    protocol.save()
    # A justering is a signature on one rendering of one exact text: each time
    # the protokoll goes out, everyone justerar (and signs) the new document.
    for old in Justering.objects.filter(protocol=protocol):
        attribute(old, user=actor, reason=_("Protokollet skickat för justering igen"))
        old.delete()
    record.open_record(protocol, person=secretary, actor=actor)
    meeting = Meeting.objects.select_for_update().get(pk=protocol.meeting_id)
    if Meeting.State.HELD in Meeting.TRANSITIONS[meeting.state]:
        meeting.state = Meeting.State.HELD
        attribute(meeting, user=actor, reason=_("Protokollet skickat för justering"))
        meeting.full_clean()
        meeting.save()
    transaction.on_commit(
        lambda: notifications.justering_requested(protocol_id=protocol.pk)
    )
    return protocol


@transaction.atomic
def protocol_comment(
    *, protocol_id: int, actor: Any, comments: dict[int, str]
) -> list[ParagraphComment]:
    """Ändringsförslag from the chair or a justerare: back to the secretary."""
    protocol = lock_protocol(protocol_id)
    if not permissions.can_comment_protocol(actor, protocol):
        raise PermissionDenied
    if protocol.state != Protocol.State.IN_JUSTERING:
        raise ValidationError(
            _("Protokollet är %(state)s; ändringsförslag lämnas under justeringen.")
            % {"state": protocol.get_state_display().lower()}
        )
    texts = {pk: text.strip() for pk, text in comments.items() if text.strip()}
    if not texts:
        raise ValidationError(_("Skriv ett ändringsförslag till minst en paragraf."))
    paragraphs = Paragraph.objects.filter(protocol=protocol, pk__in=texts)
    if len(paragraphs) != len(texts):
        raise ValidationError(_("En paragraf finns inte i protokollet."))
    author = person_of(actor)
    created = []
    for paragraph in paragraphs:
        comment = ParagraphComment(
            paragraph=paragraph, author=author, text=texts[paragraph.pk]
        )
        attribute(comment, user=actor, reason=_("Ändringsförslag"))
        comment.full_clean()
        comment.save()
        created.append(comment)
    move(protocol, Protocol.State.DRAFT)
    record.discard_unfinished(
        protocol,
        actor=actor,
        reason=_("Tillbaka till sekreteraren med ändringsförslag"),
    )
    protocol.lock_version += 1
    attribute(
        protocol,
        user=actor,
        reason=_("Tillbaka till sekreteraren med ändringsförslag"),
    )
    protocol.full_clean()
    protocol.save()
    transaction.on_commit(
        lambda: notifications.comments_sent(protocol_id=protocol.pk, author=author.pk)
    )
    return created


def required_signers(protocol: Protocol) -> list[tuple[int, str]]:
    """(person id, Justering.Role) for everyone who must justera."""
    signers = [(protocol.chair_id, Justering.Role.CHAIR)] if protocol.chair_id else []
    signers += [
        (pk, Justering.Role.JUSTERARE)
        for pk in protocol.justerare.values_list("pk", flat=True)
    ]
    return signers


@transaction.atomic
def protocol_justera(*, protocol_id: int, actor: Any) -> Protocol:
    """The signer confirms the exact text (by its SHA-256). The last one locks it.

    The caller has checked the signer's password (step-up); this records who,
    when and what.
    """
    protocol = lock_protocol(protocol_id)
    if not permissions.can_justera_protocol(actor, protocol):
        raise PermissionDenied
    if protocol.state != Protocol.State.IN_JUSTERING:
        raise ValidationError(
            _("Protokollet är %(state)s och kan inte justeras nu.")
            % {"state": protocol.get_state_display().lower()}
        )
    person = person_of(actor)
    digest = content_sha256(protocol)
    now = timezone.now()
    required = required_signers(protocol)
    mine = [role for pk, role in required if pk == person.pk]
    done = set(
        Justering.objects.filter(protocol=protocol, content_sha256=digest).values_list(
            "person_id", "role"
        )
    )
    if all((person.pk, role) in done for role in mine):
        raise ValidationError(_("Du har redan justerat protokollet."))
    for role in mine:
        if (person.pk, role) in done:
            continue
        justering = Justering(
            protocol=protocol,
            person=person,
            role=role,
            method=Protocol.JusteringMethod.DIGITAL,
            justerat_at=now,
            content_sha256=digest,
            user=actor,
        )
        attribute(justering, user=actor, reason=_("Justerat med lösenord"))
        justering.full_clean()
        justering.save()
        done.add((person.pk, role))
        record.add_signature(
            protocol,
            person=person,
            role=role,
            digest=digest,
            actor=actor,
            final=all(signer in done for signer in required),
        )
    if all(signer in done for signer in required):
        move(protocol, Protocol.State.JUSTERAT)
        protocol.content_sha256 = digest
        protocol.justering_date = timezone.localdate(now)
        protocol.justering_method = Protocol.JusteringMethod.DIGITAL
        protocol.lock_version += 1
        attribute(protocol, user=actor, reason=_("Justerat av alla"))
        protocol.full_clean()
        protocol.save()
        transaction.on_commit(
            lambda: notifications.protocol_justerat(protocol_id=protocol.pk)
        )
    return protocol


# Publishing and corrections -------------------------------------------------------


def anslag_dates(posted_on: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Posted today, taken down after the three weeks of the appeal period."""
    return posted_on, posted_on + datetime.timedelta(days=Notice.ANSLAG_DAYS)


@transaction.atomic
def protocol_publish(*, protocol_id: int, actor: Any) -> Protocol:
    """Publish a justerat protokoll; refused while it holds a personnummer."""
    protocol = lock_protocol(protocol_id)
    if not permissions.can_publish_protocol(actor, protocol):
        raise PermissionDenied
    move(protocol, Protocol.State.PUBLISHED)
    hits = find_personnummer(protocol)
    if hits:
        where = ", ".join(dict.fromkeys(hit.where for hit in hits))
        raise ValidationError(
            _(
                "Protokollet publiceras inte: det innehåller något som ser ut som ett "
                "personnummer (%(where)s). Personnummer får aldrig publiceras. Gör en "
                "rättelse som tar bort det och publicera den i stället."
            )
            % {"where": where}
        )
    protocol.published_at = timezone.now()
    attribute(protocol, user=actor, reason=_("Publicerat"))
    protocol.full_clean()
    protocol.save()
    body = protocol.meeting.body
    if body.uses_anslag:
        posted_on, removed_on = anslag_dates(timezone.localdate())
        kept_at = ", ".join(
            part
            for part in (body.office, body.secretariat.name if body.secretariat else "")
            if part
        )
        notice = Notice(
            protocol=protocol,
            posted_on=posted_on,
            removed_on=removed_on,
            kept_at=kept_at or body.name,
        )
        attribute(notice, user=actor, reason=_("Anslag vid publicering"))
        notice.full_clean()
        notice.save()
    return protocol


@transaction.atomic
def protocol_correct(*, protocol_id: int, actor: Any, reason: str) -> Protocol:
    """A rättelse: a new draft version with a reason; the original stays as it is."""
    original = lock_protocol(protocol_id)
    if not permissions.can_correct_protocol(actor, original):
        raise PermissionDenied
    if not original.is_locked:
        raise ValidationError(
            _("Bara ett justerat protokoll rättas. Ändra utkastet direkt i stället.")
        )
    if Protocol.objects.filter(corrects=original).exists():
        raise ValidationError(
            _("Den här versionen har redan en rättelse. Rätta den senaste versionen.")
        )
    if not reason.strip():
        raise ValidationError(_("Ange skälet till rättelsen."))
    latest = (
        Protocol.objects.filter(meeting=original.meeting_id)
        .order_by("-version")
        .first()
    )
    correction = Protocol(
        meeting=original.meeting,
        version=latest.version + 1,
        corrects=original,
        correction_reason=reason.strip(),
        secretary=original.secretary,
        chair=original.chair,
        justering_place=original.justering_place,
        justering_date=timezone.localdate() + datetime.timedelta(days=14),
    )
    attribute(correction, user=actor, reason=_("Rättelse påbörjad: %s") % reason)
    correction.full_clean()
    correction.save()
    attribute(correction, user=actor, reason=_("Justerare från originalet"))
    correction.justerare.set(original.justerare.all())
    paragraphs = (
        Paragraph.objects.filter(protocol=original)
        .order_by("order")
        .prefetch_related("recused", "action_items", "attachments")
    )
    for paragraph in paragraphs:
        copy = Paragraph(
            protocol=correction,
            order=paragraph.order,
            number=paragraph.number,
            agenda_item_id=paragraph.agenda_item_id,
            **{name: getattr(paragraph, name) for name in EDITABLE_PARAGRAPH_FIELDS},
        )
        attribute(copy, user=actor, reason=_("Kopierad till rättelse"))
        copy.full_clean()
        copy.save()
        copy.recused.set(paragraph.recused.all())
        for item in paragraph.action_items.all():
            new = ActionItem(
                paragraph=copy,
                description=item.description,
                assignee_id=item.assignee_id,
                assignee_text=item.assignee_text,
                due=item.due,
                done=item.done,
            )
            attribute(new, user=actor, reason=_("Kopierad till rättelse"))
            new.full_clean()
            new.save()
        # The bilagor come along; the copy shares the stored file.
        for attachment in paragraph.attachments.all():
            new = Attachment(
                meeting_id=attachment.meeting_id,
                agenda_item_id=attachment.agenda_item_id,
                paragraph=copy,
                title=attachment.title,
                file=attachment.file.name,
                original_name=attachment.original_name,
                content_type=attachment.content_type,
                size=attachment.size,
                sha256=attachment.sha256,
                is_public=attachment.is_public,
                uploaded_by_id=attachment.uploaded_by_id,
            )
            attribute(new, user=actor, reason=_("Kopierad till rättelse"))
            new.save()
    return correction
