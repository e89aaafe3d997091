"""After a server-side error, focus starts at the error summary (a small static
script; the page works the same without it)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from council.models import Membership
from meetings.services.planning import meeting_create
from tests import factories
from tests.meetings.helpers import seat

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def secretary_site(live_server):
    body = factories.BodyFactory(name="Rådet för fokus", short_name="RF", slug="rf")
    user, _ = seat(body, Membership.Role.SECRETARY, username="sekr")
    start = timezone.localtime() + datetime.timedelta(days=20)
    meeting = meeting_create(
        body_id=body.pk,
        actor=user,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        location="Lärken",
    )
    return live_server, meeting


def log_in(page, site):
    page.goto(site.url + "/logga-in/")
    page.get_by_label("Användarnamn").fill("sekr")
    page.get_by_label("Lösenord").fill("pw")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(site.url + "/")


def focused_class(page) -> str:
    return page.evaluate("document.activeElement.className")


def test_a_failed_login_focuses_the_error_summary(page, secretary_site):
    site, _ = secretary_site
    page.goto(site.url + "/logga-in/")
    page.get_by_label("Användarnamn").fill("sekr")
    page.get_by_label("Lösenord").fill("fel")
    page.get_by_role("button", name="Logga in").click()
    page.locator(".error-summary").wait_for()
    assert "error-summary" in focused_class(page)


def test_a_new_meeting_without_a_date_focuses_the_error_summary(page, secretary_site):
    site, _ = secretary_site
    log_in(page, site)
    page.goto(site.url + "/organ/rf/nytt-mote/")
    assert page.evaluate("document.activeElement === document.body")
    page.get_by_label("Lokal").fill("Lärken")
    page.get_by_role("button", name="Skapa mötet").click()
    page.locator(".error-summary").wait_for()
    assert "error-summary" in focused_class(page)
    assert "Ange datum." in page.evaluate("document.activeElement.innerText")
    # The summary links to the field with the error.
    page.locator(".error-summary a", has_text="Datum").click()
    assert page.evaluate("document.activeElement.id") == "mote_date"


def test_cancelling_without_a_reason_focuses_the_error_summary(page, secretary_site):
    site, meeting = secretary_site
    log_in(page, site)
    page.goto(site.url + f"/moten/{meeting.pk}/planera/")
    page.get_by_role("button", name="Ställ in mötet").click()
    page.get_by_role("heading", name="Ställa in RF").wait_for()
    # The confirmation step itself has no error: focus stays where it was.
    assert page.evaluate("document.activeElement === document.body")
    page.get_by_role("button", name="Ställ in mötet").click()
    page.locator(".error-summary").wait_for()
    assert "error-summary" in focused_class(page)
    assert (
        page.get_by_label("Skäl till att mötet ställs in").get_attribute("aria-invalid")
        == "true"
    )
