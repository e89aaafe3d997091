"""The kinds of file the portal takes in, and the type each is served with."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


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
# An Office Open XML file is a zip; its main folder tells which program made it.
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
ACCEPTED = (PDF, *IMAGES.values(), *OOXML.values())
ACCEPTED_TEXT = _(
    "Tillåtna filtyper är PDF, Word (.docx), PowerPoint (.pptx), Excel (.xlsx) och "
    "bilder (PNG, JPEG, GIF, WebP)."
)
SERVED_TYPES = frozenset(kind.mime for kind in ACCEPTED)
# Files accepted before the checks got stricter (the old binary Office formats)
# are still served as what they are: still the server's word, never the uploader's.
LEGACY_TYPES = frozenset(
    {"application/msword", "application/vnd.ms-powerpoint", "application/vnd.ms-excel"}
)


# Types a browser shows without running anything of the file's own: PDF (checked
# for active content on upload) and raster images. Only these are ever inline.
DISPLAYABLE_TYPES = frozenset({PDF.mime, *(kind.mime for kind in IMAGES.values())})


def displayable(stored: str) -> bool:
    """Whether a stored file may be shown inline rather than only downloaded."""
    return served_content_type(stored) in DISPLAYABLE_TYPES


def served_content_type(stored: str) -> str:
    """The type a stored file is sent with: one the server decided on upload, or
    a plain download for anything else (a type recorded from an upload's header)."""
    stored = (stored or "").strip().lower()
    if stored in SERVED_TYPES or stored in LEGACY_TYPES:
        return stored
    return "application/octet-stream"
