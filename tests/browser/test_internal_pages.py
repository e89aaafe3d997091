"""Every page a signed-in user can reach passes axe-core's WCAG 2.1 A/AA rules at
1280 and 320 px, never scrolls sideways at 320 px, and answers 200.

The pages are not listed by hand: each demo role logs in and follows every link
of the site from the start page and Mina möten, so a new internal page is
checked as soon as anything links to it. The demo data gets what the daily work
has at any time: a held meeting with a protokoll being written and one with a
protokoll out for justering.
"""

from __future__ import annotations

import re
from urllib.parse import urldefrag, urlsplit

import pytest
from django.conf import settings

from tests.browser.test_accessibility import axe_violations
from tests.internal_pages import (
    MAX_PAGES_PER_ROLE,
    ROLES,
    SKIP,
    load_working_site,
    page_type,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def working_site(live_server):
    load_working_site()
    return live_server


def log_in(page, site, username: str) -> None:
    page.context.clear_cookies()
    page.goto(site.url + "/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(re.compile(re.escape(site.url) + r"/(\?.*)?$"))


def links(page, origin: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    found = []
    for href in hrefs:
        url, _ = urldefrag(href)
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != origin or SKIP.search(parts.path):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def test_every_internal_page_is_accessible_and_fits_320_px(page, working_site):
    """Each role walks the site; every page it reaches answers 200, has no axe
    violation at 1280 or 320 px and no sideways scroll at 320 px."""
    site = working_site
    failures: dict[str, object] = {}
    checked: set[str] = set()
    visited_per_role: dict[str, int] = {}
    for role in ROLES:
        page.set_viewport_size({"width": 1280, "height": 900})
        log_in(page, site, role)
        queue = ["/", "/mina-moten/"]
        seen: set[str] = set()
        while queue and len(seen) < MAX_PAGES_PER_ROLE:
            path = queue.pop(0)
            kind = page_type(urlsplit(path).path)
            if kind in seen:
                continue
            seen.add(kind)
            page.set_viewport_size({"width": 1280, "height": 900})
            response = page.goto(site.url + path)
            if response is None or response.status != 200:
                failures[f"{role} {path}"] = response.status if response else None
                continue
            if not response.headers.get("content-type", "").startswith("text/html"):
                continue  # a document behind a page-like address
            queue.extend(links(page, site.url))
            if kind in checked:
                continue
            checked.add(kind)
            for width in (1280, 320):
                page.set_viewport_size({"width": width, "height": 900})
                violations = axe_violations(page)
                if violations:
                    failures[f"{role} {path} @ {width}px"] = violations
            overflow = page.evaluate(
                "document.documentElement.scrollWidth"
                " - document.documentElement.clientWidth"
            )
            if overflow > 0:
                failures[f"{role} {path} @ 320px scrolls sideways"] = overflow
        visited_per_role[role] = len(seen)
    assert not failures, failures
    # The walk reached the daily work, not only the public pages.
    for expected in ("/protokoll/N/utkast/", "/protokoll/N/granska/", "/mina-moten/"):
        assert expected in checked, sorted(checked)
    assert visited_per_role["sekreterare"] >= 15, visited_per_role
