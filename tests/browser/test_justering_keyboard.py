"""The justering flow from the keyboard alone: how many Tab stops it takes from
the top of the page to what the user came to do.

Before the send step and the review page that reads like the protokoll, the
secretary's password field was 16 Tab stops away (in the editor) and the
comment field of § 6 on the review page 33. Now (demo data, 1280 px, the
header's menu for a signed-in user included):
- the password on the step "Skicka för justering": 15 Tab stops;
- the comment field of § 6 on the review page: 22 Tab stops (21 to its
  "Föreslå ändring", Enter opens it, one more to the field).
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings

from tests.browser.test_protocol_accessibility import demo_site, start_protocol  # noqa: F401
from tests.browser.test_protocol_journey import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BEFORE_PASSWORD = 16
BEFORE_COMMENT_6 = 33


def tabs_until(page, test: str, limit: int = 200) -> int:
    """How many presses of Tab until `test` (a JS expression on `el`) holds for
    the focused element; fails after `limit`."""
    for count in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; {test} }})()"):
            return count
    raise AssertionError(f"not reached in {limit} Tab stops: {test}")


def focus_from_top(page, url: str) -> None:
    page.goto(url)
    page.evaluate("document.activeElement && document.activeElement.blur()")


def test_the_justering_flow_takes_fewer_tab_stops(page, demo_site):  # noqa: F811
    site = demo_site
    page.set_viewport_size({"width": 1280, "height": 900})
    protocol_id = start_protocol(page, site)
    page.get_by_label("Håkan Söderman").check()
    page.get_by_role("button", name="Spara utkastet").click()
    page.locator("#editor-announce", has_text="Utkastet är sparat").wait_for()

    # (a) The secretary: from the top of the send step to the password.
    focus_from_top(page, site.url + f"/protokoll/{protocol_id}/skicka/")
    to_password = tabs_until(page, "return el.name === 'password';")
    print(f"Tab stops to the password field: {to_password}")
    assert to_password < BEFORE_PASSWORD
    page.keyboard.type(settings.DEMO_PASSWORD)
    # Enter in the password field sends (the page's one submit button).
    with page.expect_navigation(url=re.compile(r"/granska/$")):
        page.keyboard.press("Enter")
    assert page.get_by_text("Protokollet är skickat för justering").is_visible()
    log_out(page)

    # (b) The justerare: from the top of the review page to § 6's comment field.
    log_in(page, site, "justerare")
    focus_from_top(page, site.url + f"/protokoll/{protocol_id}/granska/")
    to_summary = tabs_until(
        page,
        "return el.tagName === 'SUMMARY' && /§ 6$/.test(el.textContent.trim());",
    )
    page.keyboard.press("Enter")  # opens "Föreslå ändring"
    to_comment = to_summary + tabs_until(
        page, "return el.tagName === 'TEXTAREA' && el.name.startsWith('comment_');"
    )
    print(f"Tab stops to the comment field of § 6: {to_comment}")
    assert to_comment < BEFORE_COMMENT_6
    label = page.evaluate("document.activeElement.labels[0].textContent")
    assert label.startswith("Ändringsförslag till § 6")
    page.keyboard.type("Lägg till tiden för nästa möte.")
    page.keyboard.press("Tab")  # the submit button under § 6
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Dina ändringsförslag är skickade").is_visible()
