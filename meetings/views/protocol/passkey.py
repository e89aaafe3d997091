"""The passkey step-up's options: a challenge bound to the exact text that is
sent for justering or justerat (council.passkeys.ceremony)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.passkeys import ceremony
from meetings import permissions
from meetings.documents.content import content_sha256
from meetings.forms.protocol.justering import step_up_purpose
from meetings.models import Protocol
from meetings.services.protocol import justering
from meetings.views._helpers import error_text
from meetings.views.protocol.access import protocol_for_viewer

SEND = "skicka"
JUSTERA = "justera"


def _refused(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@login_required
@require_POST
def protocol_passkey_options(
    request: HttpRequest, pk: int, action: str
) -> HttpResponse:
    if action not in (SEND, JUSTERA):
        raise Http404
    protocol = protocol_for_viewer(request, pk)
    user = request.user
    if action == SEND:
        if not permissions.can_send_protocol(user, protocol):
            return _refused(_("Du kan inte skicka protokollet."), 403)
        if protocol.state != Protocol.State.DRAFT:
            return _refused(_("Protokollet är inte ett utkast."))
        try:
            digest = justering.content_to_send(protocol_id=protocol.pk, actor=user)
        except ValidationError as error:
            return _refused(error_text(error))
    else:
        if not permissions.can_justera_protocol(user, protocol):
            return _refused(_("Du kan inte justera protokollet."), 403)
        if protocol.state != Protocol.State.IN_JUSTERING:
            return _refused(_("Protokollet kan inte justeras nu."))
        digest = content_sha256(protocol)
    try:
        options = ceremony.step_up_options(
            request,
            user,
            purpose=step_up_purpose(action, protocol.pk),
            content_sha256=digest,
        )
    except ceremony.CeremonyError as error:
        return _refused(str(error))
    return HttpResponse(options, content_type="application/json")
