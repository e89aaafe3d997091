"""The secretary's protokoll pages: start, edit, attendance, preview, send, and the
overview of every meeting and its protokoll."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from council.models import Body, Membership
from council.pdf import render_pdf
from meetings import permissions, protocol_selectors
from meetings.models import Attendance, Paragraph, Protocol
from meetings.protocol_document import (
    build_protocol_document,
    paragraph_ranges,
    protocol_for_document,
)
from meetings.protocol_forms import (
    AttendanceForm,
    ParagraphForm,
    ProtocolHeaderForm,
    outcome_help,
)
from meetings.services import protocol as drafting
from meetings.services import protocol_workflow as workflow
from meetings.views._helpers import error_text, meeting_or_404


def protocol_or_404(pk: int) -> Protocol:
    try:
        return protocol_selectors.protocol_get(pk=pk)
    except Protocol.DoesNotExist as exc:
        raise Http404 from exc


def _draft_viewer(request: HttpRequest, pk: int) -> Protocol:
    protocol = protocol_or_404(pk)
    if not permissions.can_view_protocol_draft(request.user, protocol):
        # Someone without access never learns that an unpublished protokoll exists.
        raise Http404
    return protocol


def _editor(request: HttpRequest, pk: int) -> Protocol:
    protocol = protocol_or_404(pk)
    if not permissions.can_edit_protocol(request.user, protocol):
        if permissions.can_view_protocol_draft(request.user, protocol):
            raise PermissionDenied
        raise Http404
    return protocol


def _not_draft_redirect(request: HttpRequest, protocol: Protocol) -> HttpResponse:
    messages.info(
        request,
        _("Protokollet är %(state)s och kan inte redigeras.")
        % {"state": protocol.get_state_display().lower()},
    )
    return redirect("meetings:protocol_review", pk=protocol.pk)


# Start ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def protocol_start(request: HttpRequest, pk: int) -> HttpResponse:
    """'Skriv protokoll': the meeting's protokoll, started on POST."""
    meeting = meeting_or_404(pk)
    latest = meeting.protocols.order_by("-version").first()
    if request.method == "GET":
        if latest is None or not permissions.can_view_protocol_draft(
            request.user, latest
        ):
            raise Http404
        target = (
            "protocol_edit"
            if latest.state == Protocol.State.DRAFT
            else ("protocol_review")
        )
        return redirect(f"meetings:{target}", pk=latest.pk)
    if not permissions.can_write_protocol(request.user, meeting):
        raise PermissionDenied
    if latest is not None:
        return redirect("meetings:protocol_edit", pk=latest.pk)
    try:
        protocol = drafting.protocol_create(meeting_id=meeting.pk, actor=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("meetings:protocol_overview")
    messages.success(
        request, _("Protokollet är påbörjat med en paragraf per punkt på dagordningen.")
    )
    return redirect("meetings:protocol_edit", pk=protocol.pk)


# The editor -----------------------------------------------------------------------


def _paragraphs(protocol: Protocol) -> list[Paragraph]:
    return list(
        Paragraph.objects.filter(protocol=protocol)
        .order_by("order")
        .prefetch_related("action_items__assignee")
    )


def _editor_page(
    request: HttpRequest,
    protocol: Protocol,
    *,
    header: ProtocolHeaderForm | None = None,
    forms: list[ParagraphForm] | None = None,
    conflict: dict[int, dict[str, Any]] | None = None,
    status: int = 200,
) -> HttpResponse:
    present = drafting.present_people(protocol.meeting)
    paragraphs = _paragraphs(protocol)
    decides = outcome_help(protocol.meeting)
    header = header or ProtocolHeaderForm(
        initial=ProtocolHeaderForm.initial_for(protocol), present=present
    )
    forms = forms or [
        ParagraphForm(
            initial=ParagraphForm.initial_for(p), paragraph=p, decides=decides
        )
        for p in paragraphs
    ]
    comments = protocol_selectors.comments_by_paragraph(protocol=protocol)
    entries = [
        {
            "form": form,
            "paragraph": form.paragraph,
            "comments": comments.get(form.paragraph.pk, []),
            "conflict": (conflict or {}).get(form.paragraph.pk),
        }
        for form in forms
    ]
    doc = build_protocol_document(protocol_for_document(protocol.pk), public=False)
    last = protocol.history.select_related("history_user").first()
    return render(
        request,
        "meetings/protocol/protocol_edit.html",
        {
            "protocol": protocol,
            "meeting": protocol.meeting,
            "header": header,
            "entries": entries,
            "doc": doc,
            "present": present,
            "last_change": last,
            "conflict": conflict is not None,
        },
        status=status,
    )


def _conflicts(
    protocol: Protocol, forms: list[ParagraphForm]
) -> dict[int, dict[str, Any]]:
    """For each paragraph whose saved text differs from what the user typed."""
    saved = {p.pk: p for p in Paragraph.objects.filter(protocol=protocol)}
    found: dict[int, dict[str, Any]] = {}
    for form in forms:
        paragraph = saved.get(form.paragraph.pk)
        if paragraph is None:
            continue
        differs = [
            name
            for name in ("heading", "text", "outcome")
            if (form.cleaned_data.get(name) or "") != getattr(paragraph, name)
        ]
        if differs:
            found[paragraph.pk] = {"paragraph": paragraph, "fields": differs}
    return found


@login_required
@require_http_methods(["GET", "POST"])
def protocol_edit(request: HttpRequest, pk: int) -> HttpResponse:
    protocol = _editor(request, pk)
    if protocol.state != Protocol.State.DRAFT:
        return _not_draft_redirect(request, protocol)
    if request.method == "GET":
        return _editor_page(request, protocol)

    present = drafting.present_people(protocol.meeting)
    decides = outcome_help(protocol.meeting)
    header = ProtocolHeaderForm(request.POST, present=present)
    forms = [
        ParagraphForm(request.POST, paragraph=p, decides=decides)
        for p in _paragraphs(protocol)
    ]
    if not header.is_valid() or not all([f.is_valid() for f in forms]):
        messages.error(
            request, _("Protokollet kunde inte sparas. Rätta det markerade.")
        )
        return _editor_page(request, protocol, header=header, forms=forms, status=400)
    data = header.cleaned_data
    try:
        saved = drafting.protocol_save_draft(
            protocol_id=protocol.pk,
            actor=request.user,
            base_version=data["lock_version"],
            chair_id=data["chair"].pk if data["chair"] else None,
            justerare_ids=[p.pk for p in data["justerare"]],
            justering_date=data["justering_date"],
            justering_place=data["justering_place"],
            paragraphs=[f.service_values() for f in forms],
        )
    except drafting.ProtocolConflict as conflict:
        messages.error(request, error_text(conflict))
        current = protocol_or_404(pk)
        # Saving again is a deliberate choice after comparing: base it on the
        # version now stored.
        posted = request.POST.copy()
        posted["lock_version"] = str(current.lock_version)
        header = ProtocolHeaderForm(posted, present=present)
        header.is_valid()
        return _editor_page(
            request,
            current,
            header=header,
            forms=forms,
            conflict=_conflicts(current, forms),
            status=409,
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
        return _editor_page(request, protocol, header=header, forms=forms, status=400)

    try:
        for form in forms:
            if form.cleaned_data.get("new_action", "").strip():
                drafting.protocol_action_item_add(
                    paragraph_id=form.paragraph.pk,
                    actor=request.user,
                    description=form.cleaned_data["new_action"],
                    assignee_text=form.cleaned_data["new_action_assignee"],
                )
        anchor = _run_operation(request, saved, request.POST.get("op", "save"))
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("meetings:protocol_edit", pk=protocol.pk)
    if anchor == "sent":
        return redirect("meetings:protocol_review", pk=protocol.pk)
    return redirect(f"{request.path}{anchor}")


def _run_operation(request: HttpRequest, protocol: Protocol, op: str) -> str:
    """The button pressed: save only, or save and then a change of structure."""
    verb, _sep, arg = op.partition(":")
    target = int(arg) if arg.isdigit() else None
    user = request.user
    if verb == "add":
        paragraph = drafting.protocol_paragraph_add(
            protocol_id=protocol.pk, actor=user, after_id=target
        )
        messages.success(request, _("Utkastet är sparat och en paragraf tillagd."))
        return f"#stycke-{paragraph.pk}"
    if verb in ("up", "down") and target:
        drafting.protocol_paragraph_move(
            paragraph_id=target, actor=user, up=verb == "up"
        )
        messages.success(request, _("Utkastet är sparat och paragrafen flyttad."))
        return f"#stycke-{target}"
    if verb == "delete" and target:
        drafting.protocol_paragraph_delete(paragraph_id=target, actor=user)
        messages.success(request, _("Utkastet är sparat och paragrafen borttagen."))
        return ""
    if verb == "delete_action" and target:
        drafting.protocol_action_item_delete(action_item_id=target, actor=user)
        messages.success(request, _("Utkastet är sparat och uppdraget borttaget."))
        return ""
    if verb == "send":
        workflow.protocol_send_to_justering(protocol_id=protocol.pk, actor=user)
        messages.success(
            request,
            _(
                "Protokollet är skickat för justering. Ordföranden och justerarna har "
                "fått e-post."
            ),
        )
        return "sent"
    messages.success(request, _("Utkastet är sparat."))
    return ""


# Attendance -----------------------------------------------------------------------


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
    number_of_item = {
        p.agenda_item_id: p.number or p.order
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
    protocol = _editor(request, pk)
    if protocol.state != Protocol.State.DRAFT:
        return _not_draft_redirect(request, protocol)
    form = _attendance_form(protocol, request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                drafting.protocol_attendance_save(
                    protocol_id=protocol.pk,
                    actor=request.user,
                    base_version=form.cleaned_data["lock_version"],
                    members=form.members(),
                    others=form.others(),
                )
            except drafting.ProtocolConflict as conflict:
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


# Preview, PDF, send ---------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def protocol_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole protokoll as it will read. A POST from the editor's script shows
    the unsaved text (nothing is saved) as an HTML fragment."""
    protocol = _draft_viewer(request, pk)
    full = protocol_for_document(protocol.pk)
    if request.method == "POST":
        if not permissions.can_edit_protocol(request.user, protocol):
            raise PermissionDenied
        for paragraph in full.paragraphs.all():
            prefix = f"p{paragraph.pk}-"
            for name in ("heading", "text", "outcome", "dnr", "presenter"):
                if prefix + name in request.POST:
                    setattr(paragraph, name, request.POST[prefix + name])
        doc = build_protocol_document(full, public=False)
        return render(
            request, "meetings/protocol/_document.html", {"doc": doc, "preview": True}
        )
    doc = build_protocol_document(full, public=request.GET.get("publik") == "1")
    return render(
        request,
        "meetings/protocol/protocol_preview.html",
        {"protocol": protocol, "doc": doc, "meeting": protocol.meeting},
    )


@login_required
@require_GET
def protocol_draft_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    protocol = _draft_viewer(request, pk)
    doc = build_protocol_document(protocol_for_document(protocol.pk), public=False)
    data = render_pdf(
        template_name="meetings/pdf/protocol.html",
        context={"doc": doc, "body": protocol.meeting.body},
        title=doc.title,
        draft=not protocol.is_locked,
    )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="protokoll-{protocol.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def protocol_send(request: HttpRequest, pk: int) -> HttpResponse:
    protocol = _editor(request, pk)
    try:
        workflow.protocol_send_to_justering(protocol_id=protocol.pk, actor=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
        if protocol.state == Protocol.State.DRAFT:
            return redirect("meetings:protocol_edit", pk=protocol.pk)
    else:
        messages.success(
            request,
            _(
                "Protokollet är skickat för justering. Ordföranden och justerarna har "
                "fått e-post."
            ),
        )
    return redirect("meetings:protocol_review", pk=protocol.pk)


# Overview -------------------------------------------------------------------------


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    groups = protocol_selectors.overview_for(user=request.user)
    if not any(
        permissions.can_oversee_protocols(request.user, body)
        for body in _bodies(request)
    ):
        raise PermissionDenied
    return render(
        request,
        "meetings/protocol/protocol_overview.html",
        {"groups": groups, "can_write": True},
    )


def _bodies(request: HttpRequest) -> list[Body]:
    return list(Body.objects.filter(is_active=True))
