"""The rules of PDF/A-3 (ISO 19005-3) the portal's documents rely on, checked on
the bytes of a file: `assert_pdfa(data)` or `pdfa_problems(data)`.

It reads the file with tools independent of the code that wrote it: qpdf (every
object of the final revision, as JSON, and the streams it decodes), poppler's
pdffonts, and asn1crypto for the signatures' CMS. It does not replace a full
validator (tests/meetings/protocol/test_pdfa.py also runs one); it checks what
the portal must keep when it renders, signs and adds to a file: the header and
catalog version within the declared part, the XMP identification, Info and XMP
agreeing, fonts embedded, the output intent, no encryption, no JavaScript or
other forbidden actions, annotations printable with appearances, transparency
and image limits, the signatures (SubFilter, byte range, one signer) and the
associated files (`/AFRelationship`, MIME type, `/ModDate`, listed in an /AF).
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

from tests.meetings.protocol import pdfa_xmp
from tests.meetings.protocol.pdfa_file import PdfFile, file_problems, text
from tests.meetings.protocol.pdfa_signatures import signature_problems

BASE_VERSION = {1: (1, 4), 2: (1, 7), 3: (1, 7), 4: (2, 0)}
CONFORMANCE = {1: {"A", "B"}, 2: {"A", "B", "U"}, 3: {"A", "B", "U"}}
FORBIDDEN_ACTIONS = {
    "/JavaScript", "/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData",
    "/Hide", "/SetOCGState", "/Rendition", "/Trans", "/GoTo3DView",
}  # fmt: skip
FORBIDDEN_ANNOTATIONS = {"/3D", "/Sound", "/Screen", "/Movie", "/RichMedia"}
BLEND_MODES = {
    "/Normal", "/Compatible", "/Multiply", "/Screen", "/Overlay", "/Darken",
    "/Lighten", "/ColorDodge", "/ColorBurn", "/HardLight", "/SoftLight",
    "/Difference", "/Exclusion", "/Hue", "/Saturation", "/Color", "/Luminosity",
}  # fmt: skip
AF_RELATIONSHIPS = {
    "/Source", "/Data", "/Alternative", "/Supplement", "/EncryptedPayload",
    "/FormData", "/Schema", "/Unspecified",
}  # fmt: skip


def _version(text: str) -> tuple[int, int]:
    major, minor = text.lstrip("/").split(".")
    return int(major), int(minor)


def pdfa_problems(
    data: bytes, *, part: int | None = None, conformance: str | None = None
) -> list[str]:
    """Every rule of the list above that `data` breaks, in words."""
    with tempfile.TemporaryDirectory() as folder:
        pdf = PdfFile(data, Path(folder))
        problems = file_problems(pdf)
        claim, xmp_problems = _identification(pdf, part, conformance)
        problems += xmp_problems
        if claim is None:
            return problems
        declared_part = claim[0]
        problems += _version_problems(pdf, declared_part)
        problems += _output_intent_problems(pdf)
        problems += _font_problems(pdf)
        problems += _object_problems(pdf)
        problems += _associated_file_problems(pdf, declared_part)
        problems += signature_problems(pdf)
        return problems


def assert_pdfa(data: bytes, *, part: int = 3, conformance: str = "A") -> None:
    problems = pdfa_problems(data, part=part, conformance=conformance)
    assert not problems, "Not PDF/A:\n" + "\n".join(problems)


def _identification(pdf: PdfFile, part, conformance):
    """The part and conformance the XMP declares, with what is wrong there."""
    metadata_ref = pdf.catalog.get("/Metadata")
    if metadata_ref is None:
        return None, ["the catalog has no /Metadata"]
    metadata = pdf.get(metadata_ref)
    problems = []
    if (metadata.get("/Type"), metadata.get("/Subtype")) != ("/Metadata", "/XML"):
        problems.append("the metadata stream is not /Type /Metadata /Subtype /XML")
    if "/Filter" in metadata:
        problems.append("the metadata stream has a /Filter")
    xmp = pdf.stream(metadata_ref)
    problems += pdfa_xmp.packet_problems(xmp)
    found = pdfa_xmp.properties(xmp)
    declared = pdfa_xmp.simple(found.get(f"{{{pdfa_xmp.NS['pdfaid']}}}part"))
    level = pdfa_xmp.simple(found.get(f"{{{pdfa_xmp.NS['pdfaid']}}}conformance"))
    if not declared or not declared.isdigit() or int(declared) not in BASE_VERSION:
        return None, [*problems, f"the XMP declares no PDF/A part ({declared!r})"]
    claim = (int(declared), level or "")
    if claim[1] not in CONFORMANCE.get(claim[0], {""}):
        problems.append(f"conformance {claim[1]!r} does not exist in part {claim[0]}")
    if part is not None and (claim[0], claim[1]) != (part, conformance):
        problems.append(f"declares PDF/A-{claim[0]}{claim[1]}, not {part}{conformance}")
    extra = pdfa_xmp.namespaces(xmp) - pdfa_xmp.PREDEFINED
    if extra and f"{{{pdfa_xmp.NS['pdfaExtension']}}}schemas" not in found:
        problems.append(f"XMP namespaces without an extension schema: {extra}")
    info_ref = pdf.trailer.get("/Info")
    info = {key: text(value) for key, value in (pdf.get(info_ref) or {}).items()}
    problems += pdfa_xmp.info_problems(info, xmp)
    return claim, problems


def _version_problems(pdf: PdfFile, part: int) -> list[str]:
    """Header, catalog /Version and developer extensions within the part's PDF."""
    base = BASE_VERSION[part]
    header = _version(pdf.data[5:8].decode("ascii", "replace"))
    problems = []
    if header > base:
        problems.append(f"header %PDF-{header[0]}.{header[1]} is above PDF/A-{part}")
    catalog_version = pdf.catalog.get("/Version")
    if catalog_version is not None and _version(catalog_version) > base:
        problems.append(f"catalog /Version {catalog_version} is above PDF/A-{part}")
    extensions = pdf.get(pdf.catalog.get("/Extensions")) or {}
    for prefix, value in extensions.items():
        if prefix == "/Type":
            continue
        for extension in value if isinstance(value, list) else [value]:
            extension = pdf.get(extension)
            if _version(extension["/BaseVersion"]) > base:
                problems.append(
                    f"extension {prefix} {extension.get('/ExtensionLevel')} is based "
                    f"on PDF {extension['/BaseVersion'][1:]}, above PDF/A-{part}"
                )
    signed_etsi = any(
        text(d.get("/SubFilter", "")).startswith("/ETSI.")
        for _, d in pdf.dictionaries()
    )
    if signed_etsi and base < (2, 0):
        esic = pdf.get(extensions.get("/ESIC"))
        if not esic or esic.get("/BaseVersion") != "/1.7":
            problems.append("PAdES signatures on PDF 1.7 without the ESIC extension")
    return problems


