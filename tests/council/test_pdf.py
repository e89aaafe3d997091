"""The shared PDF renderer: PDF/A-3a and PDF/UA-1, tagged, A4, letterhead, embedded fonts, and
no fetching of anything but the portal's own static files. Under the production
static storage it serves the manifest's hashed names; a stylesheet or font it
cannot load stops the document.
"""

from __future__ import annotations

import http.server
import logging
import re
import subprocess
import threading

import pytest
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.test import override_settings

from council.models import Membership
from council.pdf import PdfResourceError, StaticOnlyFetcher, render_pdf
from tests import factories

pytestmark = pytest.mark.django_db


LOCMEM_TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {
            "loaders": [
                (
                    "django.template.loaders.locmem.Loader",
                    {
                        "letter.html": (
                            '{% extends "pdf/base.html" %}{% block content %}'
                            "<h1>Kallelse</h1><p>{{ text }}</p>"
                            "{% for n in rows %}<p>Rad {{ n }} av texten.</p>{% endfor %}"
                            "{{ raw|safe }}{% endblock %}"
                        ),
                    },
                ),
                "django.template.loaders.filesystem.Loader",
            ],
            "context_processors": [],
        },
        "DIRS": [settings.BASE_DIR / "templates"],
    }
]


def tool(*args: str, data: bytes | None = None) -> str:
    result = subprocess.run(args, input=data, capture_output=True, check=True)
    return result.stdout.decode("utf-8", "replace")


@pytest.fixture
def body():
    body = factories.BodyFactory(
        name="Specifikt samverkansråd för skola", office="Förv. Regional utveckling"
    )
    person = factories.PersonFactory(name="Anna Elverskog")
    factories.MembershipFactory(
        person=person, body=body, role=Membership.Role.SECRETARY
    )
    return body


@pytest.fixture
def pdf_file(tmp_path, body):
    with override_settings(TEMPLATES=LOCMEM_TEMPLATES):
        data = render_pdf(
            template_name="letter.html",
            context={"body": body, "text": "Välkommen till mötet.", "rows": range(90)},
            title="Kallelse till sammanträde",
        )
    path = tmp_path / "letter.pdf"
    path.write_bytes(data)
    return path


def test_pdf_is_tagged_a4_with_title(pdf_file):
    """pdfinfo: tagged, A4, the title in the metadata; qpdf finds no errors."""
    info = tool("pdfinfo", str(pdf_file))
    assert "Tagged:          yes" in info
    assert "595.28 x 841.89 pts (A4)" in info or "(A4)" in info
    assert "Title:           Kallelse till sammanträde" in info
    assert "No syntax or stream encoding errors" in tool(
        "qpdf", "--check", str(pdf_file)
    )


def test_pdf_claims_pdfa_3a_and_pdfua_1_in_xmp(pdf_file):
    """The XMP metadata says PDF/A part 3, conformance A, and PDF/UA part 1
    (declared by a PDF/A extension schema); the language is sv-SE."""
    xmp = tool("pdfinfo", "-meta", str(pdf_file))
    assert re.search(r"pdfaid:part(=\"|>)3", xmp)
    assert re.search(r"pdfaid:conformance(=\"|>)A", xmp)
    assert re.search(r"pdfuaid:part(=\"|>)1", xmp)
    assert "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in xmp
    assert "/Lang (sv-SE)" in tool(
        "qpdf", "--qdf", "--object-streams=disable", str(pdf_file), "-"
    )


def test_fonts_are_noto_sans_and_embedded(pdf_file):
    """Every font is Noto Sans and embedded."""
    lines = tool("pdffonts", str(pdf_file)).splitlines()[2:]
    assert lines
    for line in lines:
        assert "Noto-Sans" in line or "NotoSans" in line
        assert " yes " in line  # the emb column


def test_letterhead_and_page_numbers_on_every_page(pdf_file):
    """Each page has the body's name, tjänsteställe, sekreterare and Sida N (M)."""
    pages = tool("pdftotext", "-layout", str(pdf_file), "-").split("\f")
    pages = [page for page in pages if page.strip()]
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert "Specifikt samverkansråd för skola" in page
        assert "Region Örebro län och länets kommuner" in page
        assert "Förv. Regional utveckling" in page
        assert "Anna Elverskog" in page
        assert f"Sida {number} ({len(pages)})" in page


