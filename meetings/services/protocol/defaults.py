"""What a new draft starts from: the usual wording of the standard items, the
sentence naming the justerare, and who chairs the meeting. Reads only."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from council.models import Membership, Person
from meetings.models import Meeting
from meetings.services.protocol.base import JUSTERARE_PLACEHOLDER, present_people


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


def is_justerare_wording(text: str, earlier_names: str = "") -> bool:
    """Whether a paragraph's text is the standard "… väljs till justerare." still
    waiting for names, or the sentence written for the justerare chosen before:
    then it is rewritten with the names of those chosen now."""
    wording = text.strip().rstrip(".").strip()
    for start in ("…", "...", "X"):
        wording = wording.removeprefix(start).strip()
    if wording.casefold() == "väljs till justerare":
        return True
    return bool(earlier_names) and text.strip() == (
        _("%(names)s väljs till justerare.") % {"names": earlier_names}
    )


def expected_chair(meeting: Meeting) -> Person | None:
    """Who chairs the meeting: the body's ordförande on the meeting's day, unless
    the attendance is recorded and does not have them present."""
    chair = current_person(
        meeting.body_id, Membership.Role.CHAIR, on=meeting.local_start.date()
    )
    if chair is None:
        return None
    present = present_people(meeting)
    if present and chair.pk not in {person.pk for person in present}:
        return None
    return chair


def current_person(
    body_id: int, role: str, *, on: datetime.date | None = None
) -> Person | None:
    seat = (
        Membership.objects.current(on)
        .filter(body_id=body_id, role=role)
        .select_related("person")
        .order_by("starts", "pk")
        .first()
    )
    return seat.person if seat else None
