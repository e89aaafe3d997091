"""Rendered PDFs kept by their content: WeasyPrint lays out each version once.

A document rendered on request (the kallelse, the plan, a protokoll draft) is
first written as HTML, which is cheap; the SHA-256 of that HTML with its title,
its watermark and RENDERER_VERSION is the document's *version*. Its PDF is kept
in the default storage as `rendered/<kind>/<subject>/<version>.pdf`, where the
subject names one document for one audience (`kallelse/12-public`). The next
request that writes the same HTML reads the file instead of rendering.

Why the HTML and not the rows' timestamps: a document gathers many rows (agenda
items, the body, the secretary in the letterhead, last year's activities), and
the HTML is exactly what the PDF shows, so any change a reader could see gives a
new version and an unchanged document never renders again. Under the production
storage the HTML names the stylesheet by its hashed name, and that hash covers
the fonts the stylesheet names, so a new layout is a new version too. Bump
RENDERER_VERSION when `council/pdf.py` makes something else of the same HTML.
Because the version is computed from the HTML this request may see, a request
can only ever be given a PDF of what it may read; the views check permissions
before they ask for it.

Why the storage and not a cache: the files survive restarts and deployments and
are shared by every worker (and by hosts sharing the media storage). Storing a
new version deletes the older ones of the same subject, so there is one file per
document and audience; `rendered/` may be deleted at any time and fills again on
demand.

One rendering at a time: a request that finds no file takes the lock named after
the file (`council/locks.py`, across workers on PostgreSQL), looks again, renders
and stores, then releases; the others wait for the lock (at most WAIT_SECONDS,
then PdfBusy, a 503) and read the file. A failed rendering (PdfResourceError)
stores nothing. A PDF's last line is `%%EOF`: a file still being written lacks it
and is read as missing, which sends the reader to wait for the lock.
"""

from __future__ import annotations

import hashlib
import logging
import posixpath
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import weasyprint
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from council import locks
from council.pdf import PdfResourceError, pdf_html, render_html

logger = logging.getLogger(__name__)

RENDERER_VERSION = "2"  # 2: PDF/A-3a and PDF/UA-1
ROOT = "rendered"
# The longest a request waits for another's rendering of the same document.
WAIT_SECONDS = 30.0
# Browsers and proxies may keep a public PDF this long, then ask again with its
# ETag (a 304 while it is unchanged).
PUBLIC_CACHE_CONTROL = "public, max-age=60"
PRIVATE_CACHE_CONTROL = "private, no-store"


class PdfBusy(PdfResourceError):
    """Another request's rendering of the same document took too long."""


@dataclass(frozen=True)
class StoredPdf:
    data: bytes
    version: str  # SHA-256 of what was rendered; the ETag
    modified: datetime  # when this version was stored


def content_version(html: str, *, title: str, draft: bool) -> str:
    fingerprint = hashlib.sha256()
    for part in (RENDERER_VERSION, weasyprint.__version__, title, str(draft), html):
        fingerprint.update(part.encode("utf-8"))
        fingerprint.update(b"\0")
    return fingerprint.hexdigest()


def _read(name: str, version: str) -> StoredPdf | None:
    """The stored file, if it is there and complete."""
    try:
        with default_storage.open(name, "rb") as handle:
            data = handle.read()
        modified = default_storage.get_modified_time(name)
    except OSError:
        return None
    if not data.rstrip().endswith(b"%%EOF"):
        return None
    return StoredPdf(data=data, version=version, modified=modified)


def _store(name: str, data: bytes) -> None:
    if default_storage.exists(name):  # a file a stopped worker left half written
        default_storage.delete(name)
    saved = default_storage.save(name, ContentFile(data))
    if saved != name:
        raise RuntimeError(f"The rendered PDF was stored as {saved!r}, not {name!r}.")
    directory, kept = posixpath.split(name)
    try:
        _dirs, files = default_storage.listdir(directory)
    except OSError:
        return
    for other in files:
        if other != kept:
            try:
                default_storage.delete(posixpath.join(directory, other))
            except OSError:
                logger.warning("An old rendering %s/%s stays.", directory, other)


def stored_pdf(
    *,
    kind: str,
    subject: str,
    template_name: str,
    context: dict[str, Any],
    title: str,
    draft: bool = False,
) -> StoredPdf:
    """The PDF of this template and context, rendered only if this version has
    not been stored yet. Raises PdfResourceError when it cannot be rendered with
    its layout, PdfBusy when another rendering of it does not finish in time."""
    html = pdf_html(
        template_name=template_name, context=context, title=title, draft=draft
    )
    version = content_version(html, title=title, draft=draft)
    name = f"{ROOT}/{kind}/{subject}/{version}.pdf"
    found = _read(name, version)
    if found is not None:
        return found
    try:
        with locks.exclusive(f"pdf:{name}", timeout=WAIT_SECONDS):
            found = _read(name, version)
            if found is not None:
                return found
            data = render_html(html, title=title).data
            try:
                _store(name, data)
                modified = default_storage.get_modified_time(name)
            except OSError:
                # The reader still gets the document; the next one renders again.
                logger.exception("The rendered PDF %r could not be stored.", title)
                modified = timezone.now()
    except locks.LockTimeout as waited:
        logger.error("PDF %r not issued: another rendering took too long.", title)
        raise PdfBusy(f"The PDF {title!r} is still being rendered.") from waited
    return StoredPdf(data=data, version=version, modified=modified)


def pdf_response(
    request: HttpRequest, stored: StoredPdf, *, filename: str, public: bool
) -> HttpResponse:
    """The PDF inline, with its version as ETag and the time it was stored as
    Last-Modified; a request that already has this version gets a 304. A public
    document may be kept by browsers and proxies for a minute, any other never."""
    etag = f'"{stored.version}"'
    last_modified = int(stored.modified.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = HttpResponse(stored.data, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = (
        PUBLIC_CACHE_CONTROL if public else PRIVATE_CACHE_CONTROL
    )
    return response
