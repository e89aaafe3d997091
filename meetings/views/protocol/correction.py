"""Rättelse: starting a new version of a justerat protokoll, with a reason."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from meetings import permissions
from meetings.forms.protocol.correction import CorrectionForm
from meetings.services.protocol.correction import protocol_correct as correct
from meetings.views._helpers import error_text
from meetings.views.protocol.access import (
    protocol_for_viewer,
)


@login_required
@require_http_methods(["GET", "POST"])
def protocol_correct(request: HttpRequest, pk: int) -> HttpResponse:
    protocol = protocol_for_viewer(request, pk)
    if not permissions.can_correct_protocol(request.user, protocol):
        raise PermissionDenied
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            correction = correct(
                protocol_id=protocol.pk,
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(
                request,
                _(
                    "Rättelsen är påbörjad som version %(version)s. Den justeras "
                    "för sig; den tidigare versionen finns kvar."
                )
                % {"version": correction.version},
            )
            return redirect("meetings:protocol_edit", pk=correction.pk)
    return render(
        request,
        "meetings/protocol/protocol_correct.html",
        {"protocol": protocol, "meeting": protocol.meeting, "form": form},
        status=400 if form.errors else 200,
    )
