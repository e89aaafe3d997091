"""Request-wide concerns: faults a view cannot mend itself, the security headers
and the session's idle timeout."""

from __future__ import annotations

import time
from collections.abc import Callable

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

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


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy (settings.CONTENT_SECURITY_POLICY) on every page.

    A PDF goes without it: Chromium shows a PDF in a viewer page of its own, which
    a policy of the document blocks (its styles and plugin), and a PDF runs no
    script of ours.
    """

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if response.get("Content-Type", "").startswith("application/pdf"):
            return response
        return super().process_response(request, response)


class NoStoreForUsersMiddleware:
    """Nothing shown to a logged-in user is kept by the browser or a proxy.

    Drafts, names and e-mail addresses would otherwise stay in the browser's cache
    after logging out (the back button) or in a shared cache on the way. Anonymous
    responses keep their headers, so the public pages stay cacheable.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response


LAST_ACTIVITY_KEY = "last_activity"
# The last activity is written at most this often, not on every request.
ACTIVITY_RESOLUTION_SECONDS = 60


def session_activity_start(sender, request: HttpRequest, **kwargs) -> None:
    """A login is the session's first activity (connected in CouncilConfig)."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_ACTIVITY_KEY] = int(time.time())


class SessionIdleTimeoutMiddleware:
    """Log out a session unused for settings.SESSION_IDLE_SECONDS.

    The session keeps the time of its last use, rewritten at most once a minute
    (a request within the minute writes nothing), so the idle limit is kept to
    within a minute. SESSION_SAVE_EVERY_REQUEST with a short SESSION_COOKIE_AGE
    would do the same but write the session on every request. The absolute
    lifetime stays SESSION_COOKIE_AGE.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        idle = settings.SESSION_IDLE_SECONDS
        session = request.session
        if idle > 0 and SESSION_KEY in session:
            now = int(time.time())
            last = session.get(LAST_ACTIVITY_KEY)
            if last is not None and now - last > idle:
                logout(request)
                messages.info(
                    request,
                    _(
                        "Du har loggats ut eftersom du inte har använt portalen på "
                        "%(minutes)d minuter. Logga in igen."
                    )
                    % {"minutes": idle // 60},
                )
            elif last is None or now - last >= ACTIVITY_RESOLUTION_SECONDS:
                session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)


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
