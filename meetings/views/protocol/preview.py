"""The protokoll as it will read, as a page and as a draft PDF."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from council.pdf_store import pdf_response, stored_pdf
from meetings import permissions
from meetings.documents import record as record_selectors
from meetings.documents.protocol import (
    ProtocolDocument,
    build_protocol_document,
    protocol_for_document,
)
from meetings.models import Protocol
from meetings.services.protocol.numbering import predicted_numbers
from meetings.views._helpers import signed_pdf_response
from meetings.views.protocol.access import (
    protocol_for_viewer,
)


def with_predicted_numbers(doc: ProtocolDocument) -> ProtocolDocument:
    """The draft with the § numbers it will get, as the editor shows them (with
    per-year numbering not 1, 2, 3 …). Only on these objects, never saved."""
    if doc.protocol.state == Protocol.State.DRAFT:
        numbers = predicted_numbers(doc.protocol)
        for entry in doc.paragraphs:
            paragraph = entry.paragraph
            paragraph.number = numbers.get(paragraph.pk, paragraph.order)
    return doc


@login_required
@require_http_methods(["GET", "POST"])
def protocol_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole protokoll as it will read. A POST from the editor's script shows
    the unsaved text (nothing is saved) as an HTML fragment."""
    protocol = protocol_for_viewer(request, pk)
    full = protocol_for_document(protocol.pk)
    if request.method == "POST":
        if not permissions.can_edit_protocol(request.user, protocol):
            raise PermissionDenied
        for paragraph in full.paragraphs.all():
            prefix = f"p{paragraph.pk}-"
            for name in ("heading", "text", "outcome", "dnr", "presenter"):
                if prefix + name in request.POST:
                    setattr(paragraph, name, request.POST[prefix + name])
        doc = with_predicted_numbers(build_protocol_document(full, public=False))
        return render(
            request, "meetings/protocol/_document.html", {"doc": doc, "preview": True}
        )
    doc = with_predicted_numbers(
        build_protocol_document(full, public=request.GET.get("publik") == "1")
    )
    return render(
        request,
        "meetings/protocol/protocol_preview.html",
        {
            "protocol": protocol,
            "doc": doc,
            "meeting": protocol.meeting,
        },
    )


@login_required
@require_GET
def protocol_draft_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """A draft renders with the UTKAST watermark; once sent for justering this is
    the signed PDF itself, as far as it is signed, never a second rendering."""
    protocol = protocol_for_viewer(request, pk)
    if protocol.state != Protocol.State.DRAFT:
        document = record_selectors.current_record(protocol, with_data=True)
        if document is not None:
            response = signed_pdf_response(document)
            response["Cache-Control"] = "private, no-store"
            return response
    doc = build_protocol_document(protocol_for_document(protocol.pk), public=False)
    document = stored_pdf(
        kind="protokollsutkast",
        subject=str(protocol.pk),
        template_name="meetings/pdf/protocol.html",
        context={"doc": doc, "body": protocol.meeting.body},
        title=doc.title,
        draft=not protocol.is_locked,
    )
    return pdf_response(
        request, document, filename=f"protokoll-{protocol.pk}.pdf", public=False
    )
