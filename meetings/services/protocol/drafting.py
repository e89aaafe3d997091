"""Drafting the protokoll: the secretary's writes while it is an utkast.

A draft starts from the dagordning, one paragraph per item with the standard
items' usual wording (`protocol_create`). The editor saves the justering
details and every paragraph's text and jäv at once (`protocol_save_draft`);
paragraphs are added, moved and removed while they have no § number, and
uppdrag are recorded in a paragraph. Every save states the `lock_version` it
was based on; a stale save is refused with `ProtocolConflict`.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from council.history import attribute, renumber, save_attributed
from council.models import Membership, Person
from council.permissions import person_of
from meetings import permissions
from meetings.models import ActionItem, AgendaItem, Meeting, Paragraph, Protocol
from meetings.services.protocol.base import (
    EDITABLE_PARAGRAPH_FIELDS,
    NEW_PARAGRAPH_HEADING,
    _editable,
    paragraph_for_edit,
    present_people,
    touch,
)
from meetings.services.protocol.defaults import (
    current_person,
    expected_chair,
    is_justerare_wording,
    standard_wording,
)


@transaction.atomic
def protocol_create(*, meeting_id: int, actor: Any) -> Protocol:
    """Start the protokoll of a meeting, pre-filled from its dagordning."""
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("body")
        .get(pk=meeting_id)
    )
    if not permissions.can_write_protocol(actor, meeting):
        raise PermissionDenied
    if meeting.state == Meeting.State.CANCELLED:
        raise ValidationError(_("Mötet är inställt och får inget protokoll."))
    if meeting.protocols.exists():
        raise ValidationError(_("Mötet har redan ett protokoll."))
    actor_person = person_of(actor)
    secretary = (
        actor_person
        if actor_person
        and Membership.objects.current()
        .filter(body=meeting.body, person=actor_person, role=Membership.Role.SECRETARY)
        .exists()
        else current_person(meeting.body_id, Membership.Role.SECRETARY)
    )
    protocol = Protocol(
        meeting=meeting,
        secretary=secretary,
        chair=expected_chair(meeting),
        justering_date=meeting.justering_deadline,
        justering_place=meeting.location or meeting.address,
    )
    save_attributed(protocol, user=actor, reason=_("Protokollet påbörjat"))
    items = AgendaItem.objects.filter(meeting=meeting).order_by("order", "pk")
    for order, item in enumerate(items, start=1):
        paragraph = Paragraph(
            protocol=protocol,
            order=order,
            agenda_item=item,
            heading=item.title,
            text=item.text or standard_wording(item.title),
            presenter=item.presenter,
            is_public=item.is_public,
        )
        save_attributed(paragraph, user=actor, reason=_("Från dagordningen"))
    return protocol


@transaction.atomic
def protocol_save_draft(
    *,
    protocol_id: int,
    actor: Any,
    base_version: int,
    chair_id: int | None,
    justerare_ids: list[int],
    justering_date: datetime.date | None,
    justering_place: str,
    paragraphs: list[dict[str, Any]],
) -> Protocol:
    """Save the editor: justering details, every paragraph's text and its jäv.

    A paragraph's `recused` (person ids, optional) says who is jävig for it;
    they are chosen among those present.

    Refused with `ProtocolConflict` when the protokoll changed after
    `base_version`; the caller keeps what the user typed.
    """
    protocol = _editable(protocol_id, actor, base_version)
    changed = _apply_draft(
        protocol,
        actor=actor,
        chair_id=chair_id,
        justerare_ids=justerare_ids,
        justering_date=justering_date,
        justering_place=justering_place,
        paragraphs=paragraphs,
        reason=_("Paragrafen redigerad"),
    )
    return touch(
        protocol,
        actor=actor,
        reason=_("Utkastet sparat") if changed else _("Utkastet sparat utan ändringar"),
    )


@transaction.atomic
def protocol_autosave(
    *,
    protocol_id: int,
    actor: Any,
    base_version: int,
    chair_id: int | None,
    justerare_ids: list[int],
    justering_date: datetime.date | None,
    justering_place: str,
    paragraphs: list[dict[str, Any]],
) -> Protocol:
    """Save what the secretary is typing, by itself, as `protocol_save_draft` does.

    Only text and choices: bilagor, uppdrag and the structure change by a button.
    The same version check applies, so an autosave never overwrites what someone
    else saved (`ProtocolConflict`). A save that changes nothing writes nothing and
    keeps the version.
    """
    protocol = _editable(protocol_id, actor, base_version)
    reason = _("Sparat automatiskt")
    changed = _apply_draft(
        protocol,
        actor=actor,
        chair_id=chair_id,
        justerare_ids=justerare_ids,
        justering_date=justering_date,
        justering_place=justering_place,
        paragraphs=paragraphs,
        reason=reason,
    )
    if not changed:
        return protocol
    return touch(protocol, actor=actor, reason=reason)


def _apply_draft(
    protocol: Protocol,
    *,
    actor: Any,
    chair_id: int | None,
    justerare_ids: list[int],
    justering_date: datetime.date | None,
    justering_place: str,
    paragraphs: list[dict[str, Any]],
    reason: str,
) -> bool:
    """Write the editor's values into the locked draft; True if anything changed."""
    present = {p.pk: p for p in present_people(protocol.meeting)}
    chosen = list(dict.fromkeys(justerare_ids))
    if any(pk not in present for pk in chosen):
        raise ValidationError(_("Justerare väljs bland dem som var närvarande."))
    if chair_id is not None and chair_id in chosen:
        raise ValidationError(_("Ordföranden kan inte också vara justerare."))
    changed = False
    if chair_id != protocol.chair_id:
        if chair_id is not None and not Person.objects.filter(pk=chair_id).exists():
            raise ValidationError(_("Välj ordförande bland personerna."))
        protocol.chair_id = chair_id
        changed = True
    if (protocol.justering_date, protocol.justering_place) != (
        justering_date,
        justering_place,
    ):
        protocol.justering_date = justering_date
        protocol.justering_place = justering_place
        changed = True
    earlier = list(protocol.justerare.all())
    before = {person.pk for person in earlier}
    if before != set(chosen):
        attribute(protocol, user=actor, reason=_("Justerare valda"))
        protocol.justerare.set(chosen)
        changed = True
    names = " och ".join(present[pk].name for pk in chosen)
    earlier_names = " och ".join(person.name for person in earlier)

    # Only the paragraphs given: an autosave sends those that changed.
    by_id = {
        p.pk: p
        for p in Paragraph.objects.filter(
            protocol=protocol, pk__in=[values["id"] for values in paragraphs]
        ).prefetch_related("recused")
    }
    for values in paragraphs:
        paragraph = by_id.get(values["id"])
        if paragraph is None:
            raise ValidationError(_("En paragraf finns inte längre. Ladda om sidan."))
        if "recused" in values and _save_recused(
            paragraph, values["recused"], present=set(present), actor=actor
        ):
            changed = True
        new = {
            name: values[name] for name in EDITABLE_PARAGRAPH_FIELDS if name in values
        }
        if (
            names
            and "justerare" in paragraph.heading.casefold()
            and is_justerare_wording(new.get("text", paragraph.text), earlier_names)
        ):
            new["text"] = _("%(names)s väljs till justerare.") % {"names": names}
        if all(getattr(paragraph, k) == v for k, v in new.items()):
            continue
        for name, value in new.items():
            setattr(paragraph, name, value)
        save_attributed(paragraph, user=actor, reason=reason)
        changed = True
    return changed


