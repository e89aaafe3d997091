"""Small helpers the meetings views share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse

from council.models import Body
from meetings.models import Meeting, SignedDocument
from meetings.selectors import meeting as selectors


def meeting_or_404(pk: int) -> Meeting:
    try:
        return selectors.meeting_get(pk=pk)
    except Meeting.DoesNotExist as exc:
        raise Http404 from exc


def body_or_404(slug: str) -> Body:
    try:
        return selectors.body_get(slug=slug)
    except Body.DoesNotExist as exc:
        raise Http404 from exc


def signed_pdf_response(document: SignedDocument) -> HttpResponse:
    """The stored bytes of a signed document, as they are, with their SHA-256 as ETag."""
    response = HttpResponse(bytes(document.data), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{document.filename}"'
    response["ETag"] = f'"{document.sha256}"'
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
