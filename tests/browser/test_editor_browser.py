"""The protokoll editor in Chromium: add, move and delete a paragraph without a
reload (and, with JavaScript off, with one); autosave keeps the text across a
reload and across an expired session; Enter never adds or removes a paragraph;
axe-core finds nothing after the page changed in place."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.browser.test_accessibility import axe_violations
from tests.browser.test_protocol_accessibility import start_protocol

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARAGRAPHS = "section.paragraph-edit"


@pytest.fixture
def demo_site(live_server):
    from django.core.management import call_command

    call_command("load_demo", allow_production=True, verbosity=0)
    return live_server


def headings(page) -> list[str]:
    return [
        re.sub(r"^§ \d+ ", "", text)
        for text in page.locator(f"{PARAGRAPHS} h2").all_inner_texts()
    ]


def wait_for_count(page, count: int) -> None:
    expect(page.locator(PARAGRAPHS)).to_have_count(count)


def test_add_move_delete_without_a_reload(page, demo_site):
    """With htmx the page stays (a marker on window survives), the focus goes to
    the new or moved paragraph, and an announcement says what was done."""
    site = demo_site
    protocol_id = start_protocol(page, site)
    page.goto(site.url + f"/protokoll/{protocol_id}/utkast/")
    page.evaluate("window.__marker = 1")
    count = page.locator(PARAGRAPHS).count()
    first = headings(page)[0]

    page.get_by_role("button", name="Ny paragraf efter § 1").click()
    wait_for_count(page, count + 1)
    assert headings(page)[1] == "Ny paragraf"
    expect(page.locator(f"{PARAGRAPHS} h2").nth(1)).to_be_focused()
    page.locator("#editor-live", has_text="en paragraf tillagd").wait_for(
        state="attached"
    )

    page.get_by_role("button", name="Flytta upp § 2").click()
    expect(page.locator(f"{PARAGRAPHS} h2").first).to_contain_text("Ny paragraf")
    assert headings(page)[:2] == ["Ny paragraf", first]

    page.get_by_role("button", name="Ta bort § 1", exact=True).click()
    wait_for_count(page, count)
    assert headings(page)[0] == first
    assert page.evaluate("window.__marker") == 1
    expect(page.locator("#paragrafer")).to_be_focused()

    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        assert axe_violations(page) == [], width


def test_add_move_delete_with_javascript_off(browser, demo_site):
    """Without JavaScript every button posts the form and the page reloads."""
    site = demo_site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    protocol_id = start_protocol(page, site)
    page.goto(site.url + f"/protokoll/{protocol_id}/utkast/")
    count = page.locator(PARAGRAPHS).count()
    first = headings(page)[0]

    page.get_by_role("button", name="Ny paragraf efter § 1").click()
    page.wait_for_url(re.compile(r"#stycke-\d+$"))
    assert page.locator(PARAGRAPHS).count() == count + 1
    assert headings(page)[1] == "Ny paragraf"

    page.get_by_role("button", name="Flytta upp § 2").click()
    page.wait_for_load_state()
    assert headings(page)[:2] == ["Ny paragraf", first]

    page.get_by_role("button", name="Ta bort § 1", exact=True).click()
    page.wait_for_load_state()
    assert page.locator(PARAGRAPHS).count() == count
    assert headings(page)[0] == first
    # The folded parts open without a script, as <details> do.
    page.locator(f"{PARAGRAPHS} summary", has_text="Uppdrag").first.click()
    assert page.get_by_label("Nytt uppdrag: vad").first.is_visible()
    context.close()


def test_autosave_keeps_the_text_across_a_reload(page, demo_site):
    site = demo_site
    protocol_id = start_protocol(page, site)
    page.goto(site.url + f"/protokoll/{protocol_id}/utkast/")
    field = page.locator("textarea[name$='-text']").nth(1)
    field.fill("Sparat utan att trycka på något.")
    page.locator("#autosave-status", has_text=re.compile(r"^Sparat \d")).wait_for()
    page.reload()
    assert (
        page.locator("textarea[name$='-text']").nth(1).input_value()
        == "Sparat utan att trycka på något."
    )


def test_autosave_keeps_the_text_across_an_expired_session(page, demo_site):
    """The session cookie goes; the autosave keeps the text and asks for a
    login; after logging in again the editor shows the text."""
    site = demo_site
    protocol_id = start_protocol(page, site)
    editor_url = site.url + f"/protokoll/{protocol_id}/utkast/"
    page.goto(editor_url)
    page.context.clear_cookies(name="sessionid")
    field = page.locator("textarea[name$='-text']").nth(2)
    field.fill("Skrivet medan sessionen tog slut.")
    status = page.locator("#autosave-status")
    status.filter(has_text="Logga in igen").wait_for()
    assert "Inte sparat" in status.inner_text()
    status.get_by_role("link", name="Logga in igen").click()
    page.wait_for_url(re.compile(r"/logga-in/"))
    page.get_by_label("Användarnamn").fill("sekreterare")
    page.get_by_label("Lösenord").fill(settings.DEMO_PASSWORD)
    page.get_by_label("Lösenord").press("Enter")
    page.wait_for_url(editor_url)
    assert (
        page.locator("textarea[name$='-text']").nth(2).input_value()
        == "Skrivet medan sessionen tog slut."
    )
    assert page.get_by_text("är återställd i formuläret").is_visible()


def test_enter_in_any_field_never_adds_or_removes_a_paragraph(page, demo_site):
    """Enter in every field of the editor (folded parts opened) saves at most,
    and the paragraphs stay as they were."""
    site = demo_site
    protocol_id = start_protocol(page, site)
    page.goto(site.url + f"/protokoll/{protocol_id}/utkast/")
    before = headings(page)
    fields = (
        "#protocol-form input:not([type=hidden]):not([type=file]), "
        "#protocol-form select"
    )
    total = page.locator(fields).count()
    assert total > 20
    for index in range(total):
        page.evaluate(
            "document.querySelectorAll('#protocol-form details')"
            ".forEach(d => { d.open = true; })"
        )
        field = page.locator(fields).nth(index)
        field.focus()
        field.press("Enter")
        if field.evaluate("el => el.tagName") == "SELECT":
            page.keyboard.press("Escape")
        page.wait_for_load_state("networkidle")
        assert headings(page) == before, f"Enter in field {index}"


def test_spara_is_early_in_the_tab_order_and_the_bar_covers_no_field(page, demo_site):
    """From the top of the page Spara is a few Tab stops away (it was 115), and
    a field that gets the focus below the sticky save bar is not hidden by it."""
    site = demo_site
    protocol_id = start_protocol(page, site)
    page.set_viewport_size({"width": 1280, "height": 700})
    page.goto(site.url + f"/protokoll/{protocol_id}/utkast/")
    stops = 0
    while stops < 60:
        page.keyboard.press("Tab")
        stops += 1
        if page.evaluate(
            "document.activeElement.textContent.trim() === 'Spara utkastet'"
        ):
            break
    assert stops < 30, stops

    # Tab on into the paragraphs and back up (Shift+Tab brings fields in at the
    # top, where the bar is): every focused field stays clear of the bar.
    for key in ["Tab"] * 90 + ["Shift+Tab"] * 40:
        page.keyboard.press(key)
        covered = page.evaluate(
            """(() => {
                const saveBar = document.getElementById('save-bar');
                if (saveBar.contains(document.activeElement)) { return false; }
                const bar = saveBar.getBoundingClientRect();
                const el = document.activeElement.getBoundingClientRect();
                return el.top < bar.bottom - 1 && el.bottom > bar.top;
            })()"""
        )
        assert not covered, page.evaluate("document.activeElement.outerHTML")
    assert page.evaluate("window.scrollY") > 300, "the Tabs went down the page"
