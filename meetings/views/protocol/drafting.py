"""The protokoll editor: the justering details and every paragraph on one page.

One form saves everything, so nothing typed is lost when a button below a
paragraph (add, move, remove) is pressed: one service call
(`services.protocol.editor`) saves the draft first and the change of structure
follows. A save based on an old `lock_version` is refused
and the page shows what is stored beside what the user typed.

Every button works as a plain POST and redirect. With htmx (`request.htmx`)
the same POST gets the page itself back; htmx takes the editor's region
(`#editor-region`) from it, and the page's script moves the focus to
`data-focus` and reads `data-announce` out in a live region. Sending for
justering is a step of its own (`meetings:protocol_send`).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_htmx.http import HttpResponseClientRedirect

from meetings.documents.protocol import build_protocol_document, protocol_for_document
from meetings.forms.protocol.drafting import (
    ParagraphForm,
    ProtocolHeaderForm,
    outcome_help,
)
from meetings.models import Paragraph, Protocol
from meetings.selectors.protocol import review as review_selectors
from meetings.selectors.protocol.editor import protocol_last_save
from meetings.services.protocol import editor
from meetings.services.protocol.base import ProtocolConflict, present_people
from meetings.services.protocol.defaults import expected_chair
from meetings.services.protocol.numbering import predicted_numbers
from meetings.views._helpers import error_text
from meetings.views.protocol.access import (
    not_draft_redirect,
    protocol_for_editor,
    protocol_or_404,
)
from meetings.views.protocol.preview import with_predicted_numbers
from meetings.views.protocol.unsaved import unsaved_keep, unsaved_restore


def _paragraphs(protocol: Protocol) -> list[Paragraph]:
    return list(
        Paragraph.objects.filter(protocol=protocol)
        .order_by("order")
        .prefetch_related("action_items__assignee", "recused")
    )


def _states(form: ParagraphForm, comments: list[Any], recused: bool) -> list[str]:
    """What the outline says of a paragraph: empty or written, open comments, jäv."""
    text = form["text"].value() or ""
    outcome = form["outcome"].value() or ""
    states = [_("har text") if (text.strip() or outcome.strip()) else _("tom")]
    waiting = [c for c in comments if not c.resolved_at]
    if waiting:
        names = ", ".join(dict.fromkeys(c.author.name for c in waiting))
        states.append(_("ändringsförslag från %(names)s") % {"names": names})
    if recused:
        states.append(_("jäv"))
    if form.errors:
        states.append(_("fel att rätta"))
    return states


def _editor_page(
    request: HttpRequest,
    protocol: Protocol,
    *,
    header: ProtocolHeaderForm | None = None,
    forms: list[ParagraphForm] | None = None,
    conflict: dict[int, dict[str, Any]] | None = None,
    status: int = 200,
    announce: str = "",
    focus: str = "",
) -> HttpResponse:
    present = present_people(protocol.meeting)
    decides = outcome_help(protocol.meeting)
    doc = build_protocol_document(protocol_for_document(protocol.pk), public=False)
    if header is None:
        initial = ProtocolHeaderForm.initial_for(protocol)
        if initial["chair"] is None:
            chair = expected_chair(protocol.meeting)
            initial["chair"] = chair.pk if chair else None
        header = ProtocolHeaderForm(
            initial=initial, present=present, meeting=protocol.meeting
        )
    opened = request.GET.get("jav", "")
    forms = forms or [
        ParagraphForm(
            initial=ParagraphForm.initial_for(p),
            paragraph=p,
            decides=decides,
            present=present,
            show_recused=str(p.pk) == opened,
        )
        for p in (entry.paragraph for entry in doc.paragraphs)
    ]
    numbers = predicted_numbers(protocol)
    comments = review_selectors.comments_by_paragraph(protocol=protocol)
    attachments = {entry.paragraph.pk: entry.attachments for entry in doc.paragraphs}
    entries = []
    for form in forms:
        p = form.paragraph
        recused = bool(p.recused.all())
        actions = list(p.action_items.all())
        files = attachments.get(p.pk, [])
        entries.append(
            {
                "form": form,
                "paragraph": p,
                "number": numbers.get(p.pk, p.order),
                # A number once given stays: such a paragraph neither moves nor goes.
                "fixed": p.number is not None,
                "comments": comments.get(p.pk, []),
                "conflict": (conflict or {}).get(p.pk),
                "attachments": files,
                "action_items": actions,
                "open": form.opens(
                    action_items=bool(actions),
                    attachments=bool(files),
                    recused=recused,
                ),
                "states": _states(form, comments.get(p.pk, []), recused),
            }
        )
    # After the entries: they need to know which numbers are fixed.
    with_predicted_numbers(doc)
    return render(
        request,
        "meetings/protocol/protocol_edit.html",
        {
            "protocol": protocol,
            "meeting": protocol.meeting,
            "header": header,
            "entries": entries,
            "doc": doc,
            "present": present,
            "last_change": protocol_last_save(protocol=protocol),
            "conflict": conflict is not None,
            "announce": announce,
            "focus": focus,
        },
        status=status,
    )


def _conflicts(
    protocol: Protocol, forms: list[ParagraphForm]
) -> dict[int, dict[str, Any]]:
    """For each paragraph whose saved text differs from what the user typed."""
    saved = {p.pk: p for p in Paragraph.objects.filter(protocol=protocol)}
    found: dict[int, dict[str, Any]] = {}
    for form in forms:
        paragraph = saved.get(form.paragraph.pk)
        if paragraph is None:
            continue
        differs = [
            name
            for name in ("heading", "text", "outcome")
            if (form.cleaned_data.get(name) or "") != getattr(paragraph, name)
        ]
        if differs:
            found[paragraph.pk] = {"paragraph": paragraph, "fields": differs}
    return found


def _restored_page(
    request: HttpRequest, protocol: Protocol, data: QueryDict
) -> HttpResponse:
    """The editor with the text typed before a login, not yet saved."""
    present = present_people(protocol.meeting)
    decides = outcome_help(protocol.meeting)
    forms = [
        ParagraphForm(data, paragraph=p, decides=decides, present=present)
        if f"p{p.pk}-heading" in data
        # A paragraph added since: as it is stored.
        else ParagraphForm(
            initial=ParagraphForm.initial_for(p),
            paragraph=p,
            decides=decides,
            present=present,
        )
        for p in _paragraphs(protocol)
    ]
    header = ProtocolHeaderForm(data, present=present, meeting=protocol.meeting)
    return _editor_page(request, protocol, header=header, forms=forms)


def _leave(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """A redirect away from the editor; htmx is told to follow it with the whole
    page (it would look for the editor in the page it was sent to)."""
    if request.htmx and response.status_code in (301, 302):
        return HttpResponseClientRedirect(response["Location"])
    return response


@require_http_methods(["GET", "POST"])
def protocol_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        # The session ran out while typing: keep the text over the login.
        if request.method == "POST":
            return _leave(request, unsaved_keep(request, protocol_id=pk))
        return redirect_to_login(request.get_full_path())
    protocol = protocol_for_editor(request, pk)
    if protocol.state != Protocol.State.DRAFT:
        return _leave(request, not_draft_redirect(request, protocol))
    if request.method == "GET":
        restored = unsaved_restore(request, protocol_id=protocol.pk)
        if restored is not None:
            return _restored_page(request, protocol, restored)
        return _editor_page(request, protocol)

    present = present_people(protocol.meeting)
    decides = outcome_help(protocol.meeting)
    header = ProtocolHeaderForm(request.POST, present=present, meeting=protocol.meeting)
    forms = [
        ParagraphForm(
            request.POST, request.FILES, paragraph=p, decides=decides, present=present
        )
        for p in _paragraphs(protocol)
    ]
    if not header.is_valid() or not all([f.is_valid() for f in forms]):
        told = _refused(
            request, _("Protokollet kunde inte sparas. Rätta det markerade.")
        )
        return _editor_page(
            request, protocol, header=header, forms=forms, status=400, **told
        )
    button = editor.EditorButton.parse(request.POST.get("op", "save"))
    try:
        outcome = editor.protocol_editor_submit(
            protocol_id=protocol.pk,
            actor=request.user,
            **header.service_values(),
            paragraphs=[f.service_values() for f in forms],
            uploads=[(f.paragraph.pk, new) for f in forms if (new := f.attachment())],
            new_action_items=[
                (f.paragraph.pk, action, f.cleaned_data["new_action_assignee"])
                for f in forms
                if (action := f.cleaned_data.get("new_action", "").strip())
            ],
            button=button,
        )
    except ProtocolConflict as conflict:
        told = _refused(request, error_text(conflict))
        current = protocol_or_404(pk)
        # Saving again is a deliberate choice after comparing: base it on the
        # version now stored.
        posted = request.POST.copy()
        posted["lock_version"] = str(current.lock_version)
        header = ProtocolHeaderForm(posted, present=present, meeting=protocol.meeting)
        header.is_valid()
        return _editor_page(
            request,
            current,
            header=header,
            forms=forms,
            conflict=_conflicts(current, forms),
            status=409,
            **told,
        )
    except editor.RefusedAfterSave as refused:
        if request.htmx:
            told = " ".join([*refused.done, error_text(refused)])
            return _editor_page(
                request, protocol_or_404(pk), announce=told, focus="editor-announce"
            )
        for done in refused.done:
            messages.success(request, done)
        messages.error(request, error_text(refused))
        return redirect("meetings:protocol_edit", pk=protocol.pk)
    except ValidationError as error:
        told = _refused(request, error_text(error))
        return _editor_page(
            request, protocol, header=header, forms=forms, status=400, **told
        )
    if request.htmx:
        # The page itself, for htmx to take the editor from: no reload, and the
        # focus goes where the change is.
        if button.verb == "jav" and button.target:
            request.GET = request.GET.copy()
            request.GET["jav"] = str(button.target)
        return _editor_page(
            request,
            protocol_or_404(pk),
            announce=" ".join(outcome.messages),
            focus=f"stycke-{outcome.focus}-rubrik"
            if outcome.focus
            else ("paragrafer" if button.verb == "delete" else ""),
        )
    for told in outcome.messages:
        messages.success(request, told)
    return redirect(f"{request.path}{outcome.anchor}")


def _refused(request: HttpRequest, text: str) -> dict[str, str]:
    """Say why nothing was saved: as a message on the page, or with htmx in the
    editor itself, where the focus goes."""
    # A browser never refills a file field, so say so rather than lose it quietly.
    files = (
        _("Filer du valde är inte uppladdade. Välj dem igen innan du sparar.")
        if request.FILES
        else ""
    )
    if request.htmx:
        return {"announce": f"{text} {files}".strip(), "focus": "editor-announce"}
    messages.error(request, text)
    if files:
        messages.warning(request, files)
    return {}
