"""Mina möten: a member's meetings, anmälan av förhinder and calendar links."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from council.permissions import bodies_for, person_of
from meetings import calendar, permissions
from meetings.forms.meeting import AbsenceForm
from meetings.models import Attendance
from meetings.selectors import meeting as selectors
from meetings.selectors.tasks import tasks_for
from meetings.services import attendance as attendance_services
from meetings.services import calendar as calendar_services
from meetings.views._helpers import meeting_or_404, run
from meetings.views.public import meeting_page


@login_required
@require_GET
def my_meetings(request: HttpRequest) -> HttpResponse:
    upcoming, past = selectors.split_upcoming(
        selectors.meetings_for_user(user=request.user)
    )
    person = person_of(request.user)
    absent = set()
    if person is not None:
        absent = set(
            Attendance.objects.filter(
                person=person,
                absence_reported_at__isnull=False,
                meeting__in=[m.pk for m in upcoming],
            ).values_list("meeting_id", flat=True)
        )
    managed = selectors.managed_bodies(user=request.user)
    year = timezone.localdate().year
    token = selectors.active_calendar_token(user=request.user)
    return render(
        request,
        "meetings/my_meetings.html",
        {
            "tasks": tasks_for(user=request.user),
            "upcoming": upcoming,
            "past": past[:30],
            "absent": absent,
            "bodies": bodies_for(request.user),
            "managed": managed,
            "warnings": selectors.minimum_meeting_warnings(
                bodies=managed, years=[year, year + 1]
            ),
            "token": token,
            "personal_feed_url": calendar.site_url(
                reverse("meetings:personal_feed", kwargs={"token": token.token})
            )
            if token
            else "",
            "site_url": calendar.site_url(),
        },
    )


@login_required
@require_GET
def my_tasks(request: HttpRequest) -> HttpResponse:
    """Att göra: what awaits the user, with deadlines and one link each."""
    return render(
        request, "meetings/my_tasks.html", {"tasks": tasks_for(user=request.user)}
    )


@login_required
@require_POST
def absence_report(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(pk)
    if not permissions.can_report_absence(request.user, meeting):
        raise PermissionDenied
    form = AbsenceForm(request.POST)
    if not form.is_valid():
        return meeting_page(request, meeting, absence_form=form, status=400)
    run(
        request,
        lambda: attendance_services.attendance_report_absence(
            meeting_id=meeting.pk,
            actor=request.user,
            note=form.cleaned_data["note"],
        ),
        "Ditt förhinder är anmält. Sekreteraren och ersättarna får veta.",
    )
    return redirect(f"{meeting.get_absolute_url()}#forhinder")


@login_required
@require_POST
def absence_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(pk)
    if not permissions.can_report_absence(request.user, meeting):
        raise PermissionDenied
    run(
        request,
        lambda: attendance_services.attendance_withdraw_absence(
            meeting_id=meeting.pk, actor=request.user
        ),
        "Ditt förhinder är återkallat. Välkommen till mötet.",
    )
    return redirect(f"{meeting.get_absolute_url()}#forhinder")


@login_required
@require_POST
def calendar_token_create(request: HttpRequest) -> HttpResponse:
    calendar_services.calendar_token_create(actor=request.user)
    messages.success(
        request,
        "Du har fått en ny personlig kalenderlänk. En tidigare länk fungerar inte längre.",
    )
    return redirect(f"{reverse('meetings:my_meetings')}#kalender")


@login_required
@require_POST
def calendar_token_revoke(request: HttpRequest) -> HttpResponse:
    calendar_services.calendar_token_revoke(actor=request.user)
    messages.success(request, "Din personliga kalenderlänk är återkallad.")
    return redirect(f"{reverse('meetings:my_meetings')}#kalender")
