"""Office files (Word, PowerPoint, Excel): the zip they are, read from its
central directory without unpacking anything.

Refused: the macro-enabled formats (by name, by declared content type, or by a
VBA project anywhere in the zip), ActiveX controls, and zips that would unpack
to far more than they weigh (a zip bomb) or hold absurdly many parts. The old
binary formats (.doc, .xls, .ppt) may hold macros the portal cannot see, so
they are refused with a request for PDF or the newer format.
"""

from __future__ import annotations

import zipfile
from typing import IO

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from council.uploads.kinds import OOXML, FileKind

MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_MEMBERS = 10_000
# Office XML compresses well, seldom past 20 times; a part that grows over a
# hundred times, and is big enough to matter, is built to burst.
MAX_RATIO = 100
RATIO_CHECKED_FROM = 1024 * 1024
CONTENT_TYPES = "[Content_Types].xml"
CONTENT_TYPES_MAX_BYTES = 1024 * 1024
MACRO_EXTENSIONS = frozenset(
    {
        "docm",
        "dotm",
        "xlsm",
        "xltm",
        "xlam",
        "xlsb",
        "pptm",
        "potm",
        "ppsm",
        "ppam",
        "sldm",
    }
)
MACRO_PARTS = frozenset({"vbaproject.bin", "vbadata.xml"})
OLD_OFFICE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")


def old_office_refusal(shown_name: str) -> ValidationError:
    return ValidationError(
        _(
            "Filen ”%(name)s” är i ett äldre Office-format (som .doc, .xls eller "
            ".ppt), som kan innehålla makron. Spara den som PDF eller i det nyare "
            "formatet (.docx, .xlsx eller .pptx) och ladda upp den igen."
        )
        % {"name": shown_name},
        code="office_legacy",
    )


def macro_refusal(shown_name: str) -> ValidationError:
    return ValidationError(
        _(
            "Filen ”%(name)s” innehåller makron och tas inte emot. Spara den utan "
            "makron (som .docx, .xlsx eller .pptx) eller som PDF och ladda upp den "
            "igen."
        )
        % {"name": shown_name},
        code="office_macros",
    )


def _activex_refusal(shown_name: str) -> ValidationError:
    return ValidationError(
        _(
            "Filen ”%(name)s” innehåller ActiveX-kontroller och tas inte emot. Ta "
            "bort dem eller spara filen som PDF och ladda upp den igen."
        )
        % {"name": shown_name},
        code="office_activex",
    )


def _check_sizes(infos: list[zipfile.ZipInfo], shown_name: str) -> None:
    if len(infos) > MAX_MEMBERS:
        raise ValidationError(
            _(
                "Filen ”%(name)s” består av för många delar (%(count)s; högst "
                "%(max)s) och tas inte emot."
            )
            % {"name": shown_name, "count": len(infos), "max": MAX_MEMBERS},
            code="zip_members",
        )
    unpacked = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos)
    if unpacked > MAX_UNPACKED_BYTES:
        raise ValidationError(
            _(
                "Filen ”%(name)s” blir %(size)s när den packas upp; mer än %(max)s "
                "tas inte emot."
            )
            % {
                "name": shown_name,
                "size": filesizeformat(unpacked),
                "max": filesizeformat(MAX_UNPACKED_BYTES),
            },
            code="zip_too_large",
        )
    swollen = [
        info
        for info in infos
        if info.file_size > RATIO_CHECKED_FROM
        and info.file_size > MAX_RATIO * max(info.compress_size, 1)
    ]
    if swollen or (
        unpacked > RATIO_CHECKED_FROM and unpacked > MAX_RATIO * max(packed, 1)
    ):
        raise ValidationError(
            _(
                "Filen ”%(name)s” är packad så att den växer mer än %(ratio)s gånger "
                "när den öppnas, och tas inte emot. Spara den på nytt i sitt program "
                "och ladda upp den igen."
            )
            % {"name": shown_name, "ratio": MAX_RATIO},
            code="zip_ratio",
        )


def _declared_types(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> str:
    if info.file_size > CONTENT_TYPES_MAX_BYTES:
        return ""
    with archive.open(info) as handle:
        return handle.read(CONTENT_TYPES_MAX_BYTES).decode("utf-8", "replace")


def office_kind(handle: IO[bytes], *, shown_name: str) -> FileKind | None:
    """The kind of an Office Open XML file, None if the zip is no Office file.
    Raises ValidationError in Swedish for what is refused."""
    handle.seek(0)
    try:
        with zipfile.ZipFile(handle) as archive:
            infos = archive.infolist()
            _check_sizes(infos, shown_name)
            parts = {info.filename: info for info in infos}
            if CONTENT_TYPES not in parts:
                return None
            kind = next(
                (
                    kind
                    for folder, kind in OOXML.items()
                    if any(part.startswith(folder) for part in parts)
                ),
                None,
            )
            if kind is None:
                return None
            declared = _declared_types(archive, parts[CONTENT_TYPES])
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return None
    finally:
        handle.seek(0)
    lowered = [part.lower() for part in parts]
    if (
        any(part.rsplit("/", 1)[-1] in MACRO_PARTS for part in lowered)
        or "macroenabled" in declared.lower()
        or "vbaproject" in declared.lower()
    ):
        raise macro_refusal(shown_name)
    if any(
        "activex" in part.rsplit("/", 1)[-1] or "/activex/" in f"/{part}"
        for part in lowered
    ):
        raise _activex_refusal(shown_name)
    return kind
