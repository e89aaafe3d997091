"""Publishing a justerat protokoll, from its review page.

A POST without `confirm` shows what becomes public and what stays non-public;
the POST with `confirm` publishes.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings import permissions
from meetings.documents.record import final_record
from meetings.selectors.protocol.publishing import publication_for
from meetings.services.protocol import publishing
from meetings.views._helpers import error_text
from meetings.views.protocol.access import (
    protocol_for_viewer,
)


def _confirm_page(request: HttpRequest, protocol) -> HttpResponse:
    if not permissions.can_publish_protocol(request.user, protocol):
        raise PermissionDenied
    publication = publication_for(protocol)
    body = protocol.meeting.body
    context = {
        "protocol": protocol,
        "meeting": protocol.meeting,
        "publication": publication,
        "pdf_public": not (
            publication.withheld_paragraphs or publication.withheld_attachments
        ),
        "has_record": final_record(protocol) is not None,
        "refusal": publishing.protocol_publish_refusal(protocol),
        "back_url": reverse("meetings:protocol_review", kwargs={"pk": protocol.pk}),
        "page_body": body,
    }
    if body.uses_anslag:
        context["anslag"] = publishing.anslag_dates(timezone.localdate())
    return render(request, "meetings/protocol/protocol_publish_confirm.html", context)


@login_required
@require_POST
def protocol_publish(request: HttpRequest, pk: int) -> HttpResponse:
    protocol = protocol_for_viewer(request, pk)
    if "confirm" not in request.POST:
        return _confirm_page(request, protocol)
    try:
        publishing.protocol_publish(protocol_id=protocol.pk, actor=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("meetings:protocol_review", pk=protocol.pk)
    messages.success(request, _("Protokollet är publicerat."))
    return redirect("meetings:protocol_detail", pk=protocol.pk)