def test_draft_is_watermarked(tmp_path, body):
    """A draft carries UTKAST; a final document does not."""
    with override_settings(TEMPLATES=LOCMEM_TEMPLATES):
        draft = render_pdf(
            template_name="letter.html",
            context={"body": body, "text": "x", "rows": []},
            title="Utkast",
            draft=True,
        )
        final = render_pdf(
            template_name="letter.html",
            context={"body": body, "text": "x", "rows": []},
            title="Slutlig",
        )
    assert "UTKAST" in tool("pdftotext", "-", "-", data=draft)
    assert "UTKAST" not in tool("pdftotext", "-", "-", data=final)


def test_renderer_fetches_nothing_but_static_files(body):
    """file:///etc/passwd and a remote URL in the text are not fetched."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the stdlib's name
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { color: red }")

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    remote = f"http://127.0.0.1:{server.server_port}"
    raw = (
        f'<img src="file:///etc/passwd" alt="">'
        f'<img src="{remote}/bild.png" alt="">'
        f'<object data="file:///etc/passwd"></object>'
        f'<p style="background: url(file:///etc/hostname)">text</p>'
    )
    stylesheet = f'<link rel="stylesheet" href="{remote}/stil.css">'
    fetcher = StaticOnlyFetcher()
    try:
        with override_settings(TEMPLATES=LOCMEM_TEMPLATES):
            data = render_pdf(
                template_name="letter.html",
                context={"body": body, "text": "x", "rows": [], "raw": raw},
                title="Test",
                fetcher=fetcher,
            )
            # A stylesheet from elsewhere is not fetched either, and the document
            # is not issued without it.
            with pytest.raises(PdfResourceError):
                render_pdf(
                    template_name="letter.html",
                    context={"body": body, "text": "x", "rows": [], "raw": stylesheet},
                    title="Test",
                )
    finally:
        server.shutdown()
    assert hits == []
    assert "root:" not in tool("pdftotext", "-", "-", data=data)
    assert any("etc/passwd" in url for url in fetcher.refused)
    assert any(remote in url for url in fetcher.refused)
    # The stylesheet and fonts of the portal itself were served.
    assert not any("/static/" in url for url in fetcher.refused)


def test_fetcher_refuses_path_traversal():
    """Only files the static finders know: no climbing out of static/."""
    fetcher = StaticOnlyFetcher()
    with pytest.raises(ValueError):
        fetcher.fetch("https://portal.invalid/static/../council/settings.py")
    with pytest.raises(ValueError):
        fetcher.fetch("https://portal.invalid/static/finns-inte.css")
    assert fetcher.fetch("https://portal.invalid/static/css/pdf.css").status == 200


ORIGIN = "https://portal.invalid/static/"


def test_fetcher_serves_manifest_names_and_refuses_the_rest(production):
    """The hashed names of the portal's stylesheet and fonts are served from their
    sources; an unknown hash, the manifest itself and anything outside are not."""

    def fetch_all() -> None:
        fetcher = StaticOnlyFetcher()
        hashed_css = staticfiles_storage.stored_name("css/pdf.css")
        hashed_font = staticfiles_storage.stored_name("fonts/NotoSans-Regular.ttf")
        assert hashed_css != "css/pdf.css"
        assert b"@font-face" in fetcher.fetch(ORIGIN + hashed_css).read()
        assert fetcher.fetch(ORIGIN + hashed_font).read()[:4] == b"\x00\x01\x00\x00"
        assert fetcher.fetch(ORIGIN + "css/pdf.css").status == 200
        refused = [
            ORIGIN + "css/pdf.0123456789ab.css",
            ORIGIN + "../council/settings.py",
            ORIGIN + "staticfiles.json",
            "https://example.se/static/css/pdf.css",
            "file:///etc/passwd",
        ]
        for url in refused:
            with pytest.raises(ValueError):
                fetcher.fetch(url)
        assert fetcher.refused == refused
        # Names of the portal's own static files that it lacks are missing parts
        # of the document; a climb out of static/ or another host is only refused.
        assert fetcher.missing == [refused[0], refused[2]]

    production(fetch_all)


BROKEN_TEMPLATES = {
    "missing-stylesheet.html": (
        '{% extends "pdf/base.html" %}{% block content %}'
        '<link rel="stylesheet" href="/static/css/finns-inte.css">'
        "<p>Text</p>{% endblock %}"
    ),
    "missing-font.html": (
        '{% extends "pdf/base.html" %}{% block content %}'
        "<style>@font-face { font-family: Saknad;"
        " src: url(/static/fonts/Saknad.ttf) }"
        " p { font-family: Saknad }</style><p>Text</p>{% endblock %}"
    ),
    "unusable-font.html": (
        '{% extends "pdf/base.html" %}{% block content %}'
        "<style>@font-face { font-family: Trasig;"
        " src: url(/static/css/pdf.css) }"
        " p { font-family: Trasig }</style><p>Text</p>{% endblock %}"
    ),
    "foreign-image.html": (
        '{% extends "pdf/base.html" %}{% block content %}'
        '<p>Text <img src="https://example.se/bild.png" alt="bild"></p>'
        "{% endblock %}"
    ),
}


@pytest.fixture
def broken_templates():
    templates = [
        {
            **settings.TEMPLATES[0],
            "APP_DIRS": False,
            "OPTIONS": {
                **settings.TEMPLATES[0]["OPTIONS"],
                "loaders": [
                    ("django.template.loaders.locmem.Loader", BROKEN_TEMPLATES),
                    "django.template.loaders.filesystem.Loader",
                    "django.template.loaders.app_directories.Loader",
                ],
            },
        }
    ]
    with override_settings(TEMPLATES=templates):
        yield


@pytest.mark.parametrize(
    "template", ["missing-stylesheet.html", "missing-font.html", "unusable-font.html"]
)
def test_a_lost_stylesheet_or_font_is_an_error(broken_templates, template, caplog):
    """Raised and logged as an error; no bytes come out."""
    with (
        caplog.at_level(logging.ERROR, logger="council.pdf"),
        pytest.raises(PdfResourceError),
    ):
        render_pdf(template_name=template, context={}, title="Trasig")
    assert any(
        record.levelno == logging.ERROR and "Trasig" in record.getMessage()
        for record in caplog.records
    )


def test_a_stale_manifest_name_is_an_error(production, broken_templates):
    """A hashed name the manifest does not know (an old deployment's) stops the
    document instead of falling back to the system fonts."""
    stale = {
        "stale.html": (
            "<!DOCTYPE html><html lang='sv'><head>"
            "<link rel='stylesheet' href='/static/css/pdf.0123456789ab.css'>"
            "</head><body><p>Text</p></body></html>"
        )
    }
    templates = [
        {
            **settings.TEMPLATES[0],
            "APP_DIRS": False,
            "OPTIONS": {
                **settings.TEMPLATES[0]["OPTIONS"],
                "loaders": [("django.template.loaders.locmem.Loader", stale)],
            },
        }
    ]

    def render() -> None:
        with override_settings(TEMPLATES=templates), pytest.raises(PdfResourceError):
            render_pdf(template_name="stale.html", context={}, title="Gammal")

    production(render)


def test_a_refused_foreign_image_does_not_stop_the_document(broken_templates):
    """Typed text cannot make the renderer fetch anything, nor can it stop a
    document: an image from outside is left out, the rest is issued."""
    fetcher = StaticOnlyFetcher()
    data = render_pdf(
        template_name="foreign-image.html", context={}, title="Bild", fetcher=fetcher
    )
    assert data.startswith(b"%PDF-")
    assert fetcher.refused == ["https://example.se/bild.png"]
    assert fetcher.missing == []


def test_pdf_keeps_the_rules_of_pdfa_3b_and_a_validator_agrees(pdf_file):
    """The rendering itself, before any signature: the PDF/A rules the portal
    relies on, and the independent validator `page`."""
    from tests.meetings.protocol.pdfa_rules import assert_pdfa
    from tests.meetings.protocol.pdfa_validator import assert_valid

    data = pdf_file.read_bytes()
    assert_pdfa(data)
    assert_valid(data)


def test_streams_are_compressed_unless_the_data_would_end_with_cr():
    """Each stream is compressed, but the XMP and one whose compressed data would
    end with CR: before `endstream` PDF/A would count that CR as part of the
    end-of-line marker."""
    import itertools
    import zlib

    import pydyf

    from council.pdf import _archival_streams

    awkward = next(
        content
        for content in (f"q {n} w Q".encode() for n in itertools.count())
        if zlib.compress(content, 9).endswith(b"\r")
    )
    pdf = pydyf.PDF()
    metadata = pydyf.Stream([b"<x:xmpmeta/>"], {"Type": "/Metadata"})
    plain, ending_cr = pydyf.Stream([b"q 1 w Q"]), pydyf.Stream([awkward])
    for stream in (metadata, plain, ending_cr):
        pdf.add_object(stream)
    pdf.catalog["Metadata"] = metadata.reference
    _archival_streams(None, pdf)
    assert (metadata.compress, plain.compress, ending_cr.compress) == (
        False,
        True,
        False,
    )
    assert not ending_cr.data.endswith(b"\r\nendstream")
