"""The review page and the send step on a 375 px phone: one column, no
sideways scroll (long hashes wrap), a "Föreslå ändring" under each § that opens
in place, and no axe-core violations; the justerat page with its full SHA-256
also at 320 px. A refused send puts the focus in the error summary.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings

from tests.browser.test_accessibility import axe_violations
from tests.browser.test_protocol_accessibility import demo_site, start_protocol  # noqa: F401
from tests.browser.test_protocol_journey import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def fits(page, width: int) -> None:
    """The page is one column: nothing wider than the screen."""
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate(OVERFLOW) <= 0


def test_the_review_page_on_a_phone(page, demo_site):  # noqa: F811
    from council.models import User
    from meetings.models import Protocol
    from meetings.services.protocol.justering import protocol_justera

    site = demo_site
    page.set_viewport_size({"width": 1280, "height": 900})
    protocol_id = start_protocol(page, site)
    page.get_by_label("Håkan Söderman").check()
    page.get_by_role("button", name="Spara utkastet").click()
    page.locator("#editor-announce", has_text="Utkastet är sparat").wait_for()

    # The send step on a phone; an empty password brings the focus to the
    # error summary, whose link leads to the field.
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(site.url + f"/protokoll/{protocol_id}/skicka/")
    fits(page, 375)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Skicka för justering", exact=True).click()
    page.wait_for_load_state()
    assert page.evaluate("document.activeElement.matches('.error-summary')")
    assert axe_violations(page) == []
    fits(page, 375)
    page.locator(".error-summary a").click()
    assert page.evaluate("document.activeElement.id") == "skicka_password"
    page.keyboard.type(settings.DEMO_PASSWORD)
    with page.expect_navigation(url=re.compile(r"/granska/$")):
        page.keyboard.press("Enter")
    log_out(page)

    # The justerare reads it on a phone: text first, a suggestion under each §.
    log_in(page, site, "justerare")
    page.goto(site.url + f"/protokoll/{protocol_id}/granska/")
    fits(page, 375)
    assert axe_violations(page) == []
    sections = page.locator("section.paragraph")
    suggestions = page.locator("section.paragraph details.paragraph-suggest")
    assert suggestions.count() == sections.count() == 6
    text_end = page.locator("section.paragraphs").bounding_box()
    justera = page.locator("form#justera").bounding_box()
    assert text_end["y"] + text_end["height"] <= justera["y"]
    page.get_by_text("Föreslå ändring i § 2").click()
    field = page.get_by_label(re.compile(r"^Ändringsförslag till § 2"))
    assert field.is_visible()
    fits(page, 375)
    assert axe_violations(page) == []
    log_out(page)

    # Justerat: the full SHA-256 wraps, at 375 and at 320 px.
    protocol_justera(
        protocol_id=protocol_id, actor=User.objects.get(username="justerare")
    )
    protocol_justera(
        protocol_id=protocol_id, actor=User.objects.get(username="ordforande")
    )
    assert Protocol.objects.get(pk=protocol_id).state == Protocol.State.JUSTERAT
    log_in(page, site, "ordforande")
    for width in (375, 320):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(site.url + f"/protokoll/{protocol_id}/granska/")
        assert page.locator(".signing-progress .done").count() == 2
        fits(page, width)
        assert axe_violations(page) == []