def _save_recused(
    paragraph: Paragraph, person_ids: list[int], *, present: set[int], actor: Any
) -> bool:
    """Record who is jävig for the paragraph; True if that changed.

    Someone already recorded stays choosable even if the attendance changed
    since, so that saving never drops a jäv silently.
    """
    before = {person.pk for person in paragraph.recused.all()}
    chosen = set(person_ids)
    if chosen == before:
        return False
    if chosen - present - before:
        raise ValidationError(
            _(
                "§ %(number)s: jäv anges för någon som var närvarande vid mötet. Välj bland "
                "de närvarande."
            )
            % {"number": paragraph.number or paragraph.order}
        )
    attribute(paragraph, user=actor, reason=_("Jäv registrerat"))
    paragraph.recused.set(sorted(chosen))
    return True


def _renumber_orders(protocol: Protocol, *, actor: Any) -> None:
    renumber(
        Paragraph.objects.filter(protocol=protocol).order_by("order", "pk"),
        user=actor,
        reason=_("Paragraferna ordnade om"),
    )


@transaction.atomic
def protocol_paragraph_add(
    *, protocol_id: int, actor: Any, after_id: int | None = None, heading: str = ""
) -> Paragraph:
    """Add a paragraph after another one (or last)."""
    protocol = _editable(protocol_id, actor)
    paragraphs = list(Paragraph.objects.filter(protocol=protocol).order_by("-order"))
    position = (paragraphs[0].order + 1) if paragraphs else 1
    if after_id is not None:
        after = next((p for p in paragraphs if p.pk == after_id), None)
        if after is None:
            raise ValidationError(_("Paragrafen finns inte i protokollet."))
        position = after.order + 1
    # Descending, so every paragraph moves into a free place.
    for paragraph in paragraphs:
        if paragraph.order >= position:
            paragraph.order += 1
            attribute(paragraph, user=actor, reason=_("Paragraferna ordnade om"))
            paragraph.save(update_fields=["order"])
    paragraph = Paragraph(
        protocol=protocol,
        order=position,
        heading=heading or NEW_PARAGRAPH_HEADING,
    )
    save_attributed(paragraph, user=actor, reason=_("Paragraf tillagd"))
    touch(protocol, actor=actor, reason=_("Paragraf tillagd"))
    return paragraph


