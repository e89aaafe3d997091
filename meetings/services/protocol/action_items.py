"""Uppdrag recorded in a paragraph: what, and who."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from council.history import attribute
from meetings.models import ActionItem
from meetings.services.protocol.base import paragraph_for_edit, touch


@transaction.atomic
def protocol_action_item_add(
    *,
    paragraph_id: int,
    actor: Any,
    description: str,
    assignee_id: int | None = None,
    assignee_text: str = "",
    due: datetime.date | None = None,
) -> ActionItem:
    """Record an uppdrag: what, and who (a person or free text)."""
    protocol, paragraph = paragraph_for_edit(paragraph_id, actor)
    if not description.strip():
        raise ValidationError(_("Beskriv uppdraget."))
    item = ActionItem(
        paragraph=paragraph,
        description=description.strip(),
        assignee_id=assignee_id,
        assignee_text=assignee_text.strip(),
        due=due,
    )
    attribute(item, user=actor, reason=_("Uppdrag tillagt"))
    item.full_clean()
    item.save()
    touch(protocol, actor=actor, reason=_("Uppdrag tillagt"))
    return item


@transaction.atomic
def protocol_action_item_delete(*, action_item_id: int, actor: Any) -> None:
    item = ActionItem.objects.filter(pk=action_item_id).first()
    if item is None:
        raise ValidationError(_("Uppdraget finns inte längre."))
    protocol, _paragraph = paragraph_for_edit(item.paragraph_id, actor)
    attribute(item, user=actor, reason=_("Uppdrag borttaget"))
    item.delete()
    touch(protocol, actor=actor, reason=_("Uppdrag borttaget"))
