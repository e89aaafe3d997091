"""The confirmation steps pass axe-core's WCAG 2.1 A/AA rules, wide and narrow,
and nothing on them scrolls sideways at 320 px."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from council.models import Membership
from meetings.services.notice import notice_send
from meetings.services.planning import meeting_create
from tests import factories
from tests.browser.test_accessibility import axe_violations
from tests.meetings.helpers import seat

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def meetings(live_server):
    body = factories.BodyFactory(name="Rådet för prövning", short_name="RP", slug="rp")
    for order, title in enumerate(["Mötet öppnas", "Övriga frågor"], start=1):
        factories.AgendaTemplateItemFactory(body=body, order=order, title=title)
    secretary, _ = seat(body, Membership.Role.SECRETARY, username="sekr")
    seat(body, Membership.Role.CHAIR, username="ordf")
    seat(body, Membership.Role.MEMBER, username="ledamot-med-ett-mycket-langt-namn")
    factories.MembershipFactory(
        body=body, person=factories.PersonFactory(name="Utan Adress", email="")
    )
    start = timezone.localtime() + datetime.timedelta(days=20)
    planned, called = (
        meeting_create(
            body_id=body.pk,
            actor=secretary,
            starts_at=start + datetime.timedelta(days=offset),
            ends_at=start + datetime.timedelta(days=offset, hours=2),
            location="Lärken",
        )
        for offset in (0, 7)
    )
    notice_send(meeting_id=called.pk, actor=secretary)
    return live_server, planned, called


def check(page, site, path, button, failures, *, then=None):
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(site.url + path)
        page.get_by_role("button", name=button).first.click()
        if then:
            page.get_by_role("button", name=then).click()
        page.locator("form.confirm-form").wait_for()
        violations = axe_violations(page)
        key = f"{path} {button} {then or ''} @ {width}px"
        if violations:
            failures[key] = violations
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            failures[f"{key} scrolls sideways"] = overflow


def test_confirmation_steps_have_no_axe_violations(page, meetings):
    site, planned, called = meetings
    page.goto(site.url + "/logga-in/")
    page.get_by_label("Användarnamn").fill("sekr")
    page.get_by_label("Lösenord").fill("pw")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(site.url + "/")

    failures: dict = {}
    plan = f"/moten/{planned.pk}/planera/"
    check(page, site, plan, "Skicka kallelse", failures)
    check(page, site, plan, "Ta bort", failures)
    check(page, site, f"/moten/{called.pk}/planera/", "Ställ in mötet", failures)
    check(
        page,
        site,
        f"/moten/{called.pk}/planera/",
        "Ställ in mötet",
        failures,
        then="Ställ in mötet",  # with the reason left out: the error summary
    )
    check(page, site, "/organ/rp/dagordningsmall/", "Ta bort", failures)
    assert failures == {}
