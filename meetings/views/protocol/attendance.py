"""Recording attendance for the protokoll: members, ersättare and övriga."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from council.models import Membership
from meetings.documents.protocol import paragraph_ranges
from meetings.forms.protocol.attendance import AttendanceForm
from meetings.models import Attendance, Paragraph, Protocol
from meetings.services.protocol.attendance import protocol_attendance_save
from meetings.services.protocol.base import ProtocolConflict
from meetings.services.protocol.numbering import predicted_numbers
from meetings.views._helpers import error_text
from meetings.views.protocol.access import not_draft_redirect, protocol_for_editor


def _attendance_form(protocol: Protocol, data: Any = None) -> AttendanceForm:
    meeting = protocol.meeting
    rank = {role: i for i, role in enumerate(Membership.ROLE_ORDER)}
    seats_by_person: dict[int, Membership] = {}
    for seat in (
        Membership.objects.current(meeting.local_start.date())
        .filter(body=meeting.body)
        .exclude(role__in=[Membership.Role.SECRETARY, Membership.Role.OTHER])
        .select_related("person", "organisation")
    ):
        known = seats_by_person.get(seat.person_id)
        if known is None or rank[seat.role] < rank[known.role]:
            seats_by_person[seat.person_id] = seat
    seats = sorted(
        seats_by_person.values(),
        key=lambda s: (rank[s.role] > rank[Membership.Role.MEMBER], s.person.name),
    )
    rows = {
        row.person_id: row
        for row in Attendance.objects.filter(meeting=meeting, person__isnull=False)
        .exclude(role=Attendance.Role.OTHER)
        .prefetch_related("present_for")
    }
    others = list(
        Attendance.objects.filter(meeting=meeting, role=Attendance.Role.OTHER)
        .select_related("person", "organisation")
        .order_by("order", "pk")
    )
    form = AttendanceForm(
        data,
        initial={"lock_version": protocol.lock_version},
        seats=seats,
        rows=rows,
        others=others,
    )
    # The numbers the editor shows: with per-year numbering a draft's § 1 is
    # shown as the number it will get.
    numbers = predicted_numbers(protocol)
    number_of_item = {
        p.agenda_item_id: numbers.get(p.pk, p.order)
        for p in Paragraph.objects.filter(protocol=protocol, agenda_item__isnull=False)
    }
    form.set_present_for(
        {
            pid: paragraph_ranges(
                sorted(
                    number_of_item[i.pk]
                    for i in row.present_for.all()
                    if i.pk in number_of_item
                )
            ).lstrip("§ ")
            for pid, row in rows.items()
        }
    )
    return form


@login_required
@require_http_methods(["GET", "POST"])
def protocol_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    protocol = protocol_for_editor(request, pk)
    if protocol.state != Protocol.State.DRAFT:
        return not_draft_redirect(request, protocol)
    form = _attendance_form(protocol, request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                protocol_attendance_save(
                    protocol_id=protocol.pk,
                    actor=request.user,
                    base_version=form.cleaned_data["lock_version"],
                    members=form.members(),
                    others=form.others(),
                )
            except ProtocolConflict as conflict:
                messages.error(request, error_text(conflict))
                status = 409
            except ValidationError as error:
                messages.error(request, error_text(error))
            else:
                messages.success(request, _("Närvaron är sparad."))
                return redirect("meetings:protocol_edit", pk=protocol.pk)
        else:
            messages.error(
                request, _("Närvaron kunde inte sparas. Rätta det markerade.")
            )
    absences = Attendance.objects.filter(
        meeting=protocol.meeting, absence_reported_at__isnull=False
    ).values_list("person_id", flat=True)
    return render(
        request,
        "meetings/protocol/protocol_attendance.html",
        {
            "protocol": protocol,
            "meeting": protocol.meeting,
            "form": form,
            "absences": set(absences),
        },
        status=status,
    )
