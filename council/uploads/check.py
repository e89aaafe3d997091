"""The one check every uploaded file passes before it is kept: its size, what it
really is (by content, never by name or declared type), and that it carries
nothing active (scripts, macros, programs, files inside files, zip bombs).

A file is refused rather than stored and never served: whoever uploads learns at
once what to change, nothing hostile lands in storage or backups, and a later
way of serving files cannot forget a flag.
"""

from __future__ import annotations

import re

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from council.uploads.kinds import ACCEPTED_TEXT, IMAGES, PDF, FileKind
from council.uploads.names import extension_of, safe_filename
from council.uploads.office import (
    MACRO_EXTENSIONS,
    OLD_OFFICE_MAGIC,
    macro_refusal,
    office_kind,
    old_office_refusal,
)
from council.uploads.pdf import check_pdf

HEAD_BYTES = 8192
MARKUP_BYTES = 1024
# What makes a browser take bytes for a web page (after the WHATWG sniffing
# rules), only the tags long enough never to turn up by chance in binary data.
MARKUP = re.compile(
    rb"<(?:!doctype|html|head|body|script|iframe|svg|style|title|object|embed|"
    rb"img|meta|form|!--)[\s>/]",
    re.IGNORECASE,
)


def _bad_type(shown_name: str) -> ValidationError:
    return ValidationError(
        _("Filen ”%(name)s” är inte av en tillåten filtyp. %(accepted)s")
        % {"name": shown_name, "accepted": ACCEPTED_TEXT},
        code="bad_type",
    )


def _check_size(uploaded: UploadedFile, max_bytes: int) -> None:
    if uploaded.size is None or uploaded.size > max_bytes:
        raise ValidationError(
            _("Filen är för stor (%(size)s). Största tillåtna storlek är %(max)s.")
            % {
                "size": filesizeformat(uploaded.size or 0),
                "max": filesizeformat(max_bytes),
            },
            code="too_large",
        )
    if uploaded.size == 0:
        raise ValidationError(_("Filen är tom."), code="empty")


def inspect_upload(uploaded: UploadedFile, *, max_bytes: int) -> FileKind:
    """What an uploaded file is, once it has passed every check.

    Size first (cheap), then the name's extension for macro formats, then the
    content. Raises ValidationError with a Swedish message naming the file."""
    _check_size(uploaded, max_bytes)
    shown_name = safe_filename(uploaded.name or "")
    if extension_of(uploaded.name or "") in MACRO_EXTENSIONS:
        raise macro_refusal(shown_name)
    uploaded.seek(0)
    head = uploaded.read(HEAD_BYTES)
    uploaded.seek(0)
    if MARKUP.search(head[:MARKUP_BYTES]):
        # A file that is also a web page (a polyglot) could run as one.
        raise ValidationError(
            _(
                "Filen ”%(name)s” innehåller kod för webbsidor (HTML) i början och "
                "tas inte emot. Spara den på nytt i sitt program och ladda upp den "
                "igen."
            )
            % {"name": shown_name},
            code="markup",
        )
    if head.startswith(b"%PDF-"):
        check_pdf(uploaded.file, shown_name=shown_name)
        return PDF
    if head.startswith(OLD_OFFICE_MAGIC):
        raise old_office_refusal(shown_name)
    if (
        b"%PDF-" in head[:MARKUP_BYTES]
        or extension_of(uploaded.name or "") == "pdf"
        or (getattr(uploaded, "content_type", "") or "").lower() == PDF.mime
    ):
        # Not a PDF from its first byte, yet one a reader would open as such.
        raise ValidationError(
            _(
                "Filen ”%(name)s” går inte att läsa som PDF. Spara den som PDF på "
                "nytt och ladda upp den igen."
            )
            % {"name": shown_name},
            code="pdf_unreadable",
        )
    guessed = filetype.guess(head)
    if guessed is not None and guessed.extension in IMAGES:
        return IMAGES[guessed.extension]
    if guessed is not None and guessed.extension in {"zip", "docx", "pptx", "xlsx"}:
        kind = office_kind(uploaded.file, shown_name=shown_name)
        if kind is not None:
            return kind
    raise _bad_type(shown_name)
