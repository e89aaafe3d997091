"""/verifiera/'s answers for an uploaded file, genuine and altered, pass
axe-core's WCAG 2.0/2.1 A and AA rules with every explanation open, and read at
320 px without sideways scrolling."""

from __future__ import annotations

import pytest

from tests.browser.test_accessibility import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(live_server):
    from django.core.management import call_command

    call_command("load_demo", allow_production=True, verbosity=0)
    return live_server


def test_verification_answers_have_no_axe_violations(page, demo_site, tmp_path):
    from meetings.models import Protocol, SignedDocument

    document = SignedDocument.objects.final().get(
        protocol__meeting__starts_at__date="2018-09-28",
        protocol__state=Protocol.State.PUBLISHED,
        kind=SignedDocument.Kind.PROTOCOL,
    )
    genuine = bytes(document.data)
    altered = bytearray(genuine)
    altered[altered.index(b"stream", 200) + 40] ^= 0x01
    files = {"genuine": genuine, "altered": bytes(altered)}
    failures = {}
    for name, data in files.items():
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(data)
        for width in (1280, 320):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(demo_site.url + "/verifiera/")
            page.get_by_label("PDF-fil").set_input_files(str(path))
            page.get_by_role("button", name="Kontrollera filen").click()
            page.wait_for_selector("#result-heading")
            verdict = "Giltig." if name == "genuine" else "Ej giltig."
            assert f"Samlad bedömning: {verdict}" in page.inner_text("main")
            page.locator("details summary").first.click()
            assert page.locator("details").first.evaluate("d => d.open")
            violations = axe_violations(page)
            if violations:
                failures[f"{name} @ {width}px"] = violations
            overflow = page.evaluate(
                "document.documentElement.scrollWidth"
                " - document.documentElement.clientWidth"
            )
            if overflow > 0:
                failures[f"{name} @ {width}px"] = f"{overflow}px sideways"
    assert failures == {}
