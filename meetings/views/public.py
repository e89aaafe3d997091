"""Public meeting pages, documents and calendar feeds.

Anyone sees a meeting once its kallelse is sent, with its public items and
attachments; members of the body see everything; a non-public document is a 404
to whoever may not read it, so its existence does not leak.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile

from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
)
from django.shortcuts import render
from django.views.decorators.http import require_GET

from council.models import Body
from council.pdf_store import pdf_response
from council.uploads import displayable, served_content_type
from meetings import calendar, permissions
from meetings.forms.meeting import AbsenceForm
from meetings.models import Attachment, Meeting, Protocol
from meetings.selectors import meeting as selectors
from meetings.services.notice import kallelse_document, kallelse_pdf
from meetings.views._helpers import meeting_or_404


@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    upcoming, past = selectors.split_upcoming(selectors.meetings_public())
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "upcoming": selectors.group_by_body(upcoming),
            "past": selectors.group_by_body(past),
            "bodies": Body.objects.filter(is_active=True).order_by("kind", "name"),
        },
    )


@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return meeting_page(request, meeting_or_404(pk))


def meeting_page(
    request: HttpRequest,
    meeting: Meeting,
    *,
    absence_form: AbsenceForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The meeting page; a member's absence form comes back here with its errors."""
    access = selectors.meeting_access(request.user, meeting)
    if not access.can_see:
        raise Http404
    context = {
        "meeting": meeting,
        "page_body": meeting.body,
        "access": access,
        "items": selectors.agenda(meeting=meeting, non_public=access.non_public),
        "meeting_attachments": selectors.meeting_attachments(
            meeting=meeting, non_public=access.non_public
        ),
        "changes": (
            selectors.meeting_changes(meeting=meeting, non_public=True)
            if access.non_public
            else []
        ),
    }
    if access.report_absence:
        context["own_attendance"] = selectors.own_attendance(
            user=request.user, meeting=meeting
        )
        context["absence_form"] = absence_form or AbsenceForm()
    protocols = list(meeting.protocols.order_by("-version"))
    if access.manage:
        context["attendance"] = selectors.attendance_overview(meeting=meeting)
        context["protocol"] = protocols[0] if protocols else None
    else:
        context["review_protocol"] = selectors.protocol_to_review(
            user=request.user, protocols=protocols
        )
    context["published_protocol"] = next(
        (p for p in protocols if p.state == Protocol.State.PUBLISHED), None
    )
    return render(request, "meetings/meeting_detail.html", context, status=status)


def _visible_attachment(
    request: HttpRequest, pk: int, attachment_pk: int
) -> Attachment:
    meeting = meeting_or_404(pk)
    access = selectors.meeting_access(request.user, meeting)
    attachment = (
        Attachment.objects.select_related("agenda_item", "paragraph__protocol")
        .filter(pk=attachment_pk, meeting=meeting)
        .first()
    )
    if attachment is None:
        raise Http404
    attachment.meeting = meeting
    paragraph = attachment.paragraph
    if paragraph is not None and paragraph.protocol.state != Protocol.State.PUBLISHED:
        # A bilaga of an unpublished protokoll: only those who see the draft.
        if not permissions.can_view_protocol_draft(request.user, paragraph.protocol):
            raise Http404
        return attachment
    if not access.can_see:
        raise Http404
    public = (
        attachment.is_public
        and (attachment.agenda_item is None or attachment.agenda_item.is_public)
        and (paragraph is None or paragraph.is_public)
    )
    if not (public or access.non_public):
        raise Http404
    return attachment


PDF = "application/pdf"


def _attachment_response(attachment: Attachment, *, inline: bool) -> FileResponse:
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    # The type the server decided when it checked the file (never the
    # uploader's), and nothing a browser may sniff or run.
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=attachment.original_name,
        content_type=served_content_type(attachment.content_type),
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    if not (inline and response["Content-Type"] == PDF):
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # A PDF shown in the browser goes without: Chromium's viewer refuses a PDF in
    # a sandbox (council.middleware says the same of the portal's own PDFs), and
    # an uploaded PDF was refused at upload if it carried script or actions.
    return response


@require_GET
def attachment_download(
    request: HttpRequest, pk: int, attachment_pk: int
) -> FileResponse:
    """Always a download, whatever the file."""
    attachment = _visible_attachment(request, pk, attachment_pk)
    return _attachment_response(attachment, inline=False)


@require_GET
def attachment_view(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    """Shown in the browser (OParl's accessUrl) if it is a PDF or an image (an
    image in a sandbox); anything else is the download. The same checks as the
    download."""
    attachment = _visible_attachment(request, pk, attachment_pk)
    inline = displayable(attachment.content_type)
    return _attachment_response(attachment, inline=inline)


def _zip_name(attachment: Attachment, used: set[str]) -> str:
    prefix = f"{attachment.agenda_item.order:02d}" if attachment.agenda_item else "00"
    name = f"{prefix} {attachment.original_name}"
    stem, dot, ext = name.rpartition(".")
    candidate, n = name, 2
    while candidate.casefold() in used:
        candidate = f"{stem} ({n}){dot}{ext}" if dot else f"{name} ({n})"
        n += 1
    used.add(candidate.casefold())
    return candidate


@require_GET
def meeting_documents(request: HttpRequest, pk: int) -> FileResponse:
    """All of the meeting's documents the viewer may read, as one zip file."""
    meeting = meeting_or_404(pk)
    access = selectors.meeting_access(request.user, meeting)
    if not access.can_see:
        raise Http404
    attachments = selectors.all_visible_attachments(
        meeting=meeting, non_public=access.non_public
    )
    # FileResponse closes the file once sent.
    spool = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115
    used: set[str] = set()
    with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "00 Kallelse.pdf", kallelse_pdf(meeting, non_public=access.non_public)
        )
        used.add("00 kallelse.pdf")
        for attachment in attachments:
            try:
                with (
                    attachment.file.open("rb") as handle,
                    archive.open(_zip_name(attachment, used), "w") as target,
                ):
                    shutil.copyfileobj(handle, target, 1024 * 1024)
            except FileNotFoundError:
                continue
    spool.seek(0)
    name = f"handlingar-{meeting.body.slug}-{meeting.local_start:%Y-%m-%d}.zip"
    response = FileResponse(
        spool, as_attachment=True, filename=name, content_type="application/zip"
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def meeting_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(pk)
    access = selectors.meeting_access(request.user, meeting)
    if not access.can_see:
        raise Http404
    document = kallelse_document(meeting, non_public=access.non_public)
    name = f"kallelse-{meeting.body.slug}-{meeting.local_start:%Y-%m-%d}.pdf"
    return pdf_response(request, document, filename=name, public=not access.non_public)


def _ics(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@require_GET
def body_feed(request: HttpRequest, slug: str) -> HttpResponse:
    """Public facts of a body's meetings once their kallelse is sent."""
    try:
        body = selectors.body_get(slug=slug)
    except Body.DoesNotExist as exc:
        raise Http404 from exc
    content = calendar.feed(
        selectors.feed_meetings_public(body=body),
        name=body.name,
        non_public=False,
    )
    return _ics(content, f"{body.slug}.ics")


@require_GET
def personal_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A member's own feed, with non-public details; a revoked token is a 404."""
    user = selectors.calendar_token_owner(token=token)
    if user is None:
        raise Http404
    response = _ics(
        calendar.feed(
            selectors.feed_meetings_personal(user=user),
            name="Mina möten",
            non_public=True,
        ),
        "mina-moten.ics",
    )
    response["Cache-Control"] = "private, no-store"
    return response
