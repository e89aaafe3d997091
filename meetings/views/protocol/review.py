"""The protokoll read-only for those who work on it: the chair and justerare
comment and justera here, the secretary sends, publishes and corrects. The
actions in `justering`, `publishing` and `correction` render it again when
their input is refused.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from council.permissions import person_of
from meetings.documents.protocol import build_protocol_document, protocol_for_document
from meetings.forms.protocol.justering import JusteraForm
from meetings.models import Protocol
from meetings.selectors.protocol import history as history_selectors
from meetings.selectors.protocol import review as review_selectors
from meetings.views.protocol.access import (
    protocol_for_viewer,
)


def review_page(
    request: HttpRequest,
    protocol: Protocol,
    *,
    justera_form: JusteraForm | None = None,
    comment_values: dict[int, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    justeringar = review_selectors.justeringar(protocol=protocol)
    correction = Protocol.objects.filter(corrects=protocol).first()
    actions = review_selectors.protocol_actions(
        protocol=protocol, user=user, justeringar=justeringar, correction=correction
    )
    doc = build_protocol_document(protocol_for_document(protocol.pk), public=False)
    comments = review_selectors.comments_by_paragraph(protocol=protocol)
    since = review_selectors.last_look(protocol=protocol, person=person_of(user))
    show_changes = since is not None and actions.comment
    # Beside each paragraph of the text: its ändringsförslag and, for a signer,
    # the field to suggest a change (kept when the suggestion was refused).
    review_entries = {
        entry.paragraph.pk: {
            "comments": comments.get(entry.paragraph.pk, []),
            "value": (comment_values or {}).get(entry.paragraph.pk, ""),
        }
        for entry in doc.paragraphs
    }
    return render(
        request,
        "meetings/protocol/protocol_review.html",
        {
            "protocol": protocol,
            "meeting": protocol.meeting,
            "doc": doc,
            "review_entries": review_entries,
            "comment_refused": comment_values is not None,
            "actions": actions,
            "justeringar": justeringar,
            "justera_form": justera_form or JusteraForm(user=user, protocol=protocol),
            "signing": review_selectors.signing_progress(
                protocol=protocol, justeringar=justeringar
            ),
            "waiting": review_selectors.waiting_comments(protocol=protocol)
            if protocol.state == Protocol.State.DRAFT
            else [],
            "last_edit": review_selectors.last_text_edit(protocol=protocol)
            if actions.send
            else None,
            "changes": history_selectors.changed_paragraphs_since(
                protocol=protocol, since=since
            )
            if show_changes
            else [],
            "attendance_changes": history_selectors.changed_attendance_since(
                protocol=protocol, since=since
            )
            if show_changes
            else [],
            "since": since,
            "superseded_by": review_selectors.superseding(protocol),
            "correction": correction,
            "versions": review_selectors.versions(protocol=protocol),
        },
        status=status,
    )


@login_required
@require_GET
def protocol_review(request: HttpRequest, pk: int) -> HttpResponse:
    return review_page(request, protocol_for_viewer(request, pk))
