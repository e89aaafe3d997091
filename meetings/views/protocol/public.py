"""Public protokoll pages: the published list, one protokoll as accessible HTML
(and PDF), and the anslagstavla. Nothing unpublished is ever shown here."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from council.models import Body
from council.text import year_or_none
from meetings.documents import record as record_selectors
from meetings.documents import verification
from meetings.documents.protocol import build_protocol_document, protocol_for_document
from meetings.models import Protocol
from meetings.permissions import can_view_non_public
from meetings.selectors.protocol import public as public_selectors
from meetings.selectors.protocol import review as review_selectors
from meetings.views._helpers import signed_pdf_response


def _published_or_404(pk: int) -> Protocol:
    # A version a correction replaces stays readable; an inactive body's do not.
    protocol = Protocol.objects.filter(
        pk=pk, state=Protocol.State.PUBLISHED, meeting__body__is_active=True
    ).first()
    if protocol is None:
        raise Http404
    return protocol


PAGE_SIZE = 25


@require_GET
def protocol_list(request: HttpRequest) -> HttpResponse:
    """/protokoll/: the public protokoll, filtered by body and year, paginated."""
    body_slug = request.GET.get("organ", "")
    year = year_or_none(request.GET.get("ar", ""))
    protocols = public_selectors.protocols_published(body_slug=body_slug, year=year)
    page = Paginator(protocols, PAGE_SIZE).get_page(request.GET.get("sida"))
    return render(
        request,
        "meetings/protocol/protocol_list.html",
        {
            "page": page,
            "protocols": page.object_list,
            "bodies": Body.objects.filter(
                pk__in=Protocol.objects.public().values("meeting__body")
            ).order_by("name"),
            "years": Protocol.objects.public().dates(
                "meeting__starts_at", "year", "DESC"
            ),
            "chosen": {"organ": body_slug, "ar": year},
        },
    )


@require_GET
def protocol_detail(request: HttpRequest, pk: int) -> HttpResponse:
    protocol = _published_or_404(pk)
    doc = build_protocol_document(protocol_for_document(protocol.pk), public=True)
    correction = review_selectors.superseding(protocol)
    record = record_selectors.public_record(protocol)
    return render(
        request,
        "meetings/protocol/protocol_detail.html",
        {
            "protocol": protocol,
            "doc": doc,
            "page_body": doc.body,
            "record": record,
            "signature_report": verification.recorded_report(record),
            "extract_links": True,
            "can_archive": can_view_non_public(request.user, doc.body),
            "superseded_by": correction
            if correction and correction.state == Protocol.State.PUBLISHED
            else None,
        },
    )


@require_GET
def protocol_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The stored, signed PDF: the same bytes for everyone, never rendered again."""
    protocol = _published_or_404(pk)
    document = record_selectors.public_record(protocol, with_data=True)
    if document is None:
        raise Http404
    return signed_pdf_response(document, request, public=True)


@require_GET
def notice_board(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "meetings/protocol/notice_board.html",
        {"notices": public_selectors.notices_current()},
    )
