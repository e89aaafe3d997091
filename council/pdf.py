"""PDF documents with the council's letterhead: protokoll, kallelse, plans.

One renderer for every document: A4, PDF/A-3a and PDF/UA-1 (a structure tree
that a screen reader follows, council/pdf_tags.py), Noto Sans shipped in
static/fonts and embedded, title and language in the metadata. The renderer loads only the project's own static files; typed text
can never make it read the file system or the network. It reads them by their
source names, so a document renders the same under DEBUG and behind the
production manifest storage (hashed names such as `pdf.<hash>.css`). A document
of record is never issued without its layout: a stylesheet or font that cannot
be loaded is an error, not a quiet fallback to system fonts.
"""

from __future__ import annotations

import logging
import mimetypes
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.dispatch import Signal
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from council.models import Body, Membership
from council.pdf_tags import SignatureFieldMissing, make_accessible

logger = logging.getLogger(__name__)

# A made-up origin that only this fetcher understands; `.invalid` never resolves.
PDF_ORIGIN = "https://portal.invalid"


# WeasyPrint runs at most this many renderings at once in one process; the
# others wait their turn rather than share the CPU and all finish late.
CONCURRENT_RENDERS = 2
_renders = threading.BoundedSemaphore(CONCURRENT_RENDERS)

# Sent after each rendering WeasyPrint finished, with `title`: the one place a
# PDF is laid out, so the number of renderings can be watched (and tested).
pdf_rendered = Signal()


class PdfResourceError(RuntimeError):
    """A stylesheet or font of the document itself could not be loaded."""


def static_source(name: str) -> str | None:
    """The source file of a static file, named plainly or as the manifest
    storage hashed it (`css/pdf.<hash>.css`), or None if it is not one of ours."""
    hashed_files = getattr(staticfiles_storage, "hashed_files", None) or {}
    plain = next(
        (source for source, hashed in hashed_files.items() if hashed == name), name
    )
    return finders.find(plain)


class StaticOnlyFetcher(URLFetcher):
    """Serves `PDF_ORIGIN/static/...` from the project's static files, nothing else.

    `refused` lists every URL it would not serve; `missing` those of them that
    pointed into the portal's static files, which the documents' own templates
    and stylesheets use: one of those missing is a broken document.
    """

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"https"}, allow_redirects=False)
        self.refused: list[str] = []
        self.missing: list[str] = []

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        prefix = f"{PDF_ORIGIN}/{settings.STATIC_URL.strip('/')}/"
        path = url.split("?", 1)[0].split("#", 1)[0]
        found = None
        if path.startswith(prefix) and ".." not in path:
            found = static_source(path[len(prefix) :])
            if not found:
                self.missing.append(url)
        if not found:
            self.refused.append(url)
            raise ValueError(
                f"Refused to fetch {url!r}: not a static file of the portal."
            )
        with open(found, "rb") as handle:
            body = handle.read()
        content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": content_type})


# What WeasyPrint reports, and otherwise passes over, when the document's layout
# is incomplete: a stylesheet it could not load, a @font-face it could not use.
LAYOUT_FAILURES = ("Failed to load stylesheet", "Font-face")


class _LayoutFailures(logging.Handler):
    """Collects WeasyPrint's layout failures of the rendering in this thread."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.thread = threading.get_ident()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.msg if isinstance(record.msg, str) else ""
        if record.thread == self.thread and message.startswith(LAYOUT_FAILURES):
            self.messages.append(record.getMessage())


@contextmanager
def _layout_checked(fetcher: StaticOnlyFetcher, title: str) -> Iterator[None]:
    """Raise PdfResourceError (and log it) if the rendering inside lost a
    stylesheet or a font of the portal's own."""
    failures = _LayoutFailures()
    weasyprint_logger = logging.getLogger("weasyprint")
    weasyprint_logger.addHandler(failures)
    try:
        yield
    finally:
        weasyprint_logger.removeHandler(failures)
    problems = [f"not found: {url}" for url in fetcher.missing] + failures.messages
    if problems:
        logger.error("PDF %r not issued: %s", title, "; ".join(problems))
        raise PdfResourceError(
            f"The PDF {title!r} lacks its stylesheet or fonts: {'; '.join(problems)}"
        )


@dataclass(frozen=True)
class Letterhead:
    """What stands at the top of every page."""

    body_name: str
    office: str
    secretary: str
    subtitle: str = "Region Örebro län och länets kommuner"


def letterhead_for(body: Body | None) -> Letterhead:
    if body is None:
        return Letterhead(body_name=settings.SITE_NAME, office="", secretary="")
    secretary = (
        Membership.objects.current()
        .filter(body=body, role=Membership.Role.SECRETARY)
        .select_related("person")
        .order_by("starts")
        .first()
    )
    return Letterhead(
        body_name=body.name,
        office=body.office,
        secretary=secretary.person.name if secretary else "",
    )


@dataclass(frozen=True)
class Anchor:
    """Where an element with an id landed: page index and box in PDF points.

    The box is (x1, y1, x2, y2) with the origin bottom-left, as PDF fields want it.
    """

    page: int
    box: tuple[float, float, float, float]


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    anchors: dict[str, Anchor]


# CSS px are 1/96 in, PDF points 1/72 in.
PX_TO_PT = 0.75


