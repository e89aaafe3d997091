"""The meetings pages pass axe-core's WCAG 2.1 A/AA rules, wide and narrow, and
nothing scrolls sideways on a 320 px screen."""

from __future__ import annotations

import pytest
from django.conf import settings

from tests.browser.test_accessibility import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_meeting(live_server):
    from django.core.management import call_command

    from council.models import User
    from meetings.models import Meeting
    from meetings.services.notice import notice_send
    from meetings.services.planning import agenda_item_create

    call_command("load_demo", allow_production=True, verbosity=0)
    meeting = Meeting.objects.filter(state=Meeting.State.PLANNED).get()
    secretary = User.objects.get(username="sekreterare")
    agenda_item_create(
        meeting_id=meeting.pk,
        actor=secretary,
        title="Sluten punkt",
        is_public=False,
    )
    notice_send(meeting_id=meeting.pk, actor=secretary)
    return live_server, meeting


def log_in(page, site, username):
    page.goto(site.url + "/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(site.url + "/")


def check(page, url, failures):
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(url)
        violations = axe_violations(page)
        if violations:
            failures[f"{url} @ {width}px"] = violations
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            failures[f"{url} @ {width}px scrolls sideways"] = overflow


def test_meetings_pages_have_no_axe_violations(page, demo_meeting):
    site, meeting = demo_meeting
    failures: dict = {}
    for path in ("/moten/", f"/moten/{meeting.pk}/"):
        check(page, site.url + path, failures)
    log_in(page, site, "ledamot")
    for path in ("/mina-moten/", f"/moten/{meeting.pk}/"):
        check(page, site.url + path, failures)
    page.get_by_role("button", name="Logga ut (Linda Svahn)").click()
    log_in(page, site, "sekreterare")
    for path in (
        "/mina-moten/",
        f"/moten/{meeting.pk}/",
        f"/moten/{meeting.pk}/planera/",
        "/organ/ssr/nytt-mote/",
        "/organ/ssr/dagordningsmall/",
    ):
        check(page, site.url + path, failures)
    # A form with errors keeps its accessibility.
    page.goto(site.url + "/organ/ssr/nytt-mote/")
    page.get_by_role("button", name="Skapa mötet").click()
    assert page.get_by_role("alert").is_visible()
    violations = axe_violations(page)
    if violations:
        failures["form errors"] = violations
    assert failures == {}
