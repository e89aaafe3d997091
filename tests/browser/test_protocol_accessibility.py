"""The secretary's protokoll pages pass axe-core's WCAG 2.0/2.1 A and AA rules,
and the editor works from the keyboard alone with a visible focus."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.browser.test_accessibility import axe_violations
from tests.browser.test_protocol_journey import (
    hold_upcoming_meetings,
    log_in,
    log_out,
)
from tests.upload_files import PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "protokoll-a11y"


@pytest.fixture
def demo_site(live_server):
    from django.core.management import call_command

    call_command("load_demo", allow_production=True, verbosity=0)
    hold_upcoming_meetings()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return live_server


def start_protocol(page, site) -> int:
    """As the secretary: start the upcoming meeting's protokoll and save the
    attendance as pre-filled; returns the protokoll's id."""
    log_in(page, site, "sekreterare")
    page.goto(site.url + "/protokoll/oversikt/")
    page.get_by_role("button", name=re.compile("^Skriv protokoll")).click()
    page.wait_for_url(re.compile(r"/protokoll/\d+/utkast/$"))
    protocol_id = int(re.search(r"/protokoll/(\d+)/", page.url).group(1))
    page.goto(site.url + f"/protokoll/{protocol_id}/narvaro/")
    page.get_by_role("button", name="Spara närvaron").click()
    page.wait_for_url(re.compile(r"/utkast/$"))
    return protocol_id


def focused_outline(page) -> str:
    return page.evaluate("getComputedStyle(document.activeElement).outlineStyle")


