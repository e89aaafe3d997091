"""One save of the editor page, as one use case.

The editor posts everything at once: the justering details, every paragraph's
text and jäv, new bilagor and uppdrag, and the button that was pressed (save,
add, move or remove a paragraph, remove an uppdrag or a bilaga, open a
paragraph's jäv). Sending for justering is a step of its own
(`services.protocol.justering`), never a button of the editor. The draft is saved first, and refused as
a whole when it was based on an old `lock_version` (`ProtocolConflict`); then
the bilagor and uppdrag are added and the button's action follows.

Each step commits on its own, so that what was typed is kept when a later step
is refused: that refusal is a `RefusedAfterSave`, which says what was done before.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from council.text import id_or_none
from meetings.models import Attachment, Paragraph, Protocol
from meetings.services.protocol import attachments, drafting

BUTTONS = {
    "save",
    "add",
    "up",
    "down",
    "delete",
    "delete_action",
    "delete_attachment",
    "jav",
}


@dataclass(frozen=True)
class EditorButton:
    """The button pressed, from the editor's `op` value ("up:12", "save", …)."""

    verb: str = "save"
    target: int | None = None

    @classmethod
    def parse(cls, op: str) -> EditorButton:
        verb, _sep, argument = (op or "save").partition(":")
        if verb not in BUTTONS:
            return cls()
        return cls(verb=verb, target=id_or_none(argument))


@dataclass
class EditorOutcome:
    """What the secretary is told, and where the page continues."""

    messages: list[str] = field(default_factory=list)
    anchor: str = ""
    # The id of the paragraph the page continues at, if any.
    focus: int | None = None


class RefusedAfterSave(ValidationError):
    """The draft is saved; a step after it was refused. `done` says what was done."""

    def __init__(self, error: ValidationError, done: list[str]) -> None:
        super().__init__(error.messages)
        self.done = done


def protocol_editor_submit(
    *,
    protocol_id: int,
    actor: Any,
    base_version: int,
    chair_id: int | None,
    justerare_ids: list[int],
    justering_date: datetime.date | None,
    justering_place: str,
    paragraphs: list[dict[str, Any]],
    uploads: list[tuple[int, dict[str, Any]]] = (),
    new_action_items: list[tuple[int, str, str]] = (),
    button: EditorButton = EditorButton(),
) -> EditorOutcome:
    """Save the editor, add its bilagor and uppdrag, then do what the button says.

    `uploads` are (paragraph id, upload) and `new_action_items` (paragraph id,
    description, assignee).
    """
    protocol = drafting.protocol_save_draft(
        protocol_id=protocol_id,
        actor=actor,
        base_version=base_version,
        chair_id=chair_id,
        justerare_ids=justerare_ids,
        justering_date=justering_date,
        justering_place=justering_place,
        paragraphs=paragraphs,
    )
    outcome = EditorOutcome()
    try:
        for paragraph_id, upload in uploads:
            attachment = attachments.paragraph_attachment_upload(
                paragraph_id=paragraph_id, actor=actor, **upload
            )
            paragraph = attachment.paragraph
            outcome.messages.append(
                _("Bilagan ”%(title)s” är uppladdad till § %(number)s.")
                % {
                    "title": attachment.title,
                    "number": paragraph.number or paragraph.order,
                }
            )
        for paragraph_id, description, assignee_text in new_action_items:
            drafting.protocol_action_item_add(
                paragraph_id=paragraph_id,
                actor=actor,
                description=description,
                assignee_text=assignee_text,
            )
        _press(protocol, button, actor=actor, into=outcome)
    except ValidationError as error:
        raise RefusedAfterSave(error, outcome.messages) from error
    return outcome


def _press(
    protocol: Protocol,
    button: EditorButton,
    *,
    actor: Any,
    into: EditorOutcome,
) -> None:
    """The button's action, after the draft is saved."""
    verb, target = button.verb, button.target
    told = into.messages.append
    if verb == "add":
        paragraph = drafting.protocol_paragraph_add(
            protocol_id=protocol.pk, actor=actor, after_id=target
        )
        told(_("Utkastet är sparat och en paragraf tillagd."))
        into.anchor = f"#stycke-{paragraph.pk}"
        into.focus = paragraph.pk
    elif verb in ("up", "down") and target:
        drafting.protocol_paragraph_move(
            paragraph_id=target, actor=actor, up=verb == "up"
        )
        told(_("Utkastet är sparat och paragrafen flyttad."))
        into.anchor = f"#stycke-{target}"
        into.focus = target
    elif verb == "delete" and target:
        drafting.protocol_paragraph_delete(paragraph_id=target, actor=actor)
        told(_("Utkastet är sparat och paragrafen borttagen."))
        into.anchor = "#paragrafer"
    elif verb == "delete_action" and target:
        drafting.protocol_action_item_delete(action_item_id=target, actor=actor)
        told(_("Utkastet är sparat och uppdraget borttaget."))
    elif verb == "delete_attachment":
        attachment = (
            Attachment.objects.filter(pk=target, paragraph__protocol=protocol).first()
            if target is not None
            else None
        )
        if attachment is None:
            raise ValidationError(_("Bilagan finns inte längre i protokollet."))
        attachments.paragraph_attachment_delete(
            attachment_id=attachment.pk, actor=actor
        )
        told(
            _("Utkastet är sparat och bilagan ”%(title)s” borttagen.")
            % {"title": attachment.title}
        )
        into.anchor = f"#stycke-{attachment.paragraph_id}"
        into.focus = attachment.paragraph_id
    elif verb == "jav":
        paragraph = Paragraph.objects.filter(protocol=protocol, pk=target).first()
        if paragraph is None:
            raise ValidationError(_("Paragrafen finns inte längre."))
        told(
            _("Utkastet är sparat. Kryssa för den som är jävig i § %(number)s.")
            % {"number": paragraph.number or paragraph.order}
        )
        into.anchor = f"?jav={paragraph.pk}#jav-{paragraph.pk}"
        into.focus = paragraph.pk
    else:
        told(_("Utkastet är sparat."))
