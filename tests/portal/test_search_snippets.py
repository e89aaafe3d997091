"""Search snippets are plain text: Markdown shows as the words it marks up, the
matches are highlighted, and nothing typed becomes markup."""

import pytest

from council.portal.search import search
from council.text import markdown_to_text
from meetings.models import Protocol
from tests import factories

pytestmark = pytest.mark.django_db


def _published_paragraph(text: str, heading: str = "Lägesbilden i länet") -> None:
    council = factories.BodyFactory(short_name="Rådet")
    protocol = factories.ProtocolFactory(
        meeting__body=council, state=Protocol.State.PUBLISHED
    )
    factories.ParagraphFactory(protocol=protocol, order=1, heading=heading, text=text)


def test_markdown_becomes_plain_text():
    text = (
        "Vi gick igenom **lägesbilden** och _nästa steg_.\n\n"
        "- en [länk](https://example.se/)\n- `kod`\n\n> citat"
    )
    assert markdown_to_text(text) == (
        "Vi gick igenom lägesbilden och nästa steg. en länk kod citat"
    )


def test_typed_html_stays_text():
    assert markdown_to_text("Se <b>fet</b> & <script>x()</script>") == (
        "Se <b>fet</b> & <script>x()</script>"
    )


def test_a_snippet_shows_no_raw_markdown_and_marks_the_word(client):
    _published_paragraph("Rådet fick **lägesbilden** från alla *kommuner* i dag.")
    [hit] = [h for h in search("lägesbilden").hits if h.kind == "Protokoll"]
    assert "**" not in hit.snippet and "*" not in hit.snippet
    assert "<mark>lägesbilden</mark>" in hit.snippet
    assert "kommuner i dag." in hit.snippet

    html = client.get("/sok/", {"q": "lägesbilden"}).content.decode()
    assert "<mark>lägesbilden</mark>" in html
    assert "**" not in html


def test_a_snippet_escapes_what_looks_like_html(db):
    _published_paragraph("**Lägesbilden** <img src=x onerror=alert(1)> i länet.")
    [hit] = [h for h in search("lägesbilden").hits if h.kind == "Protokoll"]
    assert "<img" not in hit.snippet
    assert "&lt;img" in hit.snippet
    assert "<mark>Lägesbilden</mark>" in hit.snippet
