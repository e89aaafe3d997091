"""Anonymous copies of the public pages, dropped the moment anything public changes.

What is cached: the response to a GET or HEAD of a public path (`PUBLIC_PATHS`:
the start page, bodies, meetings, protokoll, anslag, plans, styrdokument,
networks, search, people, feeds, calendars of bodies, sitemap.xml and the OParl API, and
the public PDFs: kallelse, plan, signed protokoll and protokollsutdrag) from a
visitor without a session or messages cookie, when it is a 200 with a text body
(HTML, JSON, XML, iCalendar) or a PDF that sets no cookie, used no CSRF token and
does not ask to stay private. Everything else passes by untouched: logged-in
users, POSTs, forms (a page that renders `{% csrf_token %}` sets the CSRF cookie
and so is never stored), messages, errors, drafts and other downloads. A copy
with an ETag or Last-Modified answers a request that already has it with a 304.

Where: in the memory of each process (a gunicorn worker), keyed by scheme, host,
path and query string (not by Accept-Language: the portal speaks only Swedish).
At most `PUBLIC_CACHE_MAX_ENTRIES` pages and MAX_BYTES in all (no copy of a
body over MAX_COPY_BYTES), each at most `PUBLIC_CACHE_SECONDS` old, so pages that depend on the clock ("kommande möten", the anslagstavla)
follow within that time. `PUBLIC_CACHE_SECONDS = 0` turns the cache off. A GET
makes a copy; a HEAD is answered from it.

Invalidation: a generation token in the cache alias `PUBLIC_CACHE_ALIAS`, by
default a file cache that every worker on the host reads (a backend shared by
several hosts, such as Redis, works the same). Each request reads the token (one
small file read, no database) and a copy is served only if it was made under the
current token. Saving or deleting any row of the council, meetings, plans and
networks apps (but for the few private models in `PRIVATE_MODELS`), changing one
of their many-to-many relations, and every change logged by the admin replace
the token once the transaction commits, so every worker stops serving its copies
at once. Writes that bypass signals (`QuerySet.update()`, `bulk_create`, raw
SQL) do not invalidate; the services never use them on public models.

A copy is stored under the token read before the page was rendered, so a page
rendered while a change was being committed is dropped by that change's bump.
"""

from __future__ import annotations

import logging
import re
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils.cache import cc_delim_re, get_conditional_response
from django.utils.http import parse_http_date_safe

logger = logging.getLogger(__name__)

GENERATION_KEY = "public-pages-generation"
HIT_HEADER = "X-Public-Cache"

PUBLIC_PATHS = re.compile(
    r"""/(?:
        |organ/[\w-]+/
        |moten/(?:\d+/(?:kallelse\.pdf)?)?
        |protokoll/(?:\d+/(?:protokoll\.pdf|utdrag/\d+\.pdf)?)?
        |anslag/
        |planer/(?:[\w-]+/\d+/(?:version/\d+/)?(?:pdf/)?)?
        |styrdokument/(?:\d+/)?
        |natverk/(?:[\w-]+/)?
        |sok/
        |personer/\d+/
        |flode/[\w-]+\.xml
        |kalender/[\w-]+\.ics
        |sitemap\.xml
        |api/oparl/v1\.1/.*
    )""",
    re.VERBOSE,
)
CACHED_TYPES = (
    "text/html",
    "application/json",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "text/calendar",
    "application/pdf",
)
# What one worker keeps at most: in all, and of one response.
MAX_BYTES = 64 * 1024 * 1024
MAX_COPY_BYTES = 4 * 1024 * 1024
PRIVATE_CACHE_CONTROL = {"private", "no-store", "no-cache"}

# Apps whose rows the public pages show; a change to any of their models (less
# the private ones) invalidates every cached page.
PUBLIC_APPS = ("council", "meetings", "plans", "networks")
PRIVATE_MODELS = {
    "council.user",
    "council.user_groups",
    "council.user_user_permissions",
    "council.accessibilityfeedback",
    # The signing CA's records: shown on no cached page (/pki/ is not cached), and
    # a CRL issued each day must not drop every page.
    "council.revokedcertificate",
    "council.revocationlist",
    "meetings.calendartoken",
    "meetings.paragraphcomment",
}


# --- The generation ---------------------------------------------------------------


def _generations():
    return caches[settings.PUBLIC_CACHE_ALIAS]


def current_generation() -> str | None:
    """The token the cached pages must carry; None when it cannot be read."""
    store = _generations()
    try:
        token = store.get(GENERATION_KEY)
        if token is None:
            store.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
            token = store.get(GENERATION_KEY)
    except Exception:  # noqa: BLE001 - any backend's outage: serve without the cache
        logger.exception("The public pages' generation could not be read.")
        return None
    return token