def render_pdf(
    *,
    template_name: str,
    context: dict[str, Any],
    title: str,
    draft: bool = False,
    fetcher: StaticOnlyFetcher | None = None,
) -> bytes:
    """Render a template extending `pdf/base.html` to PDF/A-3a bytes.

    `context["body"]` (a Body) gives the letterhead unless `context["letterhead"]`
    is given. A draft carries the watermark "UTKAST" on every page. Raises
    PdfResourceError if the stylesheet or a font of the portal cannot be loaded.
    """
    return render_pdf_with_anchors(
        template_name=template_name,
        context=context,
        title=title,
        draft=draft,
        fetcher=fetcher,
    ).data


def pdf_html(
    *,
    template_name: str,
    context: dict[str, Any],
    title: str,
    draft: bool = False,
) -> str:
    """The HTML a document is laid out from: everything the PDF shows, and under
    the production storage the hashed names of its stylesheet and fonts."""
    full_context = {
        "letterhead": letterhead_for(context.get("body")),
        **context,
        "pdf_title": title,
        "draft": draft,
    }
    return render_to_string(template_name, full_context)


def render_pdf_with_anchors(
    *,
    template_name: str,
    context: dict[str, Any],
    title: str,
    draft: bool = False,
    fetcher: StaticOnlyFetcher | None = None,
    signature_fields: Mapping[str, str] | None = None,
) -> RenderedPdf:
    """Like `render_pdf`, and say where each element with an id landed.

    `signature_fields` (element id -> who signs there, with their role) are
    made empty signature fields in the document's structure tree."""
    html = pdf_html(
        template_name=template_name, context=context, title=title, draft=draft
    )
    return render_html(
        html, title=title, fetcher=fetcher, signature_fields=signature_fields
    )


# ISO 19005-3 (PDF 1.7), level A: tagged, with Unicode text. WeasyPrint 70
# offers no PDF/A-4 without a conformance letter (its "pdf/a-4u" declares a
# "U" that ISO 19005-4 lacks), and the only independent validator the
# portal's tests can install checks parts 1 to 3. PDF/UA-1 is declared beside
# it (council/pdf_tags.py).
PDFA_VARIANT = "pdf/a-3a"


def _archival_streams(document: Any, pdf: Any) -> None:
    """Compress each stream on its own, as PDF/A reads it.

    The XMP metadata stays unfiltered, readable by tools that know no PDF
    filters. A stream whose compressed data would end with CR is left
    uncompressed: before `endstream` that CR and the LF after it read as one
    end-of-line marker, and PDF/A then finds the /Length one byte too long
    (ISO 19005-3, 6.1.7.1). The document is written without object and
    cross-reference streams (`uncompressed_pdf`), whose compressed data could
    end so too and cannot be chosen here.
    """
    metadata = pdf.catalog.get("Metadata")
    for item in pdf.objects:
        if not hasattr(item, "compress") or "Filter" in item.extra:
            continue  # not a stream, or one WeasyPrint encoded itself
        if item.reference == metadata:
            item.compress = False
            continue
        item.compress = True
        if item.data.endswith(b"\r\nendstream"):
            item.compress = False


def _anchors(rendered: Any) -> dict[str, Anchor]:
    """Where each element with an id landed, in PDF points."""
    anchors: dict[str, Anchor] = {}
    for index, page in enumerate(rendered.pages):
        height_pt = page.height * PX_TO_PT
        for name, (x0, y0, x1, y1) in page.anchors.items():
            anchors.setdefault(
                name,
                Anchor(
                    page=index,
                    box=(
                        x0 * PX_TO_PT,
                        height_pt - y1 * PX_TO_PT,
                        x1 * PX_TO_PT,
                        height_pt - y0 * PX_TO_PT,
                    ),
                ),
            )
    return anchors


def render_html(
    html: str,
    *,
    title: str,
    fetcher: StaticOnlyFetcher | None = None,
    signature_fields: Mapping[str, str] | None = None,
) -> RenderedPdf:
    """Lay out HTML from `pdf_html` as PDF/A-3a and PDF/UA-1: the costly part,
    which WeasyPrint does for at most CONCURRENT_RENDERS documents of this
    process at a time."""
    fetcher = fetcher or StaticOnlyFetcher()
    anchors: dict[str, Anchor] = {}

    def finish(document: Any, pdf: Any) -> None:
        places = {
            name: (anchors[name].page, anchors[name].box)
            for name in signature_fields or {}
            if name in anchors
        }
        make_accessible(pdf, signature_fields or {}, places)
        _archival_streams(document, pdf)

    with _renders:
        with _layout_checked(fetcher, title):
            rendered = HTML(
                string=html, base_url=f"{PDF_ORIGIN}/", url_fetcher=fetcher
            ).render()
        anchors.update(_anchors(rendered))
        try:
            data = rendered.write_pdf(
                pdf_variant=PDFA_VARIANT,
                pdf_tags=True,
                uncompressed_pdf=True,
                finisher=finish,
            )
        except SignatureFieldMissing as error:
            logger.error("PDF %r not issued: %s", title, error)
            raise PdfResourceError(
                f"The PDF {title!r} lacks a signature field's place: {error}"
            ) from error
    pdf_rendered.send(sender=RenderedPdf, title=title)
    return RenderedPdf(data=data, anchors=anchors)
