"""Drafting the protokoll: the secretary's writes while it is an utkast.

A draft starts from the dagordning, one paragraph per item with the standard
items' usual wording. Every save of the draft states the `lock_version` it was
based on; a stale save is refused with `ProtocolConflict` so that two people
never overwrite each other. Once a protokoll has left the draft state these
services refuse (see `protocol_workflow` for the transitions).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from council.history import attribute
from council.models import Membership, Organisation, Person
from council.permissions import person_of
from meetings import permissions
from meetings.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Meeting,
    Paragraph,
    Protocol,
)

EDITABLE_PARAGRAPH_FIELDS = (
    "heading",
    "text",
    "outcome",
    "dnr",
    "presenter",
    "motions",
    "reservations",
    "protocol_note",
    "is_public",
)
JUSTERARE_PLACEHOLDER = "… väljs till justerare."
NEW_PARAGRAPH_HEADING = "Ny paragraf"


class ProtocolConflict(ValidationError):
    """Someone else saved the protokoll after the version this save started from."""

    def __init__(self, protocol: Protocol) -> None:
        super().__init__(
            _(
                "Någon annan har sparat protokollet medan du skrev. Dina ändringar är "
                "inte sparade men finns kvar i formuläret. Jämför med den sparade "
                "versionen nedan och spara igen."
            ),
            code="conflict",
        )
        self.protocol = protocol


def standard_wording(title: str) -> str:
    """The usual text of a standard item, by its title; '' for other items."""
    lowered = title.casefold()
    if "öppna" in lowered:
        return "Mötet öppnas."
    if "justerare" in lowered:
        return JUSTERARE_PLACEHOLDER
    if "dagordning" in lowered:
        return "Dagordningen godkänns."
    if "avslut" in lowered:
        return "Mötet avslutas."
    return ""


def lock_protocol(protocol_id: int) -> Protocol:
    return (
        Protocol.objects.select_for_update(of=("self",))
        .select_related("meeting__body")
        .get(pk=protocol_id)
    )


def check_draft(protocol: Protocol) -> None:
    """Only a draft changes; anything else gets a message, never a crash."""
    if protocol.is_locked:
        raise ValidationError(
            _("Protokollet är justerat och kan inte ändras. Gör en rättelse i stället.")
        )
    if protocol.state != Protocol.State.DRAFT:
        raise ValidationError(
            _(
                "Protokollet är %(state)s och kan inte ändras nu. Det kan ändras igen "
                "om justerarna skickar tillbaka det med ändringsförslag."
            )
            % {"state": protocol.get_state_display().lower()}
        )


def _editable(
    protocol_id: int, actor: Any, base_version: int | None = None
) -> Protocol:
    protocol = lock_protocol(protocol_id)
    if not permissions.can_edit_protocol(actor, protocol):
        raise PermissionDenied
    check_draft(protocol)
    if base_version is not None and base_version != protocol.lock_version:
        raise ProtocolConflict(protocol)
    return protocol


def touch(protocol: Protocol, *, actor: Any, reason: str) -> Protocol:
    """Record a change of the draft: a new lock_version and a history row."""
    protocol.lock_version += 1
    attribute(protocol, user=actor, reason=reason)
    protocol.full_clean()
    protocol.save()
    return protocol


# Creating -------------------------------------------------------------------------


def _current_person(body_id: int, role: str) -> Person | None:
    seat = (
        Membership.objects.current()
        .filter(body_id=body_id, role=role)
        .select_related("person")
        .order_by("starts", "pk")
        .first()
    )
    return seat.person if seat else None


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
        else _current_person(meeting.body_id, Membership.Role.SECRETARY)
    )
    protocol = Protocol(
        meeting=meeting,
        secretary=secretary,
        chair=_current_person(meeting.body_id, Membership.Role.CHAIR),
        justering_date=meeting.justering_deadline,
        justering_place=meeting.location or meeting.address,
    )
    attribute(protocol, user=actor, reason=_("Protokollet påbörjat"))
    protocol.full_clean()
    protocol.save()
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
        attribute(paragraph, user=actor, reason=_("Från dagordningen"))
        paragraph.full_clean()
        paragraph.save()
    return protocol


# Saving the draft -----------------------------------------------------------------


def present_people(meeting: Meeting) -> list[Person]:
    """Who was present and is in the person register, in protokoll order."""
    rows = (
        Attendance.objects.filter(meeting=meeting, present=True, person__isnull=False)
        .select_related("person")
        .order_by("role", "order", "pk")
    )
    return [row.person for row in rows]


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
    """Save the editor: justering details and every paragraph's text.

    Refused with `ProtocolConflict` when the protokoll changed after
    `base_version`; the caller keeps what the user typed.
    """
    protocol = _editable(protocol_id, actor, base_version)
    present = {p.pk: p for p in present_people(protocol.meeting)}
    chosen = [pk for pk in dict.fromkeys(justerare_ids)]
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
    protocol.justering_date = justering_date
    protocol.justering_place = justering_place
    before = set(protocol.justerare.values_list("pk", flat=True))
    if before != set(chosen):
        attribute(protocol, user=actor, reason=_("Justerare valda"))
        protocol.justerare.set(chosen)
        changed = True
    names = " och ".join(present[pk].name for pk in chosen)

    by_id = {p.pk: p for p in Paragraph.objects.filter(protocol=protocol)}
    for values in paragraphs:
        paragraph = by_id.get(values["id"])
        if paragraph is None:
            raise ValidationError(_("En paragraf finns inte längre. Ladda om sidan."))
        new = {
            name: values[name] for name in EDITABLE_PARAGRAPH_FIELDS if name in values
        }
        if (
            names
            and "justerare" in paragraph.heading.casefold()
            and new.get("text", paragraph.text).strip() == JUSTERARE_PLACEHOLDER
        ):
            new["text"] = _("%(names)s väljs till justerare.") % {"names": names}
        if all(getattr(paragraph, k) == v for k, v in new.items()):
            continue
        for name, value in new.items():
            setattr(paragraph, name, value)
        attribute(paragraph, user=actor, reason=_("Paragrafen redigerad"))
        paragraph.full_clean()
        paragraph.save()
        changed = True
    protocol.lock_version += 1
    attribute(
        protocol,
        user=actor,
        reason=_("Utkastet sparat") if changed else _("Utkastet sparat utan ändringar"),
    )
    protocol.full_clean()
    protocol.save()
    return protocol


# Paragraphs -----------------------------------------------------------------------


def _renumber_orders(protocol: Protocol, *, actor: Any) -> None:
    # Ascending: each paragraph moves down into a number already freed, so the
    # unique (protocol, order) constraint holds at every step.
    for order, paragraph in enumerate(
        Paragraph.objects.filter(protocol=protocol).order_by("order", "pk"), start=1
    ):
        if paragraph.order != order:
            paragraph.order = order
            attribute(paragraph, user=actor, reason=_("Paragraferna ordnade om"))
            paragraph.save(update_fields=["order"])


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
    attribute(paragraph, user=actor, reason=_("Paragraf tillagd"))
    paragraph.full_clean()
    paragraph.save()
    touch(protocol, actor=actor, reason=_("Paragraf tillagd"))
    return paragraph


def _paragraph_for_edit(paragraph_id: int, actor: Any) -> tuple[Protocol, Paragraph]:
    protocol_id = (
        Paragraph.objects.filter(pk=paragraph_id)
        .values_list("protocol_id", flat=True)
        .first()
    )
    if protocol_id is None:
        raise ValidationError(_("Paragrafen finns inte längre."))
    protocol = _editable(protocol_id, actor)
    return protocol, Paragraph.objects.select_for_update().get(pk=paragraph_id)


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
    protocol, paragraph = _paragraph_for_edit(paragraph_id, actor)
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
    protocol, paragraph = _paragraph_for_edit(paragraph_id, actor)
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


# Action items ---------------------------------------------------------------------


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
    protocol, paragraph = _paragraph_for_edit(paragraph_id, actor)
    if not description.strip():
        raise ValidationError(_("Beskriv uppdraget."))
    item = ActionItem(
        paragraph=paragraph,
        description=description.strip(),
        assignee_id=assignee_id,
        assignee_text=assignee_text.strip(),
        due=due,
    )
    attribute(item, user=actor, reason=_("Uppdrag tillagt"))
    item.full_clean()
    item.save()
    touch(protocol, actor=actor, reason=_("Uppdrag tillagt"))
    return item


@transaction.atomic
def protocol_action_item_delete(*, action_item_id: int, actor: Any) -> None:
    item = ActionItem.objects.filter(pk=action_item_id).first()
    if item is None:
        raise ValidationError(_("Uppdraget finns inte längre."))
    protocol, _paragraph = _paragraph_for_edit(item.paragraph_id, actor)
    attribute(item, user=actor, reason=_("Uppdrag borttaget"))
    item.delete()
    touch(protocol, actor=actor, reason=_("Uppdrag borttaget"))


# Attendance -----------------------------------------------------------------------


def _paragraph_items(protocol: Protocol, orders: list[int]) -> list[AgendaItem]:
    """The agenda items behind paragraph numbers, as the attendance links them."""
    by_order = {
        p.number or p.order: p.agenda_item
        for p in Paragraph.objects.filter(protocol=protocol).select_related(
            "agenda_item"
        )
    }
    missing = [n for n in orders if n not in by_order]
    if missing:
        raise ValidationError(
            _("Protokollet har ingen § %(numbers)s.")
            % {"numbers": ", ".join(map(str, missing))}
        )
    unlinked = [n for n in orders if by_order[n] is None]
    if unlinked:
        raise ValidationError(
            _(
                "§ %(numbers)s hör inte till någon punkt på dagordningen; närvaro kan "
                "bara anges för dagordningens punkter."
            )
            % {"numbers": ", ".join(map(str, unlinked))}
        )
    return [by_order[n] for n in orders]


@transaction.atomic
def protocol_attendance_save(
    *,
    protocol_id: int,
    actor: Any,
    base_version: int,
    members: list[dict[str, Any]],
    others: list[dict[str, Any]],
) -> Protocol:
    """Record attendance as the protokoll shows it.

    `members`: one dict per person of the body: `person_id`, `role` (an
    Attendance.Role or "" for absent), `replaces_id`, `paragraphs` (the §§ a
    person was present for; empty for the whole meeting). `others`: övriga
    närvarande with `id` (or None), `name`, `title`, `organisation`, `delete`.
    """
    protocol = _editable(protocol_id, actor, base_version)
    meeting = protocol.meeting
    rows = {
        row.person_id: row
        for row in Attendance.objects.select_for_update().filter(
            meeting=meeting, person__isnull=False
        )
    }
    serving = Attendance.Role.SERVING_SUBSTITUTE
    order = 0
    for entry in members:
        order += 1
        person = Person.objects.select_related("organisation").get(
            pk=entry["person_id"]
        )
        role = entry["role"]
        row = rows.get(person.pk)
        if not role and row is None:
            continue
        seat = (
            Membership.objects.current(meeting.local_start.date())
            .filter(body=meeting.body, person=person)
            .first()
        )
        if row is None:
            row = Attendance(meeting=meeting, person=person)
        row.present = bool(role)
        row.role = role or row.role or Attendance.Role.MEMBER
        row.order = order
        row.replaces_id = entry.get("replaces_id") if role == serving else None
        if seat is not None:
            row.organisation = seat.organisation or row.organisation
            row.party = seat.party or row.party
            if seat.role == Membership.Role.VICE_CHAIR:
                row.role_note = "vice ordförande"
            elif seat.role == Membership.Role.CHAIR:
                row.role_note = "ordförande"
        attribute(row, user=actor, reason=_("Närvaron registrerad i protokollet"))
        row.full_clean()
        row.save()
        row.present_for.set(_paragraph_items(protocol, entry.get("paragraphs", [])))
    others_order = 0
    for entry in others:
        row = None
        if entry.get("id"):
            row = Attendance.objects.filter(
                pk=entry["id"], meeting=meeting, role=Attendance.Role.OTHER
            ).first()
        if entry.get("delete") or not entry["name"].strip():
            if row is not None:
                attribute(row, user=actor, reason=_("Övrig närvarande borttagen"))
                row.delete()
            continue
        others_order += 1
        if row is None:
            row = Attendance(meeting=meeting, role=Attendance.Role.OTHER)
        organisation = Organisation.objects.filter(
            name__iexact=entry["organisation"].strip()
        ).first()
        row.name = entry["name"].strip() if row.person_id is None else row.name
        row.title = entry["title"].strip()
        row.organisation = organisation
        row.organisation_text = "" if organisation else entry["organisation"].strip()
        row.order = others_order
        row.present = True
        attribute(row, user=actor, reason=_("Närvaron registrerad i protokollet"))
        row.full_clean()
        row.save()
    return touch(protocol, actor=actor, reason=_("Närvaron registrerad"))
