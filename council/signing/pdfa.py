"""Signing without breaking the PDF/A a document declares.

The portal's documents are PDF/A-3a (ISO 19005-3), which is built on PDF 1.7
(ISO 32000-1): the header says `%PDF-1.7` and no revision may declare more.
pyHanko, left to itself, does: for an ECDSA key on P-256 it registers the
ISO/TS 32002 developer extension, whose base version is PDF 2.0, and sets the
catalog's `/Version /2.0` for it; embedding an associated file (`/AF`) sets
`/Version /2.0` too. Neither is needed on PDF 1.7: PAdES (`ETSI.CAdES.detached`,
with ECDSA on the NIST curves among its algorithms, ETSI TS 119 312) is
declared by the ESIC developer extension with base version 1.7, which pyHanko
writes as well, and ISO 19005-3 defines `/AF` and `/AFRelationship` for PDF 1.7
files itself.

`incremental_writer` gives the one writer the signing code uses for every
revision (`PdfaIncrementalWriter.from_reader` the same for a reader at hand);
it writes to an output stream, never in place. It reads the PDF/A part the document declares (XMP `pdfaid:part`) and
never declares a PDF version above the one that part is built on: a request for
a higher catalog version is declined, the ISO/TS 32002 extension is left out
(it would only restate curves PAdES already admits), and any other extension
beyond that version is refused with PdfaLevelError, because it would mean a
feature (SHA-3, EdDSA's own extension, PDF MAC) that the declared level lacks.
It also leaves the document's metadata as the rendering wrote it: pyHanko
rewrites the XMP in every revision (as itself the producer, and with the
PDF/A extension schema that declares PDF/UA turned into a form PDF/A does not
read), where a signature has no metadata to change.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from pyhanko.pdf_utils.extensions import DeveloperExtension
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader, parse_catalog_version
from pyhanko.sign.signers.constants import ISO32002

from council.signing.common import SigningError

PDFAID_NS = "http://www.aiim.org/pdfa/ns/id/"

# The PDF version each part of ISO 19005 is built on.
PDFA_PDF_VERSION = {1: (1, 4), 2: (1, 7), 3: (1, 7), 4: (2, 0)}


class PdfaLevelError(SigningError):
    """The change would need a PDF version above the declared PDF/A part's."""


@dataclass(frozen=True)
class PdfaClaim:
    """What a document's XMP says it is: `pdfaid:part` and `pdfaid:conformance`."""

    part: int
    conformance: str

    @property
    def pdf_version(self) -> tuple[int, int]:
        return PDFA_PDF_VERSION[self.part]


def pdfa_claim_in_xmp(xmp: bytes) -> PdfaClaim | None:
    """The PDF/A identification in an XMP packet, as attributes or elements."""
    try:
        tree = ET.fromstring(xmp.strip().strip(b"\x00"))
    except ET.ParseError:
        return None
    values: dict[str, str] = {}
    for element in tree.iter():
        for name, value in element.attrib.items():
            if name.startswith(f"{{{PDFAID_NS}}}"):
                values.setdefault(name.split("}", 1)[1], value.strip())
        if element.tag.startswith(f"{{{PDFAID_NS}}}") and element.text:
            values.setdefault(element.tag.split("}", 1)[1], element.text.strip())
    part = values.get("part", "")
    if not part.isdigit() or int(part) not in PDFA_PDF_VERSION:
        return None
    return PdfaClaim(part=int(part), conformance=values.get("conformance", ""))


def pdfa_claim(reader: PdfFileReader) -> PdfaClaim | None:
    """The PDF/A part and conformance the document's catalog metadata declares."""
    try:
        metadata = reader.root["/Metadata"]
        return pdfa_claim_in_xmp(metadata.data)
    except (KeyError, AttributeError, TypeError, ValueError):
        return None


def _extension_version(extension: DeveloperExtension) -> tuple[int, int]:
    return parse_catalog_version(extension.base_version) or (9, 9)


class PdfaIncrementalWriter(IncrementalPdfFileWriter):
    """An incremental writer that keeps within the declared PDF/A level.

    `version_ceiling` is the PDF version of the declared PDF/A part (None for a
    document that declares none: then it writes as pyHanko does).
    """

    def __init__(self, input_stream, prev=None, strict=True, decode_limits=None):
        if prev is None:
            prev = PdfFileReader(
                input_stream, strict=strict, decode_limits=decode_limits
            )
        self.pdfa = pdfa_claim(prev)
        self.version_ceiling = self.pdfa.pdf_version if self.pdfa else None
        super().__init__(
            input_stream, prev=prev, strict=strict, decode_limits=decode_limits
        )

    def _beyond(self, version: tuple[int, int]) -> bool:
        return self.version_ceiling is not None and tuple(version) > tuple(
            self.version_ceiling
        )

    def ensure_output_version(self, version):
        if self._beyond(version):
            return
        super().ensure_output_version(version)

    def register_extension(self, ext: DeveloperExtension):
        if self._beyond(_extension_version(ext)):
            if (ext.prefix_name, ext.extension_level) == (
                ISO32002.prefix_name,
                ISO32002.extension_level,
            ):
                return
            raise PdfaLevelError(
                f"Dokumentet är PDF/A-{self.pdfa.part}: tillägget "
                f"{ext.prefix_name}{ext.extension_level} kräver PDF "
                f"{ext.base_version.lstrip('/')}."
            )
        super().register_extension(ext)

    def write(self, stream):
        super().write(_EndOfLineBeforeEndstream(stream))

    def _update_meta(self):
        """Keep the Info dictionary and the XMP of a PDF/A document unchanged."""
        if self.pdfa is None:
            super()._update_meta()

    def write_in_place(self):
        raise SigningError(
            "Dokumentet skrivs till en ny utdataström, inte på plats: så hålls "
            "varje ström inom PDF/A."
        )


class _EndOfLineBeforeEndstream:
    """The output as pyHanko writes it, but a stream whose data ends with CR is
    closed with CR LF before `endstream` instead of LF alone.

    PDF/A counts a stream's /Length up to "the EOL marker before the endstream
    keyword" (ISO 19005-3, 6.1.7.1); after data ending in CR, the LF pyHanko
    writes reads as the CR LF marker and the data one byte short. pyHanko
    writes each stream's data and then `\nendstream` in calls of their own,
    and places every offset by `tell()`, which counts the added byte.
    """

    def __init__(self, target) -> None:
        self._target = target
        self._last = b""

    def write(self, data) -> int:
        data = bytes(data)
        if data == b"\nendstream" and self._last == b"\r":
            data = b"\r\nendstream"
        if data:
            self._last = data[-1:]
        return self._target.write(data)

    def __getattr__(self, name):
        return getattr(self._target, name)


def incremental_writer(data: bytes) -> PdfaIncrementalWriter:
    """The writer for one new revision of `data` (every signature, document
    timestamp, validation data or associated file added by the portal)."""
    return PdfaIncrementalWriter(io.BytesIO(data), strict=False)
