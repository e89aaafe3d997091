"""Bilagor to a paragraph of the protokoll: only while it is a draft, and only by
those who write it. A draft is not public, so unlike the meeting's attachments
these leave no public change note; the protokoll's history records them. The
file is checked as every upload is (`services.attachments`).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from council.history import attribute, save_attributed
from meetings.models import Attachment
from meetings.services.attachments import prepared_attachment, removing_file_on_failure
from meetings.services.protocol.base import paragraph_for_edit, touch


@transaction.atomic
def paragraph_attachment_upload(
    *,
    paragraph_id: int,
    actor: Any,
    uploaded: UploadedFile,
    title: str = "",
    is_public: bool = False,
) -> Attachment:
    """Store a checked file as a bilaga to a paragraph of a draft protokoll."""
    protocol, paragraph = paragraph_for_edit(paragraph_id, actor)
    attachment = prepared_attachment(
        uploaded,
        actor=actor,
        title=title,
        meeting=protocol.meeting,
        paragraph=paragraph,
        is_public=is_public,
    )
    with removing_file_on_failure(attachment):
        save_attributed(
            attachment, user=actor, reason=_("Bilaga tillagd i protokollet")
        )
        touch(
            protocol,
            actor=actor,
            reason=_("Bilaga tillagd: %(title)s") % {"title": attachment.title},
        )
    return attachment


@transaction.atomic
def paragraph_attachment_delete(*, attachment_id: int, actor: Any) -> None:
    """Remove a bilaga from a paragraph of a draft protokoll."""
    paragraph_id = (
        Attachment.objects.filter(pk=attachment_id, paragraph__isnull=False)
        .values_list("paragraph_id", flat=True)
        .first()
    )
    if paragraph_id is None:
        raise ValidationError(_("Bilagan finns inte längre."))
    protocol, _paragraph = paragraph_for_edit(paragraph_id, actor)
    attachment = Attachment.objects.select_for_update().get(pk=attachment_id)
    storage, name = attachment.file.storage, attachment.file.name
    attribute(attachment, user=actor, reason=_("Bilaga borttagen ur protokollet"))
    attachment.delete()
    touch(
        protocol,
        actor=actor,
        reason=_("Bilaga borttagen: %(title)s") % {"title": attachment.title},
    )
    # Another row may share the stored file (a copy); then the file stays.
    if not Attachment.objects.filter(file=name).exists():
        transaction.on_commit(lambda: storage.delete(name))
