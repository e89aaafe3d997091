"""Rättelse: a justerat protokoll never changes; a correction is a new draft
version with a reason, copied from the one it corrects, which stays as it is.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.history import attribute, save_attributed
from meetings import permissions
from meetings.models import (
    JUSTERING_DAYS,
    ActionItem,
    Attachment,
    Paragraph,
    Protocol,
)
from meetings.services.protocol.base import (
    EDITABLE_PARAGRAPH_FIELDS,
    lock_protocol,
)


@transaction.atomic
def protocol_correct(*, protocol_id: int, actor: Any, reason: str) -> Protocol:
    """A rättelse: a new draft version with a reason; the original stays as it is."""
    original = lock_protocol(protocol_id)
    if not permissions.can_correct_protocol(actor, original):
        raise PermissionDenied
    if not original.is_locked:
        raise ValidationError(
            _("Bara ett justerat protokoll rättas. Ändra utkastet direkt i stället.")
        )
    if Protocol.objects.filter(corrects=original).exists():
        raise ValidationError(
            _("Den här versionen har redan en rättelse. Rätta den senaste versionen.")
        )
    if not reason.strip():
        raise ValidationError(_("Ange skälet till rättelsen."))
    latest = (
        Protocol.objects.filter(meeting=original.meeting_id)
        .order_by("-version")
        .first()
    )
    correction = Protocol(
        meeting=original.meeting,
        version=latest.version + 1,
        corrects=original,
        correction_reason=reason.strip(),
        secretary=original.secretary,
        chair=original.chair,
        justering_place=original.justering_place,
        justering_date=timezone.localdate() + datetime.timedelta(days=JUSTERING_DAYS),
    )
    save_attributed(correction, user=actor, reason=_("Rättelse påbörjad: %s") % reason)
    attribute(correction, user=actor, reason=_("Justerare från originalet"))
    correction.justerare.set(original.justerare.all())
    paragraphs = (
        Paragraph.objects.filter(protocol=original)
        .order_by("order")
        .prefetch_related("recused", "action_items", "attachments")
    )
    for paragraph in paragraphs:
        copy = Paragraph(
            protocol=correction,
            order=paragraph.order,
            number=paragraph.number,
            agenda_item_id=paragraph.agenda_item_id,
            **{name: getattr(paragraph, name) for name in EDITABLE_PARAGRAPH_FIELDS},
        )
        save_attributed(copy, user=actor, reason=_("Kopierad till rättelse"))
        copy.recused.set(paragraph.recused.all())
        for item in paragraph.action_items.all():
            new = ActionItem(
                paragraph=copy,
                description=item.description,
                assignee_id=item.assignee_id,
                assignee_text=item.assignee_text,
                due=item.due,
                done=item.done,
            )
            save_attributed(new, user=actor, reason=_("Kopierad till rättelse"))
        # The bilagor come along; the copy shares the stored file.
        for attachment in paragraph.attachments.all():
            new = Attachment(
                meeting_id=attachment.meeting_id,
                agenda_item_id=attachment.agenda_item_id,
                paragraph=copy,
                title=attachment.title,
                file=attachment.file.name,
                original_name=attachment.original_name,
                content_type=attachment.content_type,
                size=attachment.size,
                sha256=attachment.sha256,
                is_public=attachment.is_public,
                uploaded_by_id=attachment.uploaded_by_id,
            )
            attribute(new, user=actor, reason=_("Kopierad till rättelse"))
            new.save()
    return correction