def bump_generation() -> None:
    """Make every cached public page, in every worker, stale."""
    _generations().set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def public_content_changed(*, using: str = DEFAULT_DB_ALIAS) -> None:
    """Bump the generation when the current transaction commits (now, outside one).

    Bumping before the commit would let another worker cache the old rows under
    the new token; a rolled back change bumps nothing. A failed bump is logged,
    not raised: the change itself is committed.
    """
    transaction.on_commit(bump_generation, using=using, robust=True)


def _on_change(sender, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    if kwargs.get("action", "").startswith("pre_"):
        return  # m2m_changed: its post_ twin follows
    public_content_changed(using=using)


def public_models() -> list[type]:
    """The models whose changes invalidate the cache, through models included."""
    from simple_history.models import HistoricalChanges

    return [
        model
        for label in PUBLIC_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
        if not issubclass(model, HistoricalChanges)
        and model._meta.label_lower not in PRIVATE_MODELS
    ]


def connect_signals() -> None:
    """Connected from PortalConfig.ready()."""
    from django.contrib.admin.models import LogEntry

    for model in [*public_models(), LogEntry]:
        uid = f"public_cache:{model._meta.label_lower}"
        post_save.connect(_on_change, sender=model, dispatch_uid=uid)
        post_delete.connect(_on_change, sender=model, dispatch_uid=uid)
        if model._meta.auto_created:
            m2m_changed.connect(_on_change, sender=model, dispatch_uid=uid)


# --- The pages --------------------------------------------------------------------


@dataclass(frozen=True)
class CachedPage:
    generation: str
    expires: float  # time.monotonic()
    status: int
    headers: tuple[tuple[str, str], ...]
    content: bytes

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content, status=self.status)
        for name, value in self.headers:
            response[name] = value
        response[HIT_HEADER] = "hit"
        return response


class PageStore:
    """The least recently used pages of one process."""

    def __init__(self, *, max_bytes: int = MAX_BYTES) -> None:
        self._pages: OrderedDict[tuple[str, ...], CachedPage] = OrderedDict()
        self._lock = threading.Lock()
        self.max_bytes = max_bytes
        self.bytes = 0

    def get(self, key: tuple[str, ...]) -> CachedPage | None:
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: tuple[str, ...], page: CachedPage, *, limit: int) -> None:
        with self._lock:
            replaced = self._pages.pop(key, None)
            if replaced is not None:
                self.bytes -= len(replaced.content)
            self._pages[key] = page
            self.bytes += len(page.content)
            while len(self._pages) > limit or self.bytes > self.max_bytes:
                _key, dropped = self._pages.popitem(last=False)
                self.bytes -= len(dropped.content)

    def __len__(self) -> int:
        return len(self._pages)


def _page_key(request: HttpRequest) -> tuple[str, ...] | None:
    """Scheme, host, path and query, when the request may be answered by a copy."""
    if request.method not in ("GET", "HEAD"):
        return None
    if not PUBLIC_PATHS.fullmatch(request.path_info):
        return None
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies:
        return None
    if "HTTP_AUTHORIZATION" in request.META:
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    return (request.scheme, host, request.path, request.META.get("QUERY_STRING", ""))


def _may_store(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if len(response.content) > MAX_COPY_BYTES:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page carries a CSRF token
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    if content_type not in CACHED_TYPES:
        return False
    cache_control = {
        part.split("=")[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if cache_control & PRIVATE_CACHE_CONTROL:
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and getattr(messages, "_queued_messages", None):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """A 304 instead of the copy when the request already has this version."""
    etag = response.get("ETag")
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    if etag is None and last_modified is None:
        return response
    return get_conditional_response(
        request, etag=etag, last_modified=last_modified, response=response
    )


class PublicPageCacheMiddleware:
    """Answers anonymous requests for public pages from this worker's copies.

    Sits right after WhiteNoise: a copy is served without sessions, CSRF,
    authentication or the database, and what is stored is the response as the
    inner middleware left it (so its cookies and CSRF use are visible here).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.pages = PageStore()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        seconds = settings.PUBLIC_CACHE_SECONDS
        key = _page_key(request) if seconds > 0 else None
        if key is None:
            return self.get_response(request)
        generation = current_generation()
        if generation is None:
            return self.get_response(request)
        page = self.pages.get(key)
        now = time.monotonic()
        if page is not None and page.generation == generation and page.expires > now:
            return _conditional(request, page.response())
        response = self.get_response(request)
        # HEAD is answered from copies of GETs, never stored (its body may be cut).
        if request.method == "GET" and _may_store(request, response):
            page = CachedPage(
                generation=generation,
                expires=now + seconds,
                status=response.status_code,
                headers=tuple(response.headers.items()),
                content=response.content,
            )
            self.pages.put(key, page, limit=settings.PUBLIC_CACHE_MAX_ENTRIES)
        return response