def _check_unnumbered(paragraph: Paragraph) -> None:
    if paragraph.number is not None:
        raise ValidationError(
            _(
                "§ %(number)s har redan fått sitt nummer när protokollet skickades för "
                "justering. Numret återanvänds aldrig, så paragrafen kan inte tas bort "
                "eller flyttas. Ändra texten i stället."
            )
            % {"number": paragraph.number}
        )


@transaction.atomic
def protocol_paragraph_delete(*, paragraph_id: int, actor: Any) -> None:
    protocol, paragraph = paragraph_for_edit(paragraph_id, actor)
    _check_unnumbered(paragraph)
    if paragraph.attachments.exists():
        raise ValidationError(_("Paragrafen har bilagor. Ta bort bilagorna först."))
    for item in paragraph.action_items.all():
        attribute(item, user=actor, reason=_("Paragraf borttagen"))
        item.delete()
    attribute(paragraph, user=actor, reason=_("Paragraf borttagen"))
    paragraph.delete()
    _renumber_orders(protocol, actor=actor)
    touch(protocol, actor=actor, reason=_("Paragraf borttagen"))


@transaction.atomic
def protocol_paragraph_move(*, paragraph_id: int, actor: Any, up: bool) -> Paragraph:
    """Swap a paragraph with its neighbour above (up) or below."""
    protocol, paragraph = paragraph_for_edit(paragraph_id, actor)
    target = paragraph.order - 1 if up else paragraph.order + 1
    neighbour = Paragraph.objects.filter(protocol=protocol, order=target).first()
    if neighbour is None:
        return paragraph
    _check_unnumbered(paragraph)
    _check_unnumbered(neighbour)
    old = paragraph.order
    # Through 0, so the unique order holds while the two trade places.
    for obj, order in ((paragraph, 0), (neighbour, old), (paragraph, target)):
        obj.order = order
        attribute(obj, user=actor, reason=_("Paragraf flyttad"))
        obj.save(update_fields=["order"])
    touch(protocol, actor=actor, reason=_("Paragraf flyttad"))
    return paragraph


@transaction.atomic
def protocol_action_item_add(
    *,
    paragraph_id: int,
    actor: Any,
    description: str,
    assignee_id: int | None = None,
    assignee_text: str = "",
    due: datetime.date | None = None,
) -> ActionItem:
    """Record an uppdrag: what, and who (a person or free text)."""
    protocol, paragraph = paragraph_for_edit(paragraph_id, actor)
    if not description.strip():
        raise ValidationError(_("Beskriv uppdraget."))
    item = ActionItem(
        paragraph=paragraph,
        description=description.strip(),
        assignee_id=assignee_id,
        assignee_text=assignee_text.strip(),
        due=due,
    )
    save_attributed(item, user=actor, reason=_("Uppdrag tillagt"))
    touch(protocol, actor=actor, reason=_("Uppdrag tillagt"))
    return item


@transaction.atomic
def protocol_action_item_delete(*, action_item_id: int, actor: Any) -> None:
    item = ActionItem.objects.filter(pk=action_item_id).first()
    if item is None:
        raise ValidationError(_("Uppdraget finns inte längre."))
    protocol, _paragraph = paragraph_for_edit(item.paragraph_id, actor)
    attribute(item, user=actor, reason=_("Uppdrag borttaget"))
    item.delete()
    touch(protocol, actor=actor, reason=_("Uppdrag borttaget"))