def _output_intent_problems(pdf: PdfFile) -> list[str]:
    intents = [pdf.get(i) for i in pdf.get(pdf.catalog.get("/OutputIntents")) or []]
    pdfa = [i for i in intents if i.get("/S") == "/GTS_PDFA1"]
    if not pdfa:
        return ["no output intent with /S /GTS_PDFA1"]
    profiles = {
        i.get("/DestOutputProfile") for i in intents if "/DestOutputProfile" in i
    }
    if len(profiles) > 1:
        return ["output intents with different destination profiles"]
    if not profiles or None in profiles:
        return ["the PDF/A output intent has no ICC profile"]
    reference = profiles.pop()
    icc = pdf.stream(reference)
    components = {b"RGB ": 3, b"GRAY": 1, b"CMYK": 4}.get(icc[16:20])
    problems = []
    if icc[36:40] != b"acsp":
        problems.append("the output intent's profile is not an ICC profile")
    if components != pdf.get(reference).get("/N"):
        problems.append("the ICC profile's /N does not match its colour space")
    if icc[8] > 4:
        problems.append("the ICC profile is newer than version 4")
    return problems


def _font_problems(pdf: PdfFile) -> list[str]:
    problems = []
    report = subprocess.run(
        ["pdffonts", str(pdf.path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    for line in report:
        if not re.search(r"\syes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", line):
            problems.append(f"pdffonts: not embedded: {line}")
    for reference, font in pdf.dictionaries():
        if font.get("/Type") != "/Font" or font.get("/Subtype") in ("/Type3", "/Type0"):
            continue
        descriptor = pdf.get(font.get("/FontDescriptor")) or {}
        if not {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor):
            problems.append(f"font {font.get('/BaseFont')} ({reference}) not embedded")
        if font.get("/Subtype") == "/CIDFontType2" and "/CIDToGIDMap" not in font:
            problems.append(f"CIDFont {font.get('/BaseFont')} has no /CIDToGIDMap")
    return problems


def _object_problems(pdf: PdfFile) -> list[str]:
    """Actions, annotations, graphics state, images and streams, everywhere."""
    problems = []
    names = pdf.get(pdf.catalog.get("/Names")) or {}
    if "/JavaScript" in names:
        problems.append("the catalog names JavaScript")
    form = pdf.get(pdf.catalog.get("/AcroForm")) or {}
    if form.get("/NeedAppearances") is True or "/XFA" in form:
        problems.append("the form asks for appearances to be made or holds XFA")
    has_intent = bool(pdf.catalog.get("/OutputIntents"))
    for reference, d in pdf.dictionaries():
        where = f" ({reference})" if reference else ""
        if "/JS" in d or d.get("/S") in FORBIDDEN_ACTIONS:
            problems.append(f"a forbidden action {d.get('/S')}{where}")
        if "/AA" in d:
            problems.append(f"additional actions (/AA){where}")
        if {"/F", "/FFilter", "/FDecodeParms"} & set(d) and "/Length" in d:
            problems.append(f"a stream refers to an external file{where}")
        filters = d.get("/Filter") if "/Length" in d else None
        if set(filters if isinstance(filters, list) else [filters]) & {
            "/LZWDecode",
            "/Crypt",
        }:
            problems.append(f"a stream with an LZW or Crypt filter{where}")
        if d.get("/Type") == "/Annot" or d.get("/Subtype") == "/Widget":
            problems += _annotation_problems(pdf, d, where)
        if "/TR" in d or d.get("/TR2", "/Default") != "/Default" or "/HTP" in d:
            problems.append(f"a transfer function or halftone phase{where}")
        modes = d.get("/BM", "/Normal")
        if not set(modes if isinstance(modes, list) else [modes]) <= BLEND_MODES:
            problems.append(f"a non-standard blend mode {modes}{where}")
        if d.get("/Type") == "/ExtGState" and d.get("/SMask", "/None") != "/None":
            mask = pdf.get(d["/SMask"])
            if not isinstance(mask, dict) or mask.get("/S") not in (
                "/Alpha",
                "/Luminosity",
            ):
                problems.append(f"a soft mask that is not a mask dictionary{where}")
        if "/HalftoneType" in d and (
            d["/HalftoneType"] not in (1, 5) or "/HalftoneName" in d
        ):
            problems.append(f"a halftone PDF/A does not allow{where}")
        if d.get("/S") == "/Transparency" and not has_intent and "/CS" not in d:
            problems.append(f"a transparency group with no colour space{where}")
        if d.get("/Subtype") == "/Image" and (
            {"/Alternates", "/OPI"} & set(d) or d.get("/Interpolate") is True
        ):
            problems.append(f"an image with alternates, OPI or interpolation{where}")
        if d.get("/Subtype") == "/PS" or d.get("/Subtype2") == "/PS":
            problems.append(f"a PostScript XObject{where}")
        if d.get("/Subtype") == "/Form" and {"/OPI", "/PS", "/Ref"} & set(d):
            problems.append(
                f"a form XObject with OPI, PostScript or a reference{where}"
            )
        for box in ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox"):
            if d.get("/Type") == "/Page" and isinstance(d.get(box), list):
                x0, y0, x1, y1 = (float(v) for v in d[box])
                if not (3 <= abs(x1 - x0) <= 14400 and 3 <= abs(y1 - y0) <= 14400):
                    problems.append(f"page {box} outside 3 to 14 400 units{where}")
    return problems


def _annotation_problems(pdf: PdfFile, annotation: dict, where: str) -> list[str]:
    problems = []
    subtype = annotation.get("/Subtype")
    if subtype in FORBIDDEN_ANNOTATIONS:
        return [f"a forbidden annotation {subtype}{where}"]
    if subtype == "/Popup":
        return []
    flags = int(annotation.get("/F", 0))
    if not flags & 4 or flags & (1 | 2 | 32 | 256):
        problems.append(f"annotation {subtype} not printable or hidden{where}")
    x0, y0, x1, y1 = (float(v) for v in annotation.get("/Rect", [0, 0, 0, 0]))
    appearance = pdf.get(annotation.get("/AP"))
    if subtype != "/Link" and (x1 - x0) * (y1 - y0) and not appearance:
        problems.append(f"annotation {subtype} has no appearance{where}")
    if appearance and set(appearance) != {"/N"}:
        problems.append(f"annotation {subtype} has appearances besides /N{where}")
    return problems


def _associated_file_problems(pdf: PdfFile, part: int) -> list[str]:
    """Each embedded file is an associated file: ISO 19005-3, 6.8."""
    listed = {
        item
        for _, d in pdf.dictionaries()
        for item in (pdf.get(d.get("/AF")) or [])
        if isinstance(pdf.get(d.get("/AF")), list)
    }
    problems = []
    for reference, spec in pdf.dictionaries():
        if "/EF" not in spec:
            continue
        name = text(spec.get("/UF", spec.get("/F", "?")))
        if part == 1:
            problems.append(f"PDF/A-1 embeds a file: {name}")
        if not {"/F", "/UF"} <= set(spec):
            problems.append(f"associated file {name} lacks /F or /UF")
        if spec.get("/AFRelationship") not in AF_RELATIONSHIPS:
            problems.append(f"associated file {name} has no valid /AFRelationship")
        if reference is None or reference not in listed:
            problems.append(f"associated file {name} is listed in no /AF array")
        embedded = pdf.get(pdf.get(spec["/EF"]).get("/F")) or {}
        mime = embedded.get("/Subtype")
        if not mime:
            problems.append(f"associated file {name} has no MIME type (/Subtype)")
        if part == 2 and mime != "/application/pdf":
            problems.append(f"PDF/A-2 embeds a file that is not a PDF: {name}")
        if "/ModDate" not in (pdf.get(embedded.get("/Params")) or {}):
            problems.append(f"associated file {name} has no /Params /ModDate")
    return problems