def tab_until(page, test: str, limit: int = 800) -> bool:
    """Press Tab until `test` (a JS expression on `el`) holds for the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; {test} }})()"):
            return True
    return False


def test_protocol_pages_have_no_axe_violations(page, demo_site):
    """Editor (with a bilaga, jäv open and an error), attendance, preview, review,
    history and overview; and the justerare's review with its changes."""
    from meetings.models import Attendance, Protocol
    from meetings.services.protocol.attendance import protocol_attendance_save
    from meetings.services.protocol.justering import (
        protocol_comment,
        protocol_send_to_justering,
    )

    site = demo_site
    protocol_id = start_protocol(page, site)
    failures: dict[str, list] = {}

    def check(path: str) -> None:
        for width in (1280, 320):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(site.url + path)
            violations = axe_violations(page)
            if violations:
                failures[f"{path} @ {width}px"] = violations
            overflow = page.evaluate(
                "document.documentElement.scrollWidth"
                " - document.documentElement.clientWidth"
            )
            if overflow > 0:
                failures[f"{path} @ {width}px scrolls sideways"] = [overflow]
            if width == 320:
                name = re.sub(r"[^\w-]+", "-", path.strip("/"))
                page.screenshot(
                    path=str(ARTIFACTS / f"{name}-320px.png"), full_page=True
                )

    # A justerare, a bilaga and jäv, through the editor itself.
    page.get_by_label("Håkan Söderman").check()
    page.locator("input[type=file]").first.set_input_files(
        files=[{"name": "underlag.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Spara utkastet").click()
    page.get_by_text("Bilaga 1:").first.wait_for()
    first_paragraph = page.locator("section.paragraph-edit").first
    first_paragraph.locator("summary", has_text="Jäv").click()
    first_paragraph.get_by_role("button", name=re.compile(r"^Ange jäv")).click()
    page.locator("input[name$='-recused']").first.wait_for()
    paragraph_id = first_paragraph.get_attribute("data-paragraph")
    jav_url = f"/protokoll/{protocol_id}/utkast/?jav={paragraph_id}"

    for path in (
        f"/protokoll/{protocol_id}/utkast/",
        jav_url,
        f"/protokoll/{protocol_id}/narvaro/",
        f"/protokoll/{protocol_id}/forhandsvisning/",
        f"/protokoll/{protocol_id}/granska/",
        f"/protokoll/{protocol_id}/skicka/",
        f"/protokoll/{protocol_id}/historik/",
        "/protokoll/oversikt/",
    ):
        check(path)

    # A rejected file: the error summary and field errors keep accessibility.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site.url + f"/protokoll/{protocol_id}/utkast/")
    page.locator("input[type=file]").first.set_input_files(
        files=[{"name": "virus.pdf", "mimeType": "application/pdf", "buffer": b"MZ"}]
    )
    page.get_by_role("button", name="Spara utkastet").click()
    page.get_by_text("går inte att läsa som PDF").first.wait_for()
    violations = axe_violations(page)
    if violations:
        failures["editor with a rejected file"] = violations

    # The justerare's review, with what changed since their ändringsförslag.
    from council.models import User

    secretary = User.objects.get(username="sekreterare")
    justerare = User.objects.get(username="justerare")
    protocol_send_to_justering(protocol_id=protocol_id, actor=secretary)
    protocol = Protocol.objects.get(pk=protocol_id)
    first = protocol.paragraphs.order_by("order").first()
    protocol_comment(
        protocol_id=protocol_id, actor=justerare, comments={first.pk: "Rätta."}
    )
    protocol.refresh_from_db()
    present = Attendance.objects.filter(
        meeting=protocol.meeting, present=True, person__isnull=False
    ).exclude(person__user=justerare)
    absent = present.exclude(person=protocol.chair).first()
    protocol_attendance_save(
        protocol_id=protocol_id,
        actor=secretary,
        base_version=protocol.lock_version,
        members=[{"person_id": absent.person_id, "role": ""}],
        others=[],
    )
    protocol_send_to_justering(protocol_id=protocol_id, actor=secretary)
    log_out(page)
    log_in(page, site, "justerare")
    check(f"/protokoll/{protocol_id}/granska/")
    assert "Närvaro" in page.locator("#changes-heading").locator("..").inner_text()
    check(f"/protokoll/{protocol_id}/historik/")

    assert failures == {}


def test_the_editor_works_from_the_keyboard(page, demo_site):
    """Tab reaches the first paragraph's text and "Spara utkastet" with a visible
    focus, and Enter or Space on a move button reorders without a mouse."""
    site = demo_site
    protocol_id = start_protocol(page, site)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site.url + f"/protokoll/{protocol_id}/utkast/")
    headings = page.locator("section.paragraph-edit h2")
    first_heading, second_heading = (
        headings.nth(0).inner_text(),
        headings.nth(1).inner_text(),
    )

    assert tab_until(page, "return el.matches(\"textarea[name$='-text']\");")
    first_text = page.locator("textarea[name$='-text']").first
    assert first_text.evaluate("el => el === document.activeElement")
    assert focused_outline(page) not in ("", "none")
    page.keyboard.type(" Skrivet med tangentbordet.")

    assert tab_until(
        page,
        "return el.tagName === 'BUTTON' && el.textContent.trim() === 'Flytta ned § 1';",
    )
    assert focused_outline(page) not in ("", "none")
    page.keyboard.press("Enter")
    headings = page.locator("section.paragraph-edit h2")
    headings.nth(0).filter(has_text=second_heading.split(" ", 2)[-1]).wait_for()
    assert headings.nth(0).inner_text().removeprefix("§ 1 ") == (
        second_heading.removeprefix("§ 2 ")
    )
    assert headings.nth(1).inner_text().removeprefix("§ 2 ") == (
        first_heading.removeprefix("§ 1 ")
    )
    # What was typed before the move was saved with it.
    assert (
        "Skrivet med tangentbordet."
        in page.locator("textarea[name$='-text']").nth(1).input_value()
    )

    # The focus is on the moved paragraph; Tab goes on from there.
    expect(page.locator(":focus")).to_have_attribute("id", re.compile(r"^stycke-"))
    assert tab_until(
        page,
        "return el.tagName === 'BUTTON' && el.textContent.trim() === 'Flytta upp § 2';",
    )
    page.keyboard.press("Space")
    headings = page.locator("section.paragraph-edit h2")
    headings.nth(0).filter(has_text=first_heading.split(" ", 2)[-1]).wait_for()
    assert headings.nth(0).inner_text() == first_heading

    page.goto(site.url + f"/protokoll/{protocol_id}/utkast/")
    assert tab_until(
        page,
        "return el.tagName === 'BUTTON' && el.textContent.trim() === 'Spara utkastet';",
    )
    assert focused_outline(page) not in ("", "none")
    page.keyboard.press("Enter")
    page.locator("#editor-announce", has_text="Utkastet är sparat.").wait_for()
