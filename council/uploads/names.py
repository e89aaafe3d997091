"""File names: the one a person sees and gets on download, made safe and short.

Stored files get random names of their own (see each model's `upload_to`), so the
name kept here is only shown. Swedish letters stay as they are.
"""

from __future__ import annotations

import re
import unicodedata

from django.http import multipartparser

MAX_NAME_LENGTH = 100
MAX_EXTENSION_LENGTH = 10
# Django reads each part's headers of a multipart request in at most this many
# bytes and answers a bare 400 beyond it; a file name of a thousand characters
# (several thousand bytes in UTF-8) then loses the whole form. Eight KiB still
# bounds the parser's work, and the name is shortened afterwards.
MULTIPART_HEADER_BYTES = 8 * 1024


def allow_long_file_names() -> None:
    """Let a request whose file name is long be read, so that the name can be
    shortened instead of the whole form refused. Django has no setting for it."""
    if multipartparser.MAX_TOTAL_HEADER_SIZE < MULTIPART_HEADER_BYTES:
        multipartparser.MAX_TOTAL_HEADER_SIZE = MULTIPART_HEADER_BYTES


def safe_filename(
    name: str, *, fallback: str = "fil", max_length: int = MAX_NAME_LENGTH
) -> str:
    """A safe name to show: no folders, no control or odd characters, at most
    `max_length` characters with the extension kept."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = unicodedata.normalize("NFC", base)
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    base = re.sub(r"[^\w\s.()+,-]", "_", base)
    base = re.sub(r"\s+", " ", base)
    base = re.sub(r"_+", "_", base)
    base = re.sub(r"\.{2,}", ".", base).strip(" ._-")
    stem, dot, extension = base.rpartition(".")
    if not dot:
        stem, extension = base, ""
    extension = extension[:MAX_EXTENSION_LENGTH]
    room = max_length - (len(extension) + 1 if extension else 0)
    stem = stem[:room].strip(" ._-") or fallback
    return f"{stem}.{extension}" if extension else stem


def extension_of(name: str) -> str:
    """The lower-case extension of a file name, without the dot."""
    base = re.split(r"[\\/]", name or "")[-1].strip().rstrip(". ")
    _stem, dot, extension = base.rpartition(".")
    return extension.strip().lower() if dot else ""
