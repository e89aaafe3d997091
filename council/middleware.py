"""Request-wide answers to faults that a view cannot mend itself."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from council.pdf import PdfResourceError
from council.pdf_store import PdfBusy


class PdfUnavailableMiddleware:
    """A PDF that cannot get its stylesheet or fonts is not sent at all.

    The renderer has already logged why; the reader gets a 503 in Swedish that
    says the document can be fetched later, rather than a document without its
    layout or a bare server error. The same when another request's rendering of
    the document did not finish in time (PdfBusy).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        if isinstance(exception, PdfResourceError):
            busy = isinstance(exception, PdfBusy)
            response = render(
                request, "pdf_unavailable.html", {"busy": busy}, status=503
            )
            response["Retry-After"] = "30" if busy else "300"
            response["Cache-Control"] = "no-store"
            return response
        return None
