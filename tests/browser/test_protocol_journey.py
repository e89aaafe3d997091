"""The whole protokoll journey in Chromium, on the demo's upcoming meeting once
it has been held: draft, justering with a comment and a revision, locking,
publishing, reading."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

from meetings.models import Justering, Protocol

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "protokoll"


@pytest.fixture
def demo_site(live_server):
    from django.core.management import call_command

    call_command("load_demo", allow_production=True, verbosity=0)
    hold_upcoming_meetings()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return live_server


def hold_upcoming_meetings() -> None:
    """The demo's upcoming meeting, moved to have ended yesterday: a protokoll is
    sent for justering only once its meeting has ended."""
    from django.utils import timezone

    from meetings.models import Meeting
    from tests.meetings.helpers import hold

    for meeting in Meeting.objects.filter(ends_at__gt=timezone.now()):
        hold(meeting)


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def log_in(page, site, username: str) -> None:
    page.goto(site.url + "/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(settings.DEMO_PASSWORD)
    page.get_by_label("Lösenord").press("Enter")
    page.wait_for_url(site.url + "/")


def log_out(page) -> None:
    page.get_by_role("button", name=re.compile("^Logga ut")).click()


def send_for_justering(page, site, protocol_id: int) -> None:
    """As the secretary: save the editor when it is open, then send through the
    step "Skicka för justering" with the password."""
    save = page.get_by_role("button", name="Spara utkastet")
    if save.count():
        save.first.click()
        page.locator("#editor-announce", has_text="Utkastet är sparat").wait_for()
    page.goto(site.url + f"/protokoll/{protocol_id}/skicka/")
    page.get_by_label("Ditt lösenord").fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Skicka för justering", exact=True).click()
    page.wait_for_url(re.compile(r"/granska/$"))
    page.locator(".protocol-status", has_text="För justering").wait_for()


def test_protocol_journey(page, demo_site):
    site = demo_site
    # The secretary starts the protokoll of the upcoming meeting.
    log_in(page, site, "sekreterare")
    page.goto(site.url + "/protokoll/oversikt/")
    shot(page, "01-oversikt")
    page.get_by_role("button", name=re.compile("^Skriv protokoll")).click()
    page.wait_for_url(re.compile(r"/protokoll/\d+/utkast/$"))
    protocol_id = int(re.search(r"/protokoll/(\d+)/", page.url).group(1))
    assert page.locator("h1").count() == 1

    # Attendance: pre-filled from the council's members; save as it is.
    page.get_by_role("link", name="Närvaro").first.click()
    assert page.get_by_role("rowheader", name=re.compile("Håkan Söderman")).is_visible()
    shot(page, "02-narvaro")
    page.get_by_role("button", name="Spara närvaron").click()
    page.wait_for_url(re.compile(r"/utkast/$"))

    # Justerare, and text in every paragraph.
    page.get_by_label("Håkan Söderman").check()
    texts = page.locator("textarea[name$='-text']")
    for index in range(texts.count()):
        field = texts.nth(index)
        if not field.input_value().strip():
            field.fill(f"Text till punkt {index + 1}.")
    page.locator("textarea[name$='-text']").nth(3).fill(
        "Kommunerna gav en lägesrapport."
    )
    page.wait_for_timeout(1000)  # the live preview follows the typing
    assert "Kommunerna gav en lägesrapport." in page.locator("#preview").inner_text()
    shot(page, "03-utkast")
    send_for_justering(page, site, protocol_id)
    assert "För justering" in page.locator(".protocol-status").inner_text()
    shot(page, "04-skickat")
    log_out(page)

    # The justerare comments on § 4.
    log_in(page, site, "justerare")
    page.goto(site.url + f"/protokoll/{protocol_id}/granska/")
    page.get_by_text("Föreslå ändring i § 4").click()
    page.get_by_label(re.compile(r"^Ändringsförslag till § 4")).fill(
        "Skriv att alla kommuner deltog."
    )
    shot(page, "05-andringsforslag")
    page.get_by_role("button", name="Skicka ändringsförslag till sekreteraren").click()
    assert page.get_by_text("Dina ändringsförslag är skickade").is_visible()
    log_out(page)

    # The secretary sees the comment beside § 4, revises and sends again.
    log_in(page, site, "sekreterare")
    page.goto(site.url + f"/protokoll/{protocol_id}/utkast/")
    assert page.get_by_text("Skriv att alla kommuner deltog.").first.is_visible()
    page.locator("textarea[name$='-text']").nth(3).fill(
        "Samtliga kommuner gav en lägesrapport."
    )
    shot(page, "06-revidering")
    send_for_justering(page, site, protocol_id)
    log_out(page)

    # The justerare sees what changed, and justerar with the password.
    log_in(page, site, "justerare")
    page.goto(site.url + f"/protokoll/{protocol_id}/granska/")
    changes = page.locator("#changes-heading").locator("..")
    assert "Samtliga kommuner gav en lägesrapport." in changes.inner_text()
    shot(page, "07-andringar-sedan-sist")
    page.get_by_label("Ditt lösenord").fill(settings.DEMO_PASSWORD)
    page.get_by_label(re.compile("Jag har läst protokollet")).check()
    page.get_by_role("button", name="Justera protokollet").click()
    assert page.get_by_text("Det väntar på övriga justerare").is_visible()
    log_out(page)

    # The chair justerar last: the protokoll is locked.
    log_in(page, site, "ordforande")
    page.goto(site.url + f"/protokoll/{protocol_id}/granska/")
    page.get_by_label("Ditt lösenord").fill(settings.DEMO_PASSWORD)
    page.get_by_label(re.compile("Jag har läst protokollet")).check()
    page.get_by_role("button", name="Justera protokollet").click()
    assert page.get_by_text("det är nu låst").is_visible()
    shot(page, "08-justerat")
    log_out(page)
    protocol = Protocol.objects.get(pk=protocol_id)
    assert protocol.state == Protocol.State.JUSTERAT
    assert Justering.objects.filter(protocol=protocol).count() == 2

    # Locked: no editing, only publishing.
    log_in(page, site, "sekreterare")
    page.goto(site.url + f"/protokoll/{protocol_id}/utkast/")
    page.wait_for_url(re.compile(r"/granska/$"))
    assert page.get_by_role("link", name="Redigera utkastet").count() == 0
    assert page.locator("textarea").count() == 0
    page.get_by_role("button", name="Publicera").click()
    # The second step says what becomes public before anything is.
    page.get_by_role("heading", name="Det här blir offentligt").wait_for()
    page.get_by_role("button", name="Publicera protokollet").click()
    page.wait_for_url(site.url + f"/protokoll/{protocol_id}/")
    shot(page, "09-publicerat")
    log_out(page)

    # An anonymous visitor reads it.
    page.goto(site.url + "/protokoll/")
    page.locator(f"a[href='/protokoll/{protocol_id}/']").click()
    assert page.get_by_text("Samtliga kommuner gav en lägesrapport.").is_visible()
    assert "Håkan Söderman" in page.locator(".signatures").inner_text()
    shot(page, "10-allmanheten")
