"""Justering from the signers' side and the secretary's: sending the draft for
justering, ändringsförslag back to the secretary, and each signer's justering.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from council.text import id_or_none
from meetings import permissions
from meetings.forms.protocol.justering import JusteraForm
from meetings.models import Protocol
from meetings.services.protocol import justering
from meetings.services.protocol.justering import sent_message
from meetings.views._helpers import error_text
from meetings.views.protocol.access import (
    protocol_for_editor,
    protocol_for_viewer,
    protocol_or_404,
    send_form,
)
from meetings.views.protocol.review import review_page
from meetings.views.protocol.send_step import send_page


@login_required
@require_http_methods(["GET", "POST"])
def protocol_send(request: HttpRequest, pk: int) -> HttpResponse:
    """The step "Skicka för justering": the summary and the step-up on GET;
    the POST sends, or shows the page again with what stopped it (status 400)."""
    protocol = protocol_for_editor(request, pk)
    if protocol.state != Protocol.State.DRAFT:
        messages.info(
            request,
            _("Protokollet är %(state)s och kan inte skickas för justering nu.")
            % {"state": protocol.get_state_display().lower()},
        )
        return redirect("meetings:protocol_review", pk=protocol.pk)
    if request.method == "GET":
        return send_page(request, protocol)
    blockers = justering.send_refusals(protocol, actor=request.user)
    if blockers:
        return send_page(request, protocol, refusals=blockers, status=400)
    form = send_form(request, protocol)
    if form.errors:
        return send_page(request, protocol, form=form, status=400)
    try:
        justering.protocol_send_to_justering(
            protocol_id=protocol.pk, actor=request.user, assertion=form.assertion
        )
    except ValidationError as error:
        return send_page(
            request, protocol, form=form, refusals=error.messages, status=400
        )
    messages.success(request, sent_message())
    return redirect("meetings:protocol_review", pk=protocol.pk)


@login_required
@require_POST
def protocol_comment(request: HttpRequest, pk: int) -> HttpResponse:
    protocol = protocol_for_viewer(request, pk)
    values = {
        paragraph_id: value
        for key, value in request.POST.items()
        if key.startswith("comment_")
        and (paragraph_id := id_or_none(key.removeprefix("comment_"))) is not None
    }
    try:
        justering.protocol_comment(
            protocol_id=protocol.pk, actor=request.user, comments=values
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
        return review_page(
            request, protocol_or_404(pk), comment_values=values, status=400
        )
    messages.success(
        request,
        _(
            "Dina ändringsförslag är skickade. Protokollet går tillbaka till "
            "sekreteraren, som skickar det för justering igen."
        ),
    )
    return redirect("meetings:protocol_review", pk=protocol.pk)


@login_required
@require_POST
def protocol_justera(request: HttpRequest, pk: int) -> HttpResponse:
    protocol = protocol_for_viewer(request, pk)
    if not permissions.can_justera_protocol(request.user, protocol):
        raise PermissionDenied
    form = JusteraForm(
        request.POST, user=request.user, request=request, protocol=protocol
    )
    if not form.is_valid():
        # The page opens with its error summary, which links to the field.
        return review_page(request, protocol, justera_form=form, status=400)
    try:
        protocol = justering.protocol_justera(
            protocol_id=protocol.pk, actor=request.user, assertion=form.assertion
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        if protocol.state == Protocol.State.JUSTERAT:
            messages.success(
                request,
                _("Du har justerat protokollet. Alla har justerat: det är nu låst."),
            )
        else:
            messages.success(
                request,
                _("Du har justerat protokollet. Det väntar på övriga justerare."),
            )
    return redirect("meetings:protocol_review", pk=protocol.pk)
