"""Starting a protokoll: one paragraph per item of the dagordning."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from council.history import attribute
from council.models import Membership, Person
from council.permissions import person_of
from meetings import permissions
from meetings.models import AgendaItem, Meeting, Paragraph, Protocol
from meetings.services.protocol.base import JUSTERARE_PLACEHOLDER


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
