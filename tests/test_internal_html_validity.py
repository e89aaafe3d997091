"""Every page a signed-in user can reach is valid HTML according to the Nu HTML
Checker (vnu), with no errors and no warnings, and answers 200.

As in the browser's accessibility walk, the pages are found by following the
site's own links, as each demo role, from the start page and Mina möten.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest

from tests.checks import vnu_problems
from tests.internal_pages import (
    MAX_PAGES_PER_ROLE,
    ROLES,
    SKIP,
    load_working_site,
    page_type,
)

pytestmark = pytest.mark.django_db


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def site_links(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        parts = urlsplit(urldefrag(href)[0])
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        if SKIP.search(parts.path):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def test_internal_pages_are_valid_html(client, tmp_path):
    """vnu reports no errors and no warnings on any page a role reaches."""
    from council.models import User

    load_working_site()
    files: dict[str, str] = {}
    statuses: dict[str, int] = {}
    checked: set[str] = set()
    for role in ROLES:
        client.force_login(User.objects.get(username=role))
        queue, seen = ["/", "/mina-moten/"], set()
        while queue and len(seen) < MAX_PAGES_PER_ROLE:
            path = queue.pop(0)
            kind = page_type(urlsplit(path).path)
            if kind in seen:
                continue
            seen.add(kind)
            response = client.get(path)
            if response.status_code != 200:
                statuses[f"{role} {path}"] = response.status_code
                continue
            if not response.get("Content-Type", "").startswith("text/html"):
                continue
            html = response.content.decode()
            queue.extend(site_links(html))
            if kind in checked:
                continue
            checked.add(kind)
            target = tmp_path / f"page{len(files)}.html"
            target.write_text(html)
            files[str(target)] = f"{role} {path}"
        client.logout()
    assert statuses == {}
    assert len(files) >= 25, sorted(files.values())
    assert vnu_problems(files, css=True) == []
