"""Files to upload in tests, benign and hostile, built here byte by byte."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.writer import PageObject, PdfFileWriter


def pdf_document(
    *, note: str = "", catalog: bytes = b"", extra: Iterable[bytes] = ()
) -> bytes:
    """A small valid one-page PDF with a correct cross-reference table. `catalog`
    adds entries to the catalog; `extra` objects are numbered from 4 on."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        *extra,
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    if note:
        out += b"% " + note.encode() + b"\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


PDF = pdf_document(note="Underlag")
PDF_JAVASCRIPT = pdf_document(
    catalog=b"/OpenAction 4 0 R",
    extra=[b"<< /Type /Action /S /JavaScript /JS (app.alert\\(1\\)) >>"],
)
# The same, spelled with #xx escapes in the names.
PDF_JAVASCRIPT_ESCAPED = pdf_document(
    catalog=b"/OpenAction << /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>"
)
PDF_LAUNCH = pdf_document(
    catalog=b"/OpenAction << /S /Launch /F (C:\\\\Windows\\\\calc.exe) >>"
)
PDF_EMBEDDED = pdf_document(
    catalog=b"/Names << /EmbeddedFiles << /Names [(verktyg.exe) 4 0 R] >> >>",
    extra=[
        b"<< /Type /Filespec /F (verktyg.exe) /EF << /F 5 0 R >> >>",
        b"<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream",
    ],
)
# A PDF that is also a web page: its first comment is HTML.
PDF_POLYGLOT = pdf_document(note="<html><script>alert(document.cookie)</script>")
HTML_THEN_PDF = b"<!DOCTYPE html><html><body>hej</body></html>\n" + PDF


def pdf_with_javascript_in_object_stream() -> bytes:
    """An OpenAction running JavaScript, the action kept in a compressed object
    stream: the words never appear in the file's bytes."""
    writer = PdfFileWriter(stream_xrefs=True)
    writer.insert_page(
        PageObject(
            contents=writer.add_object(generic.StreamObject(stream_data=b"")),
            media_box=generic.ArrayObject(map(generic.NumberObject, (0, 0, 595, 842))),
        )
    )
    stream = writer.prepare_object_stream()
    action = writer.add_object(
        generic.DictionaryObject(
            {
                generic.NameObject("/S"): generic.NameObject("/JavaScript"),
                generic.NameObject("/JS"): generic.TextStringObject("app.alert(1)"),
            }
        ),
        obj_stream=stream,
    )
    writer.root[generic.NameObject("/OpenAction")] = action
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


WORD_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
    'openxmlformats.org/package/2006/content-types"><Override PartName="/word/'
    'document.xml" ContentType="%s"/></Types>'
)
WORD_MAIN = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)
WORD_MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"


def office_file(
    folder: str = "word/", *, parts: dict[str, bytes] | None = None, main: str = ""
) -> bytes:
    """A minimal Office Open XML zip: the content types, the relations and one
    document part in `folder`, plus any `parts`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", WORD_TYPES % (main or WORD_MAIN))
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr(f"{folder}document.xml", "<w:document/>")
        for name, data in (parts or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = office_file()


def swollen_office_file(unpacked: int) -> bytes:
    """A docx with one part of `unpacked` zero bytes, written in pieces: 200 MiB
    packs to about 200 KiB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(
        buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1
    ) as archive:
        archive.writestr("[Content_Types].xml", WORD_TYPES % WORD_MAIN)
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/image1.bin", "w", force_zip64=True) as part:
            piece = bytes(4 * 1024 * 1024)
            for start in range(0, unpacked, len(piece)):
                part.write(piece[: unpacked - start])
    return buffer.getvalue()


def crowded_office_file(members: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", WORD_TYPES % WORD_MAIN)
        archive.writestr("word/document.xml", "<w:document/>")
        for n in range(members):
            archive.writestr(f"word/p{n}.xml", "")
    return buffer.getvalue()


def multipart_upload(fields: dict[str, str], *, name: str, data: bytes) -> tuple:
    """A multipart body as a browser sends it, the file name unshortened (the
    test client's own files cut names at 255 characters)."""
    boundary = "formularGräns4711".encode("ascii", "ignore").decode()
    body = b""
    for key, value in fields.items():
        body += (
            f"--{boundary}\r\nContent-Disposition: form-data; "
            f'name="{key}"\r\n\r\n{value}\r\n'
        ).encode()
    body += (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
        f'filename="{name}"\r\nContent-Type: application/pdf\r\n\r\n'
    ).encode()
    body += data + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"
