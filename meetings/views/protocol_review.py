"""The protokoll read-only for those who work on it: the chair and justerare
comment and justera here, the secretary publishes and corrects; and the history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from council.permissions import person_of
from council.text import id_or_none
from meetings import permissions, protocol_selectors
from meetings.models import Protocol
from meetings.protocol_document import build_protocol_document, protocol_for_document
from meetings.protocol_forms import CorrectionForm, JusteraForm, SendForm
from meetings.services import protocol_workflow as workflow
from meetings.services.protocol_notifications import pending_signers
from meetings.views._helpers import error_text
from meetings.views.protocol import _draft_viewer, protocol_or_404


def _review_page(
    request: HttpRequest,
    protocol: Protocol,
    *,
    justera_form: JusteraForm | None = None,
    comment_values: dict[int, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    person = person_of(user)
    in_justering = protocol.state == Protocol.State.IN_JUSTERING
    can_comment = in_justering and permissions.can_comment_protocol(user, protocol)
    justeringar = protocol_selectors.justeringar(protocol=protocol)
    already = person is not None and any(
        j.person_id == person.pk and j.content_sha256 for j in justeringar
    )
    can_justera = (
        in_justering
        and permissions.can_justera_protocol(user, protocol)
        and not already
    )
    doc = build_protocol_document(protocol_for_document(protocol.pk), public=False)
    comments = protocol_selectors.comments_by_paragraph(protocol=protocol)
    since = protocol_selectors.last_look(protocol=protocol, person=person)
    changes = (
        protocol_selectors.changed_paragraphs_since(protocol=protocol, since=since)
        if since and can_comment
        else []
    )
    entries = [
        {
            "entry": entry,
            "comments": comments.get(entry.paragraph.pk, []),
            "value": (comment_values or {}).get(entry.paragraph.pk, ""),
        }
        for entry in doc.paragraphs
    ]
    can_manage = permissions.can_edit_protocol(user, protocol)
    can_send = can_manage and protocol.state == Protocol.State.DRAFT
    correction = Protocol.objects.filter(corrects=protocol).first()
    return render(
        request,
        "meetings/protocol/protocol_review.html",
        {
            "protocol": protocol,
            "meeting": protocol.meeting,
            "doc": doc,
            "entries": entries,
            "justeringar": justeringar,
            "pending": pending_signers(protocol) if in_justering else [],
            "can_comment": can_comment,
            "can_justera": can_justera,
            "already_justerat": already,
            "justera_form": justera_form or JusteraForm(user=user),
            "send_form": SendForm(user=user),
            "changes": changes,
            "attendance_changes": (
                protocol_selectors.changed_attendance_since(
                    protocol=protocol, since=since
                )
                if since and can_comment
                else []
            ),
            "since": since,
            "can_edit": can_send,
            "can_send": can_send,
            "can_publish": permissions.can_publish_protocol(user, protocol)
            and protocol.state == Protocol.State.JUSTERAT,
            "can_correct": permissions.can_correct_protocol(user, protocol)
            and protocol.is_locked
            and correction is None,
            "superseded_by": protocol_selectors.superseding(protocol),
            "correction": correction,
            "versions": protocol_selectors.versions(protocol=protocol),
        },
        status=status,
    )


@login_required
@require_GET
def protocol_review(request: HttpRequest, pk: int) -> HttpResponse:
    return _review_page(request, _draft_viewer(request, pk))


@login_required
@require_POST
def protocol_comment(request: HttpRequest, pk: int) -> HttpResponse:
    protocol = _draft_viewer(request, pk)
    values = {
        paragraph_id: value
        for key, value in request.POST.items()
        if key.startswith("comment_")
        and (paragraph_id := id_or_none(key.removeprefix("comment_"))) is not None
    }
    try:
        workflow.protocol_comment(
            protocol_id=protocol.pk, actor=request.user, comments=values
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
        return _review_page(
            request, protocol_or_404(pk), comment_values=values, status=400
        )
    messages.success(
        request,
        _(
            "Dina ändringsförslag är skickade. Protokollet går tillbaka till "
            "sekreteraren, som skickar det för justering igen."
        ),
    )
    return redirect("meetings:protocol_review", pk=protocol.pk)


@login_required
@require_POST
def protocol_justera(request: HttpRequest, pk: int) -> HttpResponse:
    protocol = _draft_viewer(request, pk)
    if not permissions.can_justera_protocol(request.user, protocol):
        raise PermissionDenied
    form = JusteraForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Protokollet är inte justerat. Se nedan."))
        return _review_page(request, protocol, justera_form=form, status=400)
    try:
        protocol = workflow.protocol_justera(
            protocol_id=protocol.pk, actor=request.user
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        if protocol.state == Protocol.State.JUSTERAT:
            messages.success(
                request,
                _("Du har justerat protokollet. Alla har justerat: det är nu låst."),
            )
        else:
            messages.success(
                request,
                _("Du har justerat protokollet. Det väntar på övriga justerare."),
            )
    return redirect("meetings:protocol_review", pk=protocol.pk)


@login_required
@require_POST
def protocol_publish(request: HttpRequest, pk: int) -> HttpResponse:
    protocol = _draft_viewer(request, pk)
    try:
        workflow.protocol_publish(protocol_id=protocol.pk, actor=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("meetings:protocol_review", pk=protocol.pk)
    messages.success(request, _("Protokollet är publicerat."))
    return redirect("meetings:protocol_detail", pk=protocol.pk)


@login_required
@require_http_methods(["GET", "POST"])
def protocol_correct(request: HttpRequest, pk: int) -> HttpResponse:
    protocol = _draft_viewer(request, pk)
    if not permissions.can_correct_protocol(request.user, protocol):
        raise PermissionDenied
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            correction = workflow.protocol_correct(
                protocol_id=protocol.pk,
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(
                request,
                _(
                    "Rättelsen är påbörjad som version %(version)s. Den justeras "
                    "för sig; den tidigare versionen finns kvar."
                )
                % {"version": correction.version},
            )
            return redirect("meetings:protocol_edit", pk=correction.pk)
    return render(
        request,
        "meetings/protocol/protocol_correct.html",
        {"protocol": protocol, "meeting": protocol.meeting, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def protocol_history(request: HttpRequest, pk: int) -> HttpResponse:
    protocol = _draft_viewer(request, pk)
    revisions = protocol_selectors.revisions(protocol=protocol)
    by_id = {r.history_id: r for r in revisions}

    def chosen(name: str, default):
        value = request.GET.get(name, "")
        history_id = id_or_none(value)
        return by_id.get(history_id) if history_id is not None else default

    end = chosen("till", revisions[-1] if revisions else None)
    start = chosen("fran", revisions[-2] if len(revisions) > 1 else None)
    diff = protocol_selectors.diff_between(
        protocol=protocol,
        start=start.at if start else None,
        end=end.at if end else None,
    )
    return render(
        request,
        "meetings/protocol/protocol_history.html",
        {
            "protocol": protocol,
            "meeting": protocol.meeting,
            "revisions": list(reversed(revisions)),
            "start": start,
            "end": end,
            "diff": diff,
            "versions": protocol_selectors.versions(protocol=protocol),
        },
    )
