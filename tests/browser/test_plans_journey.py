"""The verksamhetsplan in a real browser (Chromium): from 2023 to a published 2024."""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

from tests.checks import inject_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
FOLLOWED_UP = "Diskutera lärarförsörjningen"
CANCELLED = "Genomföra en temadag om barn och unga som utmanar"


@pytest.fixture
def demo_site(live_server):
    from django.core.management import call_command

    from council.models import Body
    from meetings.models import Meeting, Protocol
    from tests.factories import MeetingFactory, ParagraphFactory, ProtocolFactory

    call_command("load_demo", allow_production=True, verbosity=0)
    council = Body.objects.get(slug="ssr")
    starts = datetime.datetime(2024, 2, 9, 9, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
    meeting = MeetingFactory(body=council, starts_at=starts, state=Meeting.State.HELD)
    protocol = ProtocolFactory(meeting=meeting, state=Protocol.State.PUBLISHED)
    ParagraphFactory(
        protocol=protocol, order=4, number=4, heading="Verksamhetsplan 2024"
    )
    return live_server


def serious_violations(page) -> list:
    if not AXE.exists():
        return []
    inject_axe(page)
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    return [
        (v["id"], v["impact"])
        for v in violations
        if v["impact"] in {"serious", "critical"}
    ]


def assert_not_public(browser, url: str) -> None:
    """A fresh, anonymous browser context never sees the 2024 draft."""
    context = browser.new_context(locale="sv-SE")
    anonymous = context.new_page()
    response = anonymous.goto(url + "/planer/ssr/2024/")
    assert response.status == 404
    assert anonymous.goto(url + "/planer/ssr/2024/pdf/").status == 404
    anonymous.goto(url + "/planer/")
    assert anonymous.get_by_role("link", name="Verksamhetsplan 2023").is_visible()
    assert anonymous.get_by_role("link", name="Verksamhetsplan 2024").count() == 0
    context.close()


def test_secretary_carries_forward_adopts_and_publishes(
    page, browser, demo_site, tmp_path
):
    url = demo_site.url
    page.goto(url + "/logga-in/")
    page.get_by_label("Användarnamn").fill("sekreterare")
    page.get_by_label("Lösenord").fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(url + "/")

    # From the 2023 plan: "Ny plan från föregående år".
    page.get_by_role("link", name="Planer", exact=True).click()
    page.get_by_role("link", name="Verksamhetsplan 2023").click()
    page.get_by_role("button", name="Ny plan från föregående år: skapa 2024").click()
    page.wait_for_url(url + "/planer/ssr/2024/redigera/")
    assert page.locator("h1").inner_text() == "Redigera verksamhetsplan 2024"
    assert (
        "8 aktiviteter som inte var avslutade är överförda"
        in page.locator(".messages").inner_text()
    )
    carried = page.locator("#aktiviteter .edit-list > li")
    assert carried.count() == 8
    assert "överförd från 2023" in carried.first.inner_text()
    assert serious_violations(page) == []
    assert_not_public(browser, url)

    # Follow-up of 2023: two statuses and a follow-up text.
    followed = page.get_by_role("group", name=FOLLOWED_UP)
    followed.get_by_label("Status").select_option(label="Genomförd")
    followed.get_by_label("Uppföljning").fill(
        "Lärarförsörjningen diskuterades vid två möten under året."
    )
    page.get_by_role("group", name=CANCELLED).get_by_label("Status").select_option(
        label="Struken"
    )
    page.get_by_role("button", name="Spara uppföljning").click()
    assert "2 aktiviteter ändrade" in page.locator(".messages").inner_text()
    assert (
        page.get_by_role("group", name=FOLLOWED_UP).get_by_label("Status").input_value()
        == "genomford"
    )

    # Adopt with a reference to the protokoll paragraph; the text locks.
    page.get_by_label("Paragraf i protokollet").select_option(
        label="SSR 2024-02-09, § 4 Verksamhetsplan 2024"
    )
    page.get_by_role("button", name="Fastställ planen").click()
    assert "Planen är fastställd" in page.locator(".messages").inner_text()
    assert page.get_by_role("button", name="Lägg till uppdrag").count() == 0
    assert page.get_by_role("button", name="Ta bort", exact=False).count() == 0
    assert_not_public(browser, url)

    page.get_by_role("button", name="Publicera planen").click()
    page.wait_for_url(url + "/planer/ssr/2024/")
    assert "publicerad" in page.locator(".messages").inner_text()
    page.get_by_role("button", name="Logga ut (Anna Elverskog)").click()

    # An anonymous visitor reads the plan and downloads the PDF.
    page.goto(url + "/planer/")
    page.get_by_role("link", name="Verksamhetsplan 2024").click()
    assert page.locator("h1").inner_text() == "Verksamhetsplan 2024"
    facts = page.locator(".plan-facts").inner_text()
    assert "9 februari 2024" in facts and "§ 4 Verksamhetsplan 2024" in facts
    follow_up = page.locator("#uppfoljning-heading").locator("..")
    row = follow_up.get_by_role("row", name=FOLLOWED_UP)
    assert "Genomförd" in row.inner_text()
    assert "diskuterades vid två möten" in row.inner_text()
    assert "Struken" in follow_up.get_by_role("row", name=CANCELLED).inner_text()
    assert page.get_by_role("link", name="Redigera planen").count() == 0
    assert serious_violations(page) == []

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ladda ned planen som PDF").click()
    pdf = tmp_path / "plan-2024.pdf"
    download_info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "Verksamhetsplan 2024" in text
    assert "UTKAST" not in text
    page.screenshot(path=str(tmp_path / "plan-2024.png"), full_page=True)


def test_plan_page_fits_a_narrow_screen(page, demo_site):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(demo_site.url + "/planer/ssr/2023/")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
