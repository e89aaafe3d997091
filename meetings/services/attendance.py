"""Anmälan av förhinder: a ledamot says they cannot come, until the meeting starts.

The report is an Attendance row (not present, with the time and note), so the
protokoll's attendance list starts from it. When a ledamot reports absence, the
body's current ersättare from the same organisation or party are told by e-mail
that they may be called in.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from council.history import save_attributed
from council.models import Membership
from council.permissions import person_of
from meetings import calendar, permissions
from meetings.models import Attendance, Meeting
from meetings.services.notice import recipient_address


def _check_open(meeting: Meeting) -> None:
    if meeting.notice_sent_at is None:
        raise ValidationError(_("Kallelsen är inte skickad än."))
    if meeting.state != Meeting.State.CALLED:
        raise ValidationError(
            _("Mötet är %(state)s.") % {"state": meeting.get_state_display().lower()}
        )
    if timezone.now() >= meeting.starts_at:
        raise ValidationError(
            _("Mötet har redan börjat. Kontakta sekreteraren direkt.")
        )


def _membership(actor: Any, meeting: Meeting) -> Membership | None:
    person = person_of(actor)
    rank = {role: index for index, role in enumerate(Membership.ROLE_ORDER)}
    seats = (
        Membership.objects.current()
        .filter(person=person, body=meeting.body, role__in=permissions.CALLED_ROLES)
        .select_related("organisation")
    )
    return min(seats, key=lambda m: rank[m.role], default=None)


@transaction.atomic
def attendance_report_absence(
    *, meeting_id: int, actor: Any, note: str = ""
) -> Attendance:
    meeting = (
        Meeting.objects.select_for_update().select_related("body").get(pk=meeting_id)
    )
    if not permissions.can_report_absence(actor, meeting):
        raise PermissionDenied
    _check_open(meeting)
    membership = _membership(actor, meeting)
    if membership is None:  # pragma: no cover - the permission says there is one
        raise PermissionDenied
    person = membership.person
    attendance = (
        Attendance.objects.select_for_update()
        .filter(meeting=meeting, person=person)
        .first()
    )
    already = attendance is not None and attendance.absence_reported_at is not None
    if attendance is None:
        substitute = membership.role == Membership.Role.SUBSTITUTE
        attendance = Attendance(
            meeting=meeting,
            person=person,
            role=Attendance.Role.SUBSTITUTE if substitute else Attendance.Role.MEMBER,
            role_note=""
            if membership.role in {Membership.Role.MEMBER, Membership.Role.SUBSTITUTE}
            else membership.get_role_display().lower(),
            organisation=membership.organisation,
            party=membership.party,
        )
    attendance.present = False
    attendance.absence_note = note.strip()[:500]
    if not already:
        attendance.absence_reported_at = timezone.now()
    save_attributed(attendance, user=actor, reason=_("Förhinder anmält"))
    if not already and membership.is_voting:
        transaction.on_commit(lambda: notify_substitutes(attendance_id=attendance.pk))
    return attendance


@transaction.atomic
def attendance_withdraw_absence(*, meeting_id: int, actor: Any) -> Attendance:
    """Take back a reported absence: the person comes after all."""
    meeting = (
        Meeting.objects.select_for_update().select_related("body").get(pk=meeting_id)
    )
    if not permissions.can_report_absence(actor, meeting):
        raise PermissionDenied
    _check_open(meeting)
    attendance = (
        Attendance.objects.select_for_update()
        .filter(meeting=meeting, person=person_of(actor))
        .first()
    )
    if attendance is None or attendance.absence_reported_at is None:
        raise ValidationError(_("Du har inte anmält förhinder till mötet."))
    attendance.present = True
    attendance.absence_reported_at = None
    attendance.absence_note = ""
    save_attributed(attendance, user=actor, reason=_("Förhinder återkallat"))
    return attendance


def substitutes_for(membership: Membership) -> list[Membership]:
    """Current ersättare of the body from the ledamot's organisation or party."""
    match = Q()
    if membership.organisation_id:
        match |= Q(organisation_id=membership.organisation_id)
    if membership.party:
        match |= Q(party=membership.party)
    if not match:
        return []
    return list(
        Membership.objects.current()
        .filter(match, body_id=membership.body_id, role=Membership.Role.SUBSTITUTE)
        .exclude(person_id=membership.person_id)
        .select_related("person__user")
        .order_by("person__name")
    )


def notify_substitutes(*, attendance_id: int) -> int:
    """E-mail the ersättare who may be called in for an absent ledamot."""
    attendance = Attendance.objects.select_related("meeting__body", "person").get(
        pk=attendance_id
    )
    meeting = attendance.meeting
    membership = (
        Membership.objects.current()
        .filter(
            person=attendance.person,
            body=meeting.body,
            role__in=Membership.VOTING_ROLES,
        )
        .select_related("organisation")
        .first()
    )
    if membership is None:
        return 0
    subject = _("Förhinder: %(name)s, %(body)s %(when)s") % {
        "name": attendance.person.name,
        "body": meeting.body.short_name,
        "when": formats.date_format(meeting.local_start, "j F Y"),
    }
    messages = []
    for substitute in substitutes_for(membership):
        address = recipient_address(substitute)
        if not address:
            continue
        text = render_to_string(
            "meetings/email/absence.txt",
            {
                "meeting": meeting,
                "absent": membership,
                "substitute": substitute,
                "meeting_url": calendar.meeting_url(meeting),
            },
        )
        messages.append((subject, text, None, [address]))
    if not messages:
        return 0
    return send_mass_mail(messages, fail_silently=True)
