"""The walk's parts: every URL pattern of the resolver with its argument names,
the hostile values, the query parameters the views read, the forms a page posts,
and the list of answers of 500 that a failing walk prints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from tests.admin_helpers import RenderedForm, rendered_forms

# What a hostile client sends where an id, a slug or a word is expected.
HOSTILE: list[str] = [
    "\x00",
    "1\x00",
    "١٢٣",  # Arabic-Indic digits: str.isdigit() says yes, int() too
    "１２",  # fullwidth digits
    "²",
    "9999999999999999999999",
    "-1",
    "0",
    "1.5",
    "1e3",
    " 1",
    "x" * 3000,
    "../../../etc/passwd",
    "'\"; DROP TABLE x; --",
    "<script>alert(1)</script>",
    "Åsa Öberg 😀",
    "\ufeff",
    "%",
    "",
]

# One value of each kind, for the places where every value costs a full page
# (query strings, form fields): NUL, non-ASCII digits, overflow, negative,
# decimal, long, SQL-ish, a list, empty.
SHORT: list[str] = [
    "\x00",
    "١٢٣",
    "9999999999999999999999",
    "-1",
    "1.5",
    "x" * 3000,
    "'\"; DROP TABLE x; --",
    "a,b",
    "",
]

# Arrays and odd names in a query string.
ARRAY_QUERIES: list[list[tuple[str, str]]] = [
    [("x[]", "1"), ("x[]", "2")],
]

# Names for the unnamed groups of a regex pattern (django-simple-history's
# "<object_id>/history/<version_id>/").
POSITIONAL = ("object_id", "version_id")

PROJECT_DIRS = ("council", "meetings", "plans", "networks")


@dataclass(frozen=True)
class Route:
    """One URL pattern: its full template, its name and its argument names."""

    template: str
    name: str
    names: tuple[str, ...]
    regex: bool

    @property
    def prefix(self) -> str:
        return self.template.split("/", 1)[0]

    def fill(self, values: dict[str, object]) -> str:
        """The path with `values` in place of the arguments, each percent-encoded."""

        def value(match: re.Match) -> str:
            return quote(str(values.get(match["name"], "1")), safe="")

        if self.regex:
            groups = iter(self.names)

            def positional(match: re.Match) -> str:
                name = match["name"] or next(groups)
                return quote(str(values.get(name, "1")), safe="")

            path = re.sub(
                r"\((?:\?P<(?P<name>\w+)>)?[^)]*\)", positional, self.template
            )
            path = path.replace("^", "").replace("$", "").replace("\\", "")
        else:
            path = re.sub(r"<(?:\w+:)?(?P<name>\w+)>", value, self.template)
        return "/" + path


def _join(prefix: str, pattern: object) -> tuple[str, bool]:
    regex = not isinstance(pattern, RoutePattern)
    text = str(pattern)
    if regex:
        text = text.lstrip("^")
    return prefix + text, regex


def routes() -> list[Route]:
    """Every URL pattern of the project, the admin's included, depth first."""
    found: list[Route] = []

    def walk(patterns: list, prefix: str, namespace: str, regex: bool) -> None:
        for entry in patterns:
            template, is_regex = _join(prefix, entry.pattern)
            if isinstance(entry, URLResolver):
                inner = (
                    f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                )
                walk(entry.url_patterns, template, inner, regex or is_regex)
            elif isinstance(entry, URLPattern):
                names = (
                    tuple(entry.pattern.regex.groupindex)
                    or POSITIONAL[: entry.pattern.regex.groups]
                )
                found.append(
                    Route(
                        template=template,
                        name=f"{namespace}{entry.name}",
                        names=tuple(re.findall(r"<(?:\w+:)?(\w+)>", template))
                        if not (regex or is_regex)
                        else names,
                        regex=regex or is_regex,
                    )
                )

    walk(get_resolver().url_patterns, "", "", False)
    return found


def query_names() -> list[str]:
    """The query parameters the project's views and templates read, by name."""
    base = Path(settings.BASE_DIR)
    names: set[str] = set()
    pattern = re.compile(
        r"""GET(?:\.get|\.getlist)?[(\[]\s*["'](\w+)["']|["'](\w+)["']\s+in\s+request\.GET"""
    )
    for folder in PROJECT_DIRS:
        for source in (base / folder).rglob("*.py"):
            for match in pattern.finditer(source.read_text()):
                names.add(match[1] or match[2])
    return sorted(names)


def hostile_queries(names: list[str]) -> list[str]:
    """Query strings: every name with each short hostile value, then arrays."""
    queries = [urlencode([(name, value) for name in names]) for value in SHORT]
    queries.append(urlencode([(name, value) for name in names for value in "ab"]))
    queries += [urlencode(pairs) for pairs in ARRAY_QUERIES]
    queries.append("%ZZ=%E0%A4%A")  # broken percent-encoding
    return queries


def post_forms(html: str) -> list[RenderedForm]:
    """The page's POST forms, with the values a browser would submit."""
    return [form for form in rendered_forms(html) if form.method == "post"]


# Field names a walk keeps as rendered: the CSRF token and formset bookkeeping.
KEPT = re.compile(r"csrfmiddlewaretoken|.*-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$")


def hostile_bodies(data: dict[str, list[str]]) -> list[dict[str, list[str]]]:
    """The form as rendered, then with every field given each hostile value."""
    bodies = [data]
    for value in SHORT:
        bodies.append(
            {
                name: values if KEPT.fullmatch(name) else [value]
                for name, values in data.items()
            }
        )
    return bodies


@dataclass
class Findings:
    """Every answer of 500 or more, for one assertion message.

    `elsewhere` marks the URL names whose failures another change mends; they
    still fail the walk, flagged so that the reader sees whose they are.
    """

    elsewhere: dict[str, str] = field(default_factory=dict)
    rows: list[str] = field(default_factory=list)
    requests: int = 0

    def check(
        self,
        client: Client,
        method: str,
        url: str,
        role: str,
        route: Route,
        data: dict | None = None,
    ) -> object:
        """Send one request inside a savepoint that is rolled back afterwards, so
        that a POST leaves the world as it was for the next one."""
        self.requests += 1
        session = client.cookies.get(settings.SESSION_COOKIE_NAME)
        with transaction.atomic():
            if method == "GET":
                response = client.get(url)
            else:
                response = client.post(url, data or {})
            transaction.set_rollback(True)
        # A login or logout inside the savepoint is gone with it: the client
        # keeps the session it had.
        if session is not None:
            client.cookies[settings.SESSION_COOKIE_NAME] = session.value
        if response.status_code >= 500:
            mark = self.elsewhere.get(route.name)
            shown = url if len(url) < 200 else url[:200] + "…"
            keys = f" fields={sorted(data)[:8]}" if data else ""
            error = getattr(response, "exc_info", None)
            cause = f" {error[0].__name__}: {str(error[1])[:160]}" if error else ""
            self.rows.append(
                f"{response.status_code} {method} {shown} as {role}"
                f" [{route.name}]{keys}{cause}"
                + (f"  <-- KNOWN, mended elsewhere: {mark}" if mark else "")
            )
        return response

    def report(self) -> str:
        distinct = sorted(set(self.rows))
        return (
            f"{len(distinct)} answers of 500 in {self.requests} requests:\n"
            + "\n".join(distinct)
        )
