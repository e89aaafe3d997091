"""The secretary's planning page: the meeting, its dagordning and attachments.
(The kallelse, tillägg and cancelling: `notice`; the agenda template:
`agenda_template`.) Removing an item or an attachment asks first: a POST without
`confirm` names what will go."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from council.models import Body
from meetings import permissions
from meetings.forms.meeting import (
    AgendaItemForm,
    AttachmentForm,
    MeetingForm,
    SupplementForm,
)
from meetings.models import AgendaItem, Attachment, Meeting
from meetings.selectors import meeting as selectors
from meetings.services import attachments as attachment_services
from meetings.services import planning as planning_services
from meetings.views._helpers import (
    body_or_404,
    error_text,
    managed_meeting,
    run,
)


def _year_warnings(body: Body, years: list[int]) -> list[selectors.MinimumWarning]:
    return selectors.minimum_meeting_warnings(bodies=[body], years=years)


def planning_page(
    request: HttpRequest,
    meeting: Meeting,
    *,
    meeting_form: MeetingForm | None = None,
    item_form: AgendaItemForm | None = None,
    attachment_form: AttachmentForm | None = None,
    supplement_form: SupplementForm | None = None,
    status: int = 200,
) -> HttpResponse:
    items = selectors.agenda(meeting=meeting, non_public=True)
    context = {
        "meeting": meeting,
        "items": items,
        "meeting_attachments": selectors.meeting_attachments(
            meeting=meeting, non_public=True
        ),
        "meeting_form": meeting_form
        or MeetingForm(initial=MeetingForm.initial_for(meeting)),
        "item_form": item_form or AgendaItemForm(),
        "attachment_form": attachment_form or AttachmentForm(meeting=meeting),
        "supplement_form": supplement_form or SupplementForm(),
        "dispatches": selectors.dispatches(meeting=meeting),
        "pending_changes": list(selectors.pending_changes(meeting=meeting)),
        "called": selectors.called_memberships(body=meeting.body),
        "warnings": _year_warnings(meeting.body, [meeting.local_start.year]),
        "editable": meeting.state in planning_services.EDITABLE_STATES,
        "page_body": meeting.body,
    }
    return render(request, "meetings/meeting_plan.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, slug: str) -> HttpResponse:
    body = body_or_404(slug)
    if not permissions.can_plan_meetings(request.user, body):
        raise PermissionDenied
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = planning_services.meeting_create(
                body_id=body.pk, actor=request.user, **form.service_kwargs()
            )
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(
                request,
                "Mötet är planerat. Dagordningen har fått organets standardpunkter.",
            )
            return redirect("meetings:meeting_plan", pk=meeting.pk)
    year = timezone.localdate().year
    return render(
        request,
        "meetings/meeting_form.html",
        {
            "body": body,
            "form": form,
            "warnings": _year_warnings(body, [year, year + 1]),
            "page_body": body,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET"])
def meeting_plan(request: HttpRequest, pk: int) -> HttpResponse:
    return planning_page(request, managed_meeting(request, pk))


@login_required
@require_POST
def meeting_update(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = managed_meeting(request, pk)
    form = MeetingForm(request.POST)
    if form.is_valid():
        try:
            planning_services.meeting_update(
                meeting_id=meeting.pk, actor=request.user, **form.service_kwargs()
            )
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, "Tid och plats är sparade.")
            return redirect("meetings:meeting_plan", pk=meeting.pk)
    return planning_page(request, meeting, meeting_form=form, status=400)


# Agenda items --------------------------------------------------------------------


@login_required
@require_POST
def item_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = managed_meeting(request, pk)
    form = AgendaItemForm(request.POST)
    if form.is_valid():
        try:
            planning_services.agenda_item_create(
                meeting_id=meeting.pk, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, "Punkten är tillagd.")
            return redirect(f"{meeting_plan_url(meeting)}#dagordning")
    return planning_page(request, meeting, item_form=form, status=400)


def meeting_plan_url(meeting: Meeting) -> str:
    return reverse("meetings:meeting_plan", kwargs={"pk": meeting.pk})


def _item_or_404(meeting: Meeting, item_pk: int) -> AgendaItem:
    item = AgendaItem.objects.filter(pk=item_pk, meeting=meeting).first()
    if item is None:
        raise Http404
    return item


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = managed_meeting(request, pk)
    item = _item_or_404(meeting, item_pk)
    form = AgendaItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            planning_services.agenda_item_update(
                item_id=item.pk, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, "Punkten är sparad.")
            return redirect(f"{meeting_plan_url(meeting)}#punkt-{item.pk}")
    return render(
        request,
        "meetings/agenda_item_form.html",
        {"meeting": meeting, "item": item, "form": form, "page_body": meeting.body},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def item_move(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = managed_meeting(request, pk)
    item = _item_or_404(meeting, item_pk)
    up = request.POST.get("direction") == "upp"
    run(
        request,
        lambda: planning_services.agenda_item_move(
            item_id=item.pk, actor=request.user, up=up
        ),
        f"Punkten ”{item.title}” är flyttad {'upp' if up else 'ned'}.",
    )
    return redirect(f"{meeting_plan_url(meeting)}#punkt-{item.pk}")


@login_required
@require_POST
def item_delete(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """First a page that names the item and asks; then, with `confirm`, removal."""
    meeting = managed_meeting(request, pk)
    item = _item_or_404(meeting, item_pk)
    if "confirm" not in request.POST:
        return render(
            request,
            "meetings/agenda_item_delete_confirm.html",
            {
                "meeting": meeting,
                "item": item,
                "attachment_count": item.attachments.count(),
                "refusal": planning_services.agenda_item_delete_refusal(item),
                "back_url": f"{meeting_plan_url(meeting)}#punkt-{item.pk}",
                "page_body": meeting.body,
            },
        )
    run(
        request,
        lambda: planning_services.agenda_item_delete(
            item_id=item.pk, actor=request.user
        ),
        f"Punkten ”{item.title}” är borttagen.",
    )
    return redirect(f"{meeting_plan_url(meeting)}#dagordning")


# Attachments ---------------------------------------------------------------------


@login_required
@require_POST
def attachment_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = managed_meeting(request, pk)
    form = AttachmentForm(request.POST, request.FILES, meeting=meeting)
    if form.is_valid():
        data = form.cleaned_data
        try:
            attachment = attachment_services.attachment_upload(
                meeting_id=meeting.pk,
                actor=request.user,
                uploaded=data["file"],
                title=data["title"],
                is_public=data["is_public"],
                agenda_item_id=data["agenda_item"],
            )
        except ValidationError as error:
            form.add_error("file", error_text(error))
        else:
            messages.success(request, f"Bilagan ”{attachment.title}” är uppladdad.")
            return redirect(f"{meeting_plan_url(meeting)}#bilagor")
    return planning_page(request, meeting, attachment_form=form, status=400)


@login_required
@require_POST
def attachment_delete(
    request: HttpRequest, pk: int, attachment_pk: int
) -> HttpResponse:
    """First a page that names the attachment and asks; then, with `confirm`,
    removal."""
    meeting = managed_meeting(request, pk)
    attachment = (
        Attachment.objects.filter(pk=attachment_pk, meeting=meeting)
        .select_related("agenda_item")
        .first()
    )
    if attachment is None:
        raise Http404
    if "confirm" not in request.POST:
        return render(
            request,
            "meetings/attachment_delete_confirm.html",
            {
                "meeting": meeting,
                "attachment": attachment,
                "refusal": attachment_services.attachment_delete_refusal(attachment),
                "back_url": f"{meeting_plan_url(meeting)}#bilagor",
                "page_body": meeting.body,
            },
        )
    run(
        request,
        lambda: attachment_services.attachment_delete(
            attachment_id=attachment.pk, actor=request.user
        ),
        f"Bilagan ”{attachment.title}” är borttagen.",
    )
    return redirect(f"{meeting_plan_url(meeting)}#bilagor")
