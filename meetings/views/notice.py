"""Telling the members: the kallelse, a tillägg, and cancelling the meeting.

Each asks first: a POST without `confirm` shows what will happen and to whom
(a page that works without JavaScript); the POST with `confirm` does it.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings.forms.meeting import MeetingCancelForm, SupplementForm
from meetings.models import Meeting, NoticeDispatch
from meetings.selectors import meeting as selectors
from meetings.services import notice as notice_services
from meetings.services import planning as planning_services
from meetings.views._helpers import error_text, managed_meeting
from meetings.views.planning import meeting_plan_url, planning_page


def _recipients(meeting: Meeting) -> list[dict]:
    """Everyone a dispatch goes to now, by name; `email` is empty when missing."""
    reached, missing = notice_services.notice_recipients(meeting)
    rows = [*reached, *({**entry, "email": ""} for entry in missing)]
    return sorted(rows, key=lambda row: row["name"].casefold())


def _what_goes_out(meeting: Meeting) -> dict:
    items = selectors.agenda(meeting=meeting, non_public=True)
    attachments = sum(len(item.visible_attachments) for item in items) + len(
        selectors.meeting_attachments(meeting=meeting, non_public=True)
    )
    recipients = _recipients(meeting)
    return {
        "items": items,
        "attachment_count": attachments,
        "recipients": recipients,
        "missing_count": sum(1 for row in recipients if not row["email"]),
        "back_url": f"{meeting_plan_url(meeting)}#kallelse",
        "page_body": meeting.body,
    }


def _report_dispatch(request: HttpRequest, dispatch: NoticeDispatch) -> None:
    messages.info(
        request,
        _("Skickat till %(count)s ledamöter och ersättare.")
        % {"count": len(dispatch.recipients)},
    )
    if dispatch.without_email:
        names = ", ".join(entry["name"] for entry in dispatch.without_email)
        messages.warning(
            request,
            _(
                "Saknar e-postadress och har inte fått utskicket: %(names)s. "
                "Kontakta dem på annat sätt."
            )
            % {"names": names},
        )


@login_required
@require_POST
def notice_send(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = managed_meeting(request, pk)
    if "confirm" not in request.POST:
        return render(
            request,
            "meetings/notice_confirm.html",
            {
                "meeting": meeting,
                "refusal": notice_services.notice_send_refusal(meeting),
                **_what_goes_out(meeting),
            },
        )
    try:
        dispatch = notice_services.notice_send(
            meeting_id=meeting.pk, actor=request.user
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, "Kallelsen är skickad.")
        _report_dispatch(request, dispatch)
    return redirect(f"{meeting_plan_url(meeting)}#kallelse")


@login_required
@require_POST
def supplement_send(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = managed_meeting(request, pk)
    form = SupplementForm(request.POST)
    if form.is_valid() and "confirm" not in request.POST:
        return render(
            request,
            "meetings/supplement_confirm.html",
            {
                "meeting": meeting,
                "form": form,
                "pending_changes": list(selectors.pending_changes(meeting=meeting)),
                "refusal": notice_services.supplement_refusal(
                    meeting, message=form.cleaned_data["message"]
                ),
                **_what_goes_out(meeting),
            },
        )
    if form.is_valid():
        try:
            dispatch = notice_services.notice_send_supplement(
                meeting_id=meeting.pk,
                actor=request.user,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, "Tillägget är skickat.")
            _report_dispatch(request, dispatch)
            return redirect(f"{meeting_plan_url(meeting)}#kallelse")
    return planning_page(request, meeting, supplement_form=form, status=400)


def _cancel_page(
    request: HttpRequest, meeting: Meeting, form: MeetingCancelForm, status: int = 200
) -> HttpResponse:
    context = {
        "meeting": meeting,
        "form": form,
        "back_url": f"{meeting_plan_url(meeting)}#kallelse",
        "page_body": meeting.body,
    }
    if meeting.notice_sent_at is not None:
        recipients = _recipients(meeting)
        context["recipients"] = recipients
        context["missing_count"] = sum(1 for row in recipients if not row["email"])
    return render(
        request, "meetings/meeting_cancel_confirm.html", context, status=status
    )


@login_required
@require_POST
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks for the reason and says who will be told; then cancels."""
    meeting = managed_meeting(request, pk)
    if meeting.state not in planning_services.EDITABLE_STATES:
        messages.error(request, "Mötet kan inte ställas in.")
        return redirect("meetings:meeting_plan", pk=meeting.pk)
    if "confirm" not in request.POST:
        return _cancel_page(request, meeting, MeetingCancelForm())
    form = MeetingCancelForm(request.POST)
    if form.is_valid():
        try:
            planning_services.meeting_cancel(
                meeting_id=meeting.pk,
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if meeting.notice_sent_at is None:
                messages.success(request, "Mötet är inställt.")
            else:
                messages.success(
                    request,
                    "Mötet är inställt. Ledamöterna och ersättarna har fått "
                    "ett meddelande med skälet.",
                )
                _report_dispatch(request, selectors.dispatches(meeting=meeting)[-1])
            return redirect("meetings:meeting_plan", pk=meeting.pk)
    return _cancel_page(request, meeting, form, status=400)
