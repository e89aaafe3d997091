"""Publishing a justerat protokoll, from its review page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings.services.protocol import publishing
from meetings.views._helpers import error_text
from meetings.views.protocol.access import (
    protocol_for_viewer,
)


@login_required
@require_POST
def protocol_publish(request: HttpRequest, pk: int) -> HttpResponse:
    protocol = protocol_for_viewer(request, pk)
    try:
        publishing.protocol_publish(protocol_id=protocol.pk, actor=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("meetings:protocol_review", pk=protocol.pk)
    messages.success(request, _("Protokollet är publicerat."))
    return redirect("meetings:protocol_detail", pk=protocol.pk)
