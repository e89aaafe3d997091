"""A chair finds the protokoll to justera from the start page, in a real browser
(Chromium): log in, read Att göra, one click on "Justera …"."""

from __future__ import annotations

import re

import pytest

from meetings.models import Protocol
from tests.browser.test_meetings_accessibility import check
from tests.meetings.conftest import cast  # noqa: F401  (the fixture)
from tests.meetings.inbox_world import meeting_on, sent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def in_justering(cast) -> Protocol:  # noqa: F811
    return sent(cast, meeting_on(cast, -1))


def log_in(page, url: str, username: str) -> None:
    page.goto(url + "/")
    page.get_by_role("link", name="Logga in").click()
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("pw")
    page.get_by_role("button", name="Logga in").click()


def test_chair_reaches_the_protokoll_in_one_click_from_the_start_page(
    page,
    live_server,
    cast,  # noqa: F811
    in_justering,
):
    log_in(page, live_server.url, cast.chair.username)
    # Logging in lands on the start page, which opens with Att göra.
    page.wait_for_url(live_server.url + "/")
    tasks = page.get_by_role("region", name="Att göra")
    assert tasks.is_visible()
    link = tasks.get_by_role("link", name=re.compile(r"^Justera protokollet"))
    assert link.count() == 1
    deadline = in_justering.meeting.justering_deadline
    assert tasks.locator(f'time[datetime="{deadline:%Y-%m-%d}"]').is_visible()

    link.click()
    page.wait_for_url(f"{live_server.url}/protokoll/{in_justering.pk}/granska/")
    assert page.get_by_role("heading", level=1).is_visible()
    # No breadcrumb to the overview the chair may not see.
    assert page.get_by_role("link", name="Protokollöversikt").count() == 0


def test_att_gora_and_the_overview_have_no_axe_violations(
    page,
    live_server,
    cast,  # noqa: F811
    in_justering,
):
    """The start page and Att göra of a signer, the overview of the secretary,
    wide and at 320 px, with nothing scrolling sideways."""
    # A body's full name is long; its filter option must still fit at 320 px.
    cast.body.name = (
        "Specifikt samverkansråd för skola, utbildning och kompetensförsörjning"
    )
    cast.body.save()
    failures = {}

    log_in(page, live_server.url, cast.member.username)
    page.wait_for_url(live_server.url + "/")
    for path in ("/", "/mina-moten/", "/mina-moten/att-gora/"):
        check(page, live_server.url + path, failures)
    page.context.clear_cookies()
    log_in(page, live_server.url, cast.secretary.username)
    page.wait_for_url(live_server.url + "/")
    for path in ("/", "/protokoll/oversikt/", "/mina-moten/att-gora/"):
        check(page, live_server.url + path, failures)
    assert not failures, failures
