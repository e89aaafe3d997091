"""Every upload passes one check (council/uploads): by content, without active
content, within sane sizes, with a clear Swedish reason when refused."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
import weasyprint
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from council.uploads import inspect_upload, safe_filename, served_content_type
from council.uploads.office import MAX_MEMBERS
from tests import upload_files as files

LIMIT = 25 * 1024 * 1024


def inspect(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return inspect_upload(SimpleUploadedFile(name, data, content_type), max_bytes=LIMIT)


def refusal(name: str, data: bytes, **kwargs) -> str:
    with pytest.raises(ValidationError) as caught:
        inspect(name, data, **kwargs)
    return " ".join(caught.value.messages)


def test_a_weasyprint_pdf_and_a_plain_docx_pass():
    pdf = weasyprint.HTML(string="<h1>Underlag för Örebro län</h1>").write_pdf()
    assert inspect("underlag.pdf", pdf).extension == "pdf"
    assert inspect("rapport.docx", files.DOCX).extension == "docx"
    assert inspect("bilder.pptx", files.office_file("ppt/")).extension == "pptx"
    assert inspect("budget.xlsx", files.office_file("xl/")).extension == "xlsx"


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (files.PDF_JAVASCRIPT, "innehåller JavaScript"),
        (files.PDF_JAVASCRIPT_ESCAPED, "innehåller JavaScript"),
        (files.PDF_LAUNCH, "innehåller en åtgärd som startar andra program"),
        (files.PDF_EMBEDDED, "innehåller inbäddade filer eller media"),
    ],
)
def test_pdf_with_active_content_is_refused(data, what):
    message = refusal("underlag.pdf", data)
    assert f"PDF-filen ”underlag.pdf” {what} och tas inte emot." in message
    assert "Spara den som en vanlig PDF" in message


def test_javascript_in_a_compressed_object_stream_is_found_by_the_parser():
    data = files.pdf_with_javascript_in_object_stream()
    assert b"JavaScript" not in data and b"/JS" not in data
    assert "innehåller JavaScript" in refusal("underlag.pdf", data)


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\nnothing else\n",
        files.PDF[:200],
        b"%PDF-1.4\n" + bytes(range(256)) * 40,
    ],
)
def test_a_file_starting_like_a_pdf_but_unreadable_is_refused(data):
    assert "går inte att läsa som PDF" in refusal("underlag.pdf", data)


def test_a_file_called_pdf_that_is_something_else_is_refused():
    png = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + bytes(64)
    assert "går inte att läsa som PDF" in refusal("karta.pdf", png)
    assert "går inte att läsa som PDF" in refusal(
        "karta", png, content_type="application/pdf"
    )
    assert inspect("karta.png", png).extension == "png"


@pytest.mark.parametrize(
    "data", [files.PDF_POLYGLOT, files.HTML_THEN_PDF, b"GIF89a<svg onload=alert(1)>"]
)
def test_a_file_that_is_also_a_web_page_is_refused(data):
    assert "innehåller kod för webbsidor (HTML)" in refusal("underlag.pdf", data)


@pytest.mark.parametrize(
    "name", ["rapport.docm", "budget.xlsm", "bilder.pptm", "mall.dotm", "RAPPORT.DOCM"]
)
def test_macro_enabled_formats_are_refused_by_name(name):
    message = refusal(name, files.DOCX)
    assert "innehåller makron och tas inte emot" in message


@pytest.mark.parametrize(
    "data",
    [
        files.office_file(parts={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"}),
        files.office_file(parts={"customXml/deep/VBAPROJECT.BIN": b"x"}),
        files.office_file(main=files.WORD_MACRO_MAIN),
    ],
)
def test_a_docx_holding_macros_is_refused(data):
    assert "innehåller makron" in refusal("rapport.docx", data)


def test_a_docx_holding_activex_is_refused():
    data = files.office_file(parts={"word/activeX/activeX1.xml": b"<ax/>"})
    assert "innehåller ActiveX-kontroller" in refusal("rapport.docx", data)


@pytest.mark.parametrize("name", ["gammal.doc", "gammal.xls", "gammal.ppt", "x.pdf"])
def test_old_binary_office_files_are_refused_with_advice(name):
    ole2 = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(512)
    message = refusal(name, ole2)
    assert "äldre Office-format" in message
    assert "Spara den som PDF eller i det nyare formatet" in message


def test_a_docx_that_unpacks_to_200_mib_is_refused_without_unpacking_it():
    started = time.monotonic()
    data = files.swollen_office_file(200 * 1024 * 1024)
    assert len(data) < 1024 * 1024
    message = refusal("rapport.docx", data)
    assert "blir 200,0\xa0MB när den packas upp; mer än 100,0\xa0MB" in message
    assert time.monotonic() - started < 20


def test_a_part_that_grows_over_a_hundred_times_is_refused():
    data = files.swollen_office_file(5 * 1024 * 1024)
    assert "växer mer än 100 gånger" in refusal("rapport.docx", data)


def test_a_zip_with_too_many_parts_is_refused():
    data = files.crowded_office_file(MAX_MEMBERS)
    assert "består av för många delar" in refusal("rapport.docx", data)


def test_a_plain_zip_is_not_an_office_file():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("virus.exe", b"MZ")
    assert "inte av en tillåten filtyp" in refusal("arkiv.docx", buffer.getvalue())


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a" * 1000 + ".pdf", "a" * 96 + ".pdf"),
        ("Protokoll för Örebro län " * 40 + ".docx", None),
        ("x" * 1000, "x" * 100),
    ],
)
def test_long_names_are_shortened_keeping_the_extension(raw, expected):
    name = safe_filename(raw)
    assert len(name) <= 100
    if expected:
        assert name == expected
    else:
        assert name.endswith(".docx") and name.startswith("Protokoll för Örebro län")


def test_served_type_is_the_servers_own():
    assert served_content_type("application/pdf") == "application/pdf"
    assert served_content_type("text/html") == "application/octet-stream"
    assert served_content_type("") == "application/octet-stream"
