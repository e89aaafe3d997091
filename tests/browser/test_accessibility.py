"""Every public page type passes axe-core's WCAG 2.0/2.1 A and AA rules."""

from pathlib import Path

import pytest

from tests.checks import AXE_JS, MISSING, inject_axe
from tests.public_pages import ERROR_PAGES, public_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def demo_site(live_server):
    from django.core.management import call_command

    call_command("load_demo", allow_production=True, verbosity=0)
    return live_server


def axe_violations(page) -> list[dict]:
    assert AXE_JS.exists(), MISSING
    inject_axe(page)
    return page.evaluate(
        """async (tags) => (await axe.run(document, {
            runOnly: {type: "tag", values: tags}
        })).violations.map(v => ({id: v.id, help: v.help,
            nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 5)}))""",
        WCAG_TAGS,
    )


def test_public_pages_have_no_axe_violations(page, demo_site):
    """axe-core finds no WCAG 2.1 A/AA violation on any public page, wide or narrow;
    at 320 px no page scrolls sideways (WCAG 1.4.10)."""
    failures = {}
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        for path in public_pages() + ERROR_PAGES:
            page.goto(demo_site.url + path)
            violations = axe_violations(page)
            if violations:
                failures[f"{path} @ {width}px"] = violations
            overflow = page.evaluate(
                "document.documentElement.scrollWidth"
                " - document.documentElement.clientWidth"
            )
            if overflow > 0:
                failures[f"{path} @ {width}px"] = f"{overflow}px sideways"
    assert failures == {}


def test_protokoll_at_320_px(page, demo_site):
    """The published 2018 protokoll reads at 320 px without sideways scrolling;
    the screenshot is kept in test-artifacts/."""
    from tests.public_pages import demo_protocol_2018

    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(demo_site.url + demo_protocol_2018())
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    assert page.get_by_role("heading", level=1).is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "protokoll-2018-320px.png"), full_page=True)


def test_focus_is_visible(page, demo_site):
    """A focused link shows an outline (WCAG 2.4.7)."""
    page.goto(demo_site.url + "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")
