"""Small helpers the meetings views share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response

from council.models import Body
from council.pdf_store import PUBLIC_CACHE_CONTROL
from meetings import permissions
from meetings.models import Meeting, SignedDocument
from meetings.selectors import meeting as selectors


def meeting_or_404(pk: int) -> Meeting:
    try:
        return selectors.meeting_get(pk=pk)
    except Meeting.DoesNotExist as exc:
        raise Http404 from exc


def managed_meeting(request: HttpRequest, pk: int) -> Meeting:
    """The meeting, for someone who may plan it; a 403 for anyone else."""
    meeting = meeting_or_404(pk)
    if not permissions.can_manage_meeting(request.user, meeting):
        raise PermissionDenied
    return meeting


def body_or_404(slug: str) -> Body:
    try:
        return selectors.body_get(slug=slug)
    except Body.DoesNotExist as exc:
        raise Http404 from exc


def signed_pdf_response(
    document: SignedDocument,
    request: HttpRequest | None = None,
    *,
    public: bool = False,
) -> HttpResponse:
    """The stored bytes of a signed document, as they are, with their SHA-256 as
    ETag: a request that already has them gets a 304. A public document may be
    kept by browsers and proxies for a minute."""
    etag = f'"{document.sha256}"'
    response = (
        get_conditional_response(request, etag=etag) if request is not None else None
    )
    if response is None:
        response = HttpResponse(bytes(document.data), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{document.filename}"'
    response["ETag"] = etag
    if public:
        response["Cache-Control"] = PUBLIC_CACHE_CONTROL
    return response


def error_text(error: ValidationError) -> str:
    return " ".join(str(m) for m in error.messages)


def run(request: HttpRequest, action: Callable[[], Any], success: str) -> Any:
    """Run a service; a ValidationError becomes an error message. PermissionDenied
    passes on and becomes a 403."""
    try:
        result = action()
    except ValidationError as error:
        messages.error(request, error_text(error))
        return None
    messages.success(request, success)
    return result
