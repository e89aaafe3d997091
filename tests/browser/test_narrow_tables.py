"""At 320 px a protokoll's tables wrap between words, never inside one: each
attendance row becomes a short block instead of columns too narrow for a name."""

from __future__ import annotations

import pytest

from tests.browser.test_accessibility import demo_site  # noqa: F401
from tests.public_pages import demo_protocol_2018

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every word in a table cell whose letters land on more than one line.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll("main td, main th")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set(
          Array.from(range.getClientRects()).map((r) => Math.round(r.top))
        );
        if (tops.size > 1) { broken.push(match[0]); }
      }
    }
  }
  return broken;
}"""


def test_attendance_tables_never_break_a_word_at_320_px(page, demo_site):  # noqa: F811
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(demo_site.url + demo_protocol_2018())
    assert page.locator("main td").count() > 10
    assert page.evaluate(BROKEN_WORDS) == []
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    # The column heads are still there for screen readers.
    assert page.get_by_role("columnheader", name="Organisation").count() > 0
