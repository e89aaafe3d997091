"""Typed text: Markdown rendered to HTML and sanitised, the same everywhere."""

import html
import re

import markdown
import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "h3",
    "h4",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "code",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}


def render_markdown(text: str) -> str:
    """Render Markdown to sanitised HTML; raw HTML in the text never survives."""
    html = markdown.markdown(text or "", extensions=["sane_lists", "tables"])
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


# Inline markup joins the text it wraps; any other tag separates words.
_INLINE_TAG = re.compile(r"</?(?:a|strong|em|code|b|i)(?:\s[^>]*)?>")
_TAG = re.compile(r"<[^>]*>")


def markdown_to_text(text: str) -> str:
    """The words of a Markdown text as plain text, one space between them, for
    snippets that are escaped when shown: "**lägesbilden**" reads "lägesbilden".

    Typed HTML is not markup here: "<b>" stays the text "<b>".
    """
    rendered = markdown.markdown(
        (text or "").replace("<", "&lt;"), extensions=["sane_lists", "tables"]
    )
    words = _TAG.sub(" ", _INLINE_TAG.sub("", rendered))
    return " ".join(html.unescape(words).split())


# The largest id a database key holds (a signed 64-bit integer).
MAX_ID = 2**63 - 1


def id_or_none(text: str) -> int | None:
    """An id typed into a URL or a form, or None: only ASCII digits within the
    range of a key count ("²" is a digit to str.isdigit, but int() refuses it)."""
    if text.isascii() and text.isdigit() and int(text) <= MAX_ID:
        return int(text)
    return None


def year_or_none(text: str) -> int | None:
    """A year typed into a URL (1–9999, what a date holds), or None."""
    year = id_or_none(text)
    return year if year is not None and 1 <= year <= 9999 else None
