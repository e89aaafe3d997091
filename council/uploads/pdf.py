"""Active content in a PDF: JavaScript, actions that start programs, files
carried inside it, forms that run scripts.

The file is read with pyHanko's parser, every object of every revision, those
inside compressed object streams too; a scan of the raw bytes comes on top for
objects a forgiving viewer might find outside the cross-reference table. A
file pyHanko cannot read is not taken as a PDF at all, nor one whose compressed
streams unpack past pyHanko's default limits for untrusted input.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.crypt import AuthStatus
from pyhanko.pdf_utils.reader import PdfFileReader

JAVASCRIPT, LAUNCH, EMBEDDED, XFA = "javascript", "launch", "embedded", "xfa"

# PDF names (as keys or as values) that mark active content, and what they are.
ACTIVE_NAMES = {
    "/JS": JAVASCRIPT,
    "/JavaScript": JAVASCRIPT,
    "/Launch": LAUNCH,
    "/EmbeddedFiles": EMBEDDED,
    "/EmbeddedFile": EMBEDDED,
    "/EF": EMBEDDED,
    "/FileAttachment": EMBEDDED,
    "/GoToE": EMBEDDED,
    "/RichMedia": EMBEDDED,
    "/XFA": XFA,
}
# Only names long enough never to turn up by chance in image or font bytes.
RAW_SCANNED = ("JavaScript", "Launch", "EmbeddedFile", "RichMedia")
NAME_END = rb"(?=[\s()<>\[\]{}/%]|\Z)"


def _raw_name(word: str) -> bytes:
    # A PDF name may spell any character as #xx: /J#61vaScript is /JavaScript.
    parts = []
    for char in word:
        high, low = f"{ord(char):02x}"
        parts.append(f"(?:{char}|#{high}[{low}{low.upper()}])")
    return b"/" + "".join(parts).encode() + rb"s?" + NAME_END


RAW_PATTERN = re.compile(b"|".join(_raw_name(word) for word in RAW_SCANNED))


def _raw_findings(data: bytes) -> set[str]:
    found = set()
    for match in RAW_PATTERN.finditer(data):
        name = re.sub(rb"#([0-9a-fA-F]{2})", lambda m: bytes([int(m[1], 16)]), match[0])
        found.add(ACTIVE_NAMES.get(name.decode("latin-1").rstrip("s"), EMBEDDED))
    return found


def _names_in(obj: generic.PdfObject) -> Iterator[str]:
    """Every name inside an object, keys included, without following references
    (each referenced object is read on its own)."""
    stack = [obj]
    while stack:
        current = stack.pop()
        if isinstance(current, generic.DictionaryObject):
            for key, value in current.items():
                yield str(key)
                stack.append(value)
        elif isinstance(current, generic.ArrayObject):
            stack.extend(current)
        elif isinstance(current, generic.NameObject):
            yield str(current)


def _parsed_findings(reader: PdfFileReader) -> set[str]:
    found: set[str] = set()
    for name in _names_in(reader.trailer_view):
        if name in ACTIVE_NAMES:
            found.add(ACTIVE_NAMES[name])
    for revision in range(reader.xrefs.total_revisions):
        for ref in reader.xrefs.explicit_refs_in_revision(revision):
            obj = reader.get_object(ref, revision=revision)
            for name in _names_in(obj):
                if name in ACTIVE_NAMES:
                    found.add(ACTIVE_NAMES[name])
    return found


def _refusal(found: set[str], shown_name: str) -> ValidationError:
    what = {
        JAVASCRIPT: _("JavaScript"),
        LAUNCH: _("en åtgärd som startar andra program"),
        EMBEDDED: _("inbäddade filer eller media"),
        XFA: _("ett XFA-formulär, som kan köra skript"),
    }
    listed = [str(what[key]) for key in what if key in found]
    message = _(
        "PDF-filen ”%(name)s” innehåller %(what)s och tas inte emot. Spara den som "
        "en vanlig PDF (till exempel med ”Skriv ut” och ”Spara som PDF”) och ladda "
        "upp den igen."
    ) % {"name": shown_name, "what": _(" och ").join(listed)}
    if EMBEDDED in found:
        message += " " + _("Filer som hör till laddar du upp var för sig.")
    return ValidationError(message, code="pdf_active_content")


def check_pdf(handle: IO[bytes], *, shown_name: str) -> None:
    """Refuse a PDF with active content, or one that cannot be read as a PDF.
    Raises ValidationError in Swedish."""
    handle.seek(0)
    data = handle.read()
    handle.seek(0)
    found = _raw_findings(data)
    if not found:
        try:
            reader = PdfFileReader(io.BytesIO(data), strict=False)
            if reader.encrypted and reader.decrypt("").status == AuthStatus.FAILED:
                raise ValidationError(
                    _(
                        "PDF-filen ”%(name)s” är skyddad med lösenord. Ladda upp "
                        "en version utan lösenord."
                    )
                    % {"name": shown_name},
                    code="pdf_encrypted",
                )
            found = _parsed_findings(reader)
        except ValidationError:
            raise
        except Exception as exc:  # noqa: BLE001 - any parser failure on hostile input
            raise ValidationError(
                _(
                    "Filen ”%(name)s” går inte att läsa som PDF. Spara den som PDF "
                    "på nytt och ladda upp den igen."
                )
                % {"name": shown_name},
                code="pdf_unreadable",
            ) from exc
    if found:
        raise _refusal(found, shown_name)
