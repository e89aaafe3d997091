"""Attendance as the protokoll records it: who was present, in which role, for
which paragraphs, and the övriga närvarande."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from council.history import attribute, save_attributed
from council.models import Membership, Organisation, Person
from meetings.models import AgendaItem, Attendance, Paragraph, Protocol
from meetings.services.protocol.base import _editable, touch
from meetings.services.protocol.numbering import predicted_numbers


def _paragraph_items(protocol: Protocol, orders: list[int]) -> list[AgendaItem]:
    """The agenda items behind paragraph numbers, as the attendance links them.

    The numbers are those the editor shows: fixed ones, or in a draft the ones
    the paragraphs will get (with per-year numbering not 1, 2, 3 …).
    """
    numbers = predicted_numbers(protocol)
    by_order = {
        numbers.get(p.pk, p.order): p.agenda_item
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
        save_attributed(row, user=actor, reason=_("Närvaron registrerad i protokollet"))
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
        save_attributed(row, user=actor, reason=_("Närvaron registrerad i protokollet"))
    return touch(protocol, actor=actor, reason=_("Närvaron registrerad"))
