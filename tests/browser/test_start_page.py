"""The public start page and the login in a real browser (Chromium)."""

import pytest
from django.conf import settings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(live_server):
    from django.core.management import call_command

    call_command("load_demo", allow_production=True, verbosity=0)
    return live_server


def test_visitor_reads_start_page_and_member_logs_in(page, demo_site, tmp_path):
    """A visitor sees the council's members; a member logs in and out by keyboard."""
    page.goto(demo_site.url + "/")
    assert page.locator("h1").inner_text().startswith("Specifikt samverkansråd")
    vice = page.get_by_text("Håkan Söderman (M)")
    assert vice.is_visible()
    assert "vice ordförande, Lekebergs kommun" in vice.locator("..").inner_text()

    # The skip link is the first stop for keyboard users and moves focus to main.
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"

    page.get_by_role("link", name="Logga in").click()
    page.get_by_label("Användarnamn").fill("ledamot")
    page.get_by_label("Lösenord").fill(settings.DEMO_PASSWORD)
    page.get_by_label("Lösenord").press("Enter")
    page.wait_for_url(demo_site.url + "/")
    logout = page.get_by_role("button", name="Logga ut (Linda Svahn)")
    assert logout.is_visible()
    page.screenshot(path=str(tmp_path / "start-logged-in.png"), full_page=True)
    logout.click()
    assert page.get_by_role("link", name="Logga in").is_visible()


def test_start_page_fits_a_narrow_screen(page, demo_site):
    """At 320 px nothing scrolls sideways."""
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(demo_site.url + "/")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
