"""In Chromium: the secretary's session runs out while she types in the protokoll
editor; Spara sends her to the login page and, logged in again, her text is back
in the editor, not yet saved."""

from __future__ import annotations

import re
import time

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from playwright.sync_api import expect

from council.middleware import LAST_ACTIVITY_KEY
from tests.browser.test_protocol_accessibility import start_protocol

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TYPED = "Detta skrevs medan sessionen gick ut och får inte försvinna."


@pytest.fixture
def demo_site(live_server):
    from django.core.management import call_command

    call_command("load_demo", allow_production=True, verbosity=0)
    return live_server


def test_text_typed_when_the_session_ran_out_comes_back_after_login(page, demo_site):
    from meetings.models import Paragraph

    site = demo_site
    protocol_id = start_protocol(page, site)
    field = page.locator("textarea[name$='-text']").nth(2)
    field.fill(TYPED)

    cookie = next(c for c in page.context.cookies() if c["name"] == "sessionid")
    session = SessionStore(session_key=cookie["value"])
    session[LAST_ACTIVITY_KEY] = int(time.time()) - settings.SESSION_IDLE_SECONDS - 5
    session.save()

    page.get_by_role("button", name="Spara utkastet").click()
    page.wait_for_url(re.compile(r"/logga-in/\?next="))
    assert "det du skrev i protokollet finns kvar" in page.content()
    assert not Paragraph.objects.filter(protocol_id=protocol_id, text=TYPED).exists()

    page.get_by_label("Användarnamn").fill("sekreterare")
    page.get_by_label("Lösenord").fill(settings.DEMO_PASSWORD)
    page.get_by_label("Lösenord").press("Enter")
    page.wait_for_url(re.compile(rf"/protokoll/{protocol_id}/utkast/$"))
    assert page.locator("textarea[name$='-text']").nth(2).input_value() == TYPED
    assert "återställd i formuläret nedan men är inte sparad" in page.content()

    page.get_by_role("button", name="Spara utkastet").click()
    expect(page.locator("#editor-announce")).to_contain_text("Utkastet är sparat")
    assert Paragraph.objects.filter(protocol_id=protocol_id, text=TYPED).exists()
