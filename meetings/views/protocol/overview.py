"""The secretary's overview of every meeting and its protokoll, and "Skriv
protokoll", which starts one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from council.text import year_or_none
from meetings import permissions
from meetings.models import JUSTERING_DAYS, Protocol
from meetings.selectors.protocol import overview as overview_selectors
from meetings.services.protocol import drafting
from meetings.views._helpers import error_text, meeting_or_404


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


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    """One table of every meeting of the bodies the user runs, filtered by body
    and year (a plain GET form)."""
    if not overview_selectors.oversees_any(user=request.user):
        raise PermissionDenied
    found = overview_selectors.overview_for(
        user=request.user,
        body_slug=request.GET.get("organ", ""),
        year=year_or_none(request.GET.get("ar", "")),
    )
    return render(
        request,
        "meetings/protocol/protocol_overview.html",
        {"overview": found, "justering_days": JUSTERING_DAYS},
    )
