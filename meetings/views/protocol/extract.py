"""Protokollsutdrag: one public paragraph of a published protokoll as a PDF,
certified by the secretary through the portal's signing service."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from meetings.services.protocol import extract as protocol_extract
from meetings.views._helpers import signed_pdf_response


@require_GET
def protocol_extract_pdf(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """The stored extract; the first request makes and signs it."""
    try:
        document = protocol_extract.extract_issue(protocol_id=pk, number=number)
    except protocol_extract.ExtractUnavailable as missing:
        raise Http404 from missing
    except protocol_extract.ExtractError:
        return HttpResponse(
            "Protokollsutdraget kan inte utfärdas just nu. Försök igen senare eller "
            "kontakta sekretariatet.",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    return signed_pdf_response(document, request, public=True)
