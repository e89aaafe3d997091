"""The structure of the draft: adding, moving and removing paragraphs.

Paragraphs are ordered by `order` while drafting; once a paragraph has its §
number (fixed when the protokoll goes to justering) it is neither moved nor
removed, because a number is never reused.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from council.history import attribute, renumber
from meetings.models import Paragraph, Protocol
from meetings.services.protocol.base import (
    NEW_PARAGRAPH_HEADING,
    _editable,
    paragraph_for_edit,
    touch,
)


def _renumber_orders(protocol: Protocol, *, actor: Any) -> None:
    renumber(
        Paragraph.objects.filter(protocol=protocol).order_by("order", "pk"),
        user=actor,
        reason=_("Paragraferna ordnade om"),
    )


@transaction.atomic
def protocol_paragraph_add(
    *, protocol_id: int, actor: Any, after_id: int | None = None, heading: str = ""
) -> Paragraph:
    """Add a paragraph after another one (or last)."""
    protocol = _editable(protocol_id, actor)
    paragraphs = list(Paragraph.objects.filter(protocol=protocol).order_by("-order"))
    position = (paragraphs[0].order + 1) if paragraphs else 1
    if after_id is not None:
        after = next((p for p in paragraphs if p.pk == after_id), None)
        if after is None:
            raise ValidationError(_("Paragrafen finns inte i protokollet."))
        position = after.order + 1
    # Descending, so every paragraph moves into a free place.
    for paragraph in paragraphs:
        if paragraph.order >= position:
            paragraph.order += 1
            attribute(paragraph, user=actor, reason=_("Paragraferna ordnade om"))
            paragraph.save(update_fields=["order"])
    paragraph = Paragraph(
        protocol=protocol,
        order=position,
        heading=heading or NEW_PARAGRAPH_HEADING,
    )
    attribute(paragraph, user=actor, reason=_("Paragraf tillagd"))
    paragraph.full_clean()
    paragraph.save()
    touch(protocol, actor=actor, reason=_("Paragraf tillagd"))
    return paragraph


def _check_unnumbered(paragraph: Paragraph) -> None:
    if paragraph.number is not None:
        raise ValidationError(
            _(
                "§ %(number)s har redan fått sitt nummer när protokollet skickades för "
                "justering. Numret återanvänds aldrig, så paragrafen kan inte tas bort "
                "eller flyttas. Ändra texten i stället."
            )
            % {"number": paragraph.number}
        )


@transaction.atomic
def protocol_paragraph_delete(*, paragraph_id: int, actor: Any) -> None:
    protocol, paragraph = paragraph_for_edit(paragraph_id, actor)
    _check_unnumbered(paragraph)
    if paragraph.attachments.exists():
        raise ValidationError(_("Paragrafen har bilagor. Ta bort bilagorna först."))
    for item in paragraph.action_items.all():
        attribute(item, user=actor, reason=_("Paragraf borttagen"))
        item.delete()
    attribute(paragraph, user=actor, reason=_("Paragraf borttagen"))
    paragraph.delete()
    _renumber_orders(protocol, actor=actor)
    touch(protocol, actor=actor, reason=_("Paragraf borttagen"))


@transaction.atomic
def protocol_paragraph_move(*, paragraph_id: int, actor: Any, up: bool) -> Paragraph:
    """Swap a paragraph with its neighbour above (up) or below."""
    protocol, paragraph = paragraph_for_edit(paragraph_id, actor)
    target = paragraph.order - 1 if up else paragraph.order + 1
    neighbour = Paragraph.objects.filter(protocol=protocol, order=target).first()
    if neighbour is None:
        return paragraph
    _check_unnumbered(paragraph)
    _check_unnumbered(neighbour)
    old = paragraph.order
    # Through 0, so the unique order holds while the two trade places.
    for obj, order in ((paragraph, 0), (neighbour, old), (paragraph, target)):
        obj.order = order
        attribute(obj, user=actor, reason=_("Paragraf flyttad"))
        obj.save(update_fields=["order"])
    touch(protocol, actor=actor, reason=_("Paragraf flyttad"))
    return paragraph
