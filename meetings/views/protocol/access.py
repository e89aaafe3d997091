"""Finding a protokoll and deciding who sees or edits it, shared by the pages."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from meetings import permissions
from meetings.forms.protocol.justering import SendForm
from meetings.models import Protocol
from meetings.selectors.protocol import review as review_selectors


def protocol_or_404(pk: int) -> Protocol:
    try:
        return review_selectors.protocol_get(pk=pk)
    except Protocol.DoesNotExist as exc:
        raise Http404 from exc


def protocol_for_viewer(request: HttpRequest, pk: int) -> Protocol:
    protocol = protocol_or_404(pk)
    if not permissions.can_view_protocol_draft(request.user, protocol):
        # Someone without access never learns that an unpublished protokoll exists.
        raise Http404
    return protocol


def protocol_for_editor(request: HttpRequest, pk: int) -> Protocol:
    protocol = protocol_or_404(pk)
    if not permissions.can_edit_protocol(request.user, protocol):
        if permissions.can_view_protocol_draft(request.user, protocol):
            raise PermissionDenied
        raise Http404
    return protocol


def not_draft_redirect(request: HttpRequest, protocol: Protocol) -> HttpResponse:
    messages.info(
        request,
        _("Protokollet är %(state)s och kan inte redigeras.")
        % {"state": protocol.get_state_display().lower()},
    )
    return redirect("meetings:protocol_review", pk=protocol.pk)


def send_form(request: HttpRequest, protocol: Protocol) -> SendForm:
    """The sender's step-up (password or passkey), bound and checked."""
    form = SendForm(request.POST, user=request.user, request=request, protocol=protocol)
    form.is_valid()
    return form
