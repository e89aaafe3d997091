"""The Content-Security-Policy holds in Chromium: the key pages, public, the
secretary's protokoll pages (the editor with its live preview) and the admin,
load without a single violation in the console."""

from __future__ import annotations

import re

import pytest
from django.conf import settings

from tests.browser.test_protocol_accessibility import start_protocol
from tests.browser.test_protocol_journey import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(live_server):
    from django.core.management import call_command

    call_command("load_demo", allow_production=True, verbosity=0)
    return live_server


def test_key_pages_load_without_csp_violations(page, demo_site):
    from meetings.models import Protocol

    site = demo_site
    console: list[str] = []
    page.on("console", lambda message: console.append(f"{page.url}: {message.text}"))
    page.on("pageerror", lambda error: console.append(f"{page.url}: {error}"))
    visited: list[str] = []

    def visit(path: str) -> None:
        response = page.goto(site.url + path)
        assert response.status < 400, path
        assert "default-src 'self'" in response.headers["content-security-policy"]
        visited.append(path)

    published = Protocol.objects.filter(state=Protocol.State.PUBLISHED).first()
    for path in [
        "/",
        "/protokoll/",
        f"/protokoll/{published.pk}/",
        "/tillganglighet/",
        "/sok/?q=kompetens",
        "/logga-in/",
    ]:
        visit(path)

    protocol_id = start_protocol(page, site)
    visit(f"/protokoll/{protocol_id}/utkast/")
    # The live preview: fetched and put into the page by the editor's script.
    page.locator("textarea[name$='-text']").first.fill("Förhandsvisningen *fungerar*.")
    page.wait_for_timeout(1200)
    assert "Förhandsvisningen" in page.locator("#preview").inner_text()
    visit(f"/protokoll/{protocol_id}/granska/")
    visit(f"/protokoll/{protocol_id}/historik/")
    visit("/protokoll/oversikt/")
    log_out(page)

    log_in(page, site, "admin")
    for path in [
        "/admin/",
        "/admin/meetings/protocol/",
        f"/admin/meetings/protocol/{protocol_id}/change/",
        f"/admin/meetings/protocol/{protocol_id}/history/",
        "/admin/council/body/add/",
        "/admin/axes/accessattempt/",
    ]:
        visit(path)

    violations = [text for text in console if "Content Security Policy" in text]
    assert violations == [], violations
    assert len(visited) >= 14
    assert settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"] == ["'self'"]
    assert not [t for t in console if re.search(r"Uncaught|TypeError", t)], console
