"""Uploading and removing attachments (bilagor): the meeting's and its items'
documents. (The bilagor to a paragraph of a draft protokoll are added by
`services.protocol.attachments`, with the checks here.)

A file is accepted by what it is, not by what it is called, and only without
active content: `council.uploads` decides, for the pages, the admin and any
command alike. The stored name is random (see `attachment_upload_to`); the
sanitised original name, shortened to 100 characters, is kept for downloads. A
failed upload leaves neither a row nor a file behind.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from council.history import attribute, save_attributed
from council.personnummer import (
    check_no_personnummer,
    validate_filename_no_personnummer,
)
from council.uploads import FileKind, inspect_upload, safe_filename
from meetings import permissions
from meetings.models import AgendaItem, Attachment, Meeting
from meetings.services.changes import record_change


def max_bytes() -> int:
    return int(getattr(settings, "ATTACHMENT_MAX_BYTES", 25 * 1024 * 1024))


def sanitise_filename(name: str) -> str:
    """The name a bilaga is shown and downloaded by: safe, at most 100 characters."""
    return safe_filename(name, fallback="bilaga")


def validate_upload(uploaded: UploadedFile) -> FileKind:
    """Every check of `council.uploads`, with the attachments' size limit.
    Raises ValidationError in Swedish."""
    return inspect_upload(uploaded, max_bytes=max_bytes())


def stored_name(uploaded_name: str, kind: FileKind) -> str:
    """The sanitised name with the extension of what the file really is."""
    name = sanitise_filename(uploaded_name)
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return sanitise_filename(f"{stem}.{kind.extension}")


def checked_file(uploaded: UploadedFile) -> dict[str, Any]:
    """Check an uploaded file and describe it as an attachment keeps it: the name
    it is shown by, the type the server decided, its size and fingerprint."""
    kind = validate_upload(uploaded)
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    return {
        "original_name": stored_name(uploaded.name or "", kind),
        "content_type": kind.mime,
        "size": uploaded.size,
        "sha256": digest.hexdigest(),
    }


def prepared_attachment(
    uploaded: UploadedFile, *, actor: Any, title: str, **fields: Any
) -> Attachment:
    """A checked attachment, its file stored but its row not yet saved.

    The caller saves the row inside `removing_file_on_failure`, so that a
    failure leaves no file behind. Neither the title nor the file's name, which
    downloads show and which is the title when none is given, may hold a
    personnummer.
    """
    check_no_personnummer({"title": title})
    validate_filename_no_personnummer(uploaded.name or "")
    described = checked_file(uploaded)
    name = described["original_name"]
    attachment = Attachment(
        title=title or name.rsplit(".", 1)[0],
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        **described,
        **fields,
    )
    attachment.full_clean(exclude=["file"])
    attachment.file.save(name, uploaded, save=False)
    return attachment


@contextmanager
def removing_file_on_failure(attachment: Attachment) -> Iterator[None]:
    try:
        yield
    except BaseException:
        attachment.file.delete(save=False)
        raise


@transaction.atomic
def attachment_upload(
    *,
    meeting_id: int,
    actor: Any,
    uploaded: UploadedFile,
    title: str = "",
    is_public: bool = False,
    agenda_item_id: int | None = None,
) -> Attachment:
    """Store a checked file as an attachment of the meeting or of one item."""
    meeting = (
        Meeting.objects.select_for_update().select_related("body").get(pk=meeting_id)
    )
    if not permissions.can_manage_meeting(actor, meeting):
        raise PermissionDenied
    item = None
    if agenda_item_id:
        item = AgendaItem.objects.filter(pk=agenda_item_id, meeting=meeting).first()
        if item is None:
            raise ValidationError(_("Punkten hör inte till mötet."))
    attachment = prepared_attachment(
        uploaded,
        actor=actor,
        title=title,
        meeting=meeting,
        agenda_item=item,
        is_public=is_public,
    )
    with removing_file_on_failure(attachment):
        save_attributed(attachment, user=actor, reason=_("Bilaga uppladdad"))
        where = (
            _("till punkt %(number)s") % {"number": item.order}
            if item
            else _("till mötet")
        )
        record_change(
            meeting=meeting,
            actor=actor,
            description=_("Ny bilaga %(where)s: %(title)s")
            % {"where": where, "title": attachment.title},
            is_public=is_public and (item is None or item.is_public),
            agenda_item=item,
        )
    return attachment


def attachment_delete_refusal(attachment: Attachment) -> str | None:
    """Why `attachment` cannot be removed, or None."""
    if attachment.paragraph_id:
        return _("Bilagan hör till protokollet och kan inte tas bort.")
    return None


@transaction.atomic
def attachment_delete(*, attachment_id: int, actor: Any) -> None:
    """Remove an attachment; the file goes once the removal is committed."""
    attachment = (
        Attachment.objects.select_for_update(of=("self",))
        .select_related("meeting__body", "agenda_item")
        .get(pk=attachment_id)
    )
    meeting = attachment.meeting
    if not permissions.can_manage_meeting(actor, meeting):
        raise PermissionDenied
    refusal = attachment_delete_refusal(attachment)
    if refusal:
        raise ValidationError(refusal)
    storage, name = attachment.file.storage, attachment.file.name
    item = attachment.agenda_item
    attribute(attachment, user=actor, reason=_("Bilaga borttagen"))
    title, public = attachment.title, attachment.is_public
    attachment.delete()
    record_change(
        meeting=meeting,
        actor=actor,
        description=_("Bilagan ”%(title)s” är borttagen") % {"title": title},
        is_public=public and (item is None or item.is_public),
        agenda_item=item,
    )
    transaction.on_commit(lambda: storage.delete(name))
