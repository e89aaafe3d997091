"""Request-wide answers to faults that a view cannot mend itself."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from council.pdf import PdfResourceError


class PdfUnavailableMiddleware:
    """A PDF that cannot get its stylesheet or fonts is not sent at all.

    The renderer has already logged why; the reader gets a 503 in Swedish that
    says the document can be fetched later, rather than a document without its
    layout or a bare server error.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        if isinstance(exception, PdfResourceError):
            response = render(request, "pdf_unavailable.html", status=503)
            response["Retry-After"] = "300"
            response["Cache-Control"] = "no-store"
            return response
        return None


class NulByteInRequest(SuspiciousOperation):
    """A NUL character in the path or the query string."""


class RejectNulBytesMiddleware:
    """A request with a NUL character in its path or query string is refused
    with 400 (templates/400.html) before any view sees it.

    No link or form of the portal makes one, and PostgreSQL refuses NUL in text,
    so a lookup with it would end in a server error instead of an answer.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path_info or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            raise NulByteInRequest("NUL character in the path or query string")
        return self.get_response(request)
