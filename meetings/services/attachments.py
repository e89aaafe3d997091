"""Uploading and removing attachments (bilagor): the meeting's and its items'
documents. (The bilagor to a paragraph of a draft protokoll are added by
`services.protocol.attachments`, with the checks here.)

A file is accepted by what it is, not by what it is called: the first bytes and,
for Office files, the inside of the zip container decide. The stored name is
random (see `attachment_upload_to`); the sanitised original name is kept for
downloads. A failed upload leaves neither a row nor a file behind.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

import filetype
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from council.history import attribute, save_attributed
from council.personnummer import (
    check_no_personnummer,
    validate_filename_no_personnummer,
)
from meetings import permissions
from meetings.models import AgendaItem, Attachment, Meeting
from meetings.services.changes import record_change

OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")


@dataclass(frozen=True)
class FileKind:
    extension: str
    mime: str
    label: str


PDF = FileKind("pdf", "application/pdf", "PDF")
IMAGES = {
    "png": FileKind("png", "image/png", "PNG-bild"),
    "jpg": FileKind("jpg", "image/jpeg", "JPEG-bild"),
    "gif": FileKind("gif", "image/gif", "GIF-bild"),
    "webp": FileKind("webp", "image/webp", "WebP-bild"),
}
OOXML = {
    "word/": FileKind(
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word",
    ),
    "ppt/": FileKind(
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "PowerPoint",
    ),
    "xl/": FileKind(
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Excel",
    ),
}
# Old binary Office files share one container format; the name tells which.
OLE2 = {
    "doc": FileKind("doc", "application/msword", "Word"),
    "ppt": FileKind("ppt", "application/vnd.ms-powerpoint", "PowerPoint"),
    "xls": FileKind("xls", "application/vnd.ms-excel", "Excel"),
}
ACCEPTED_TEXT = _(
    "Tillåtna filtyper är PDF, Word, PowerPoint, Excel och bilder (PNG, JPEG, GIF, "
    "WebP)."
)


def max_bytes() -> int:
    return int(getattr(settings, "ATTACHMENT_MAX_BYTES", 25 * 1024 * 1024))


def sanitise_filename(name: str) -> str:
    """A safe display name: no folders, no control or odd characters, short."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = unicodedata.normalize("NFC", base)
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    base = re.sub(r"[^\w\s.()+,-]", "_", base)
    base = re.sub(r"\s+", " ", base)
    base = re.sub(r"_+", "_", base)
    base = re.sub(r"\.{2,}", ".", base).strip(" ._-")
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    stem = stem[:120].strip(" ._-") or "bilaga"
    return f"{stem}.{ext[:10]}" if ext else stem


def _office_zip_kind(handle: IO[bytes]) -> FileKind | None:
    try:
        with zipfile.ZipFile(handle) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    for folder, kind in OOXML.items():
        if any(n.startswith(folder) for n in names):
            return kind
    return None


def detect_kind(uploaded: UploadedFile) -> FileKind | None:
    """What the file really is, from its content; None if not accepted."""
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(OLE2_MAGIC):
        extension = PurePath(uploaded.name or "").suffix.lower().lstrip(".")
        return OLE2.get(extension)
    guessed = filetype.guess(head)
    if guessed is None:
        return None
    if guessed.extension in IMAGES:
        return IMAGES[guessed.extension]
    if guessed.extension in {"zip", "docx", "pptx", "xlsx"}:
        try:
            return _office_zip_kind(uploaded.file)
        finally:
            uploaded.seek(0)
    return None


def validate_upload(uploaded: UploadedFile) -> FileKind:
    """Size first (cheap), then content. Raises ValidationError in Swedish."""
    limit = max_bytes()
    if uploaded.size is None or uploaded.size > limit:
        raise ValidationError(
            _("Filen är för stor (%(size)s). Största tillåtna storlek är %(max)s.")
            % {
                "size": filesizeformat(uploaded.size or 0),
                "max": filesizeformat(limit),
            },
            code="too_large",
        )
    if uploaded.size == 0:
        raise ValidationError(_("Filen är tom."), code="empty")
    kind = detect_kind(uploaded)
    if kind is None:
        raise ValidationError(
            _("Filen ”%(name)s” är inte av en tillåten filtyp. %(accepted)s")
            % {
                "name": sanitise_filename(uploaded.name or ""),
                "accepted": ACCEPTED_TEXT,
            },
            code="bad_type",
        )
    return kind


def stored_name(uploaded_name: str, kind: FileKind) -> str:
    """The sanitised name with the extension of what the file really is."""
    name = sanitise_filename(uploaded_name)
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return f"{stem}.{kind.extension}"


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
    kind = validate_upload(uploaded)
    name = stored_name(uploaded.name or "", kind)
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    attachment = Attachment(
        title=title or name.rsplit(".", 1)[0],
        original_name=name,
        content_type=kind.mime,
        size=uploaded.size,
        sha256=digest.hexdigest(),
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
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
    if attachment.paragraph_id:
        raise ValidationError(_("Bilagan hör till protokollet och kan inte tas bort."))
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
