"""The plan's PDF, checked with the real tools: pdftotext and pdfinfo."""

from __future__ import annotations

import subprocess

import pytest

from plans.models import AnnualPlan

pytestmark = pytest.mark.django_db


def normalise(text: str) -> str:
    """Join lines and hyphenation the way a reader does."""
    return " ".join(text.replace("\u00ad", "").split())


@pytest.fixture
def plan_pdf(client, demo_data, tmp_path):
    response = client.get("/planer/ssr/2023/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "verksamhetsplan-ssr-2023.pdf" in response["Content-Disposition"]
    path = tmp_path / "plan.pdf"
    path.write_bytes(response.content)
    return path


def test_pdf_text_holds_every_uppdrag_vision_item_and_activity(plan_pdf):
    """pdftotext finds each title of the demo plan 2023 and the 2022 follow-up."""
    text = normalise(
        subprocess.run(
            ["pdftotext", "-layout", str(plan_pdf), "-"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout
    )
    raw = normalise(
        subprocess.run(
            ["pdftotext", str(plan_pdf), "-"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout
    )
    plan = AnnualPlan.objects.get(body__slug="ssr", year=2023)
    previous = AnnualPlan.objects.get(body__slug="ssr", year=2022)
    titles = [
        *plan.assignments.values_list("title", flat=True),
        *plan.vision_items.values_list("title", flat=True),
        *plan.activities.values_list("title", flat=True),
        *previous.activities.values_list("title", flat=True),
    ]
    assert len(titles) == 6 + 7 + 8 + 7
    missing = [
        t for t in titles if normalise(t) not in raw and normalise(t) not in text
    ]
    assert missing == []
    assert "Verksamhetsplan 2023" in raw
    assert (
        "Specifikt samverkansråd för skola, utbildning och kompetensförsörjning" in raw
    )
    assert "Sida 1 (" in raw


def test_pdf_is_tagged_pdf_a(plan_pdf):
    info = subprocess.run(
        ["pdfinfo", str(plan_pdf)], capture_output=True, check=True, text=True
    ).stdout
    assert "Tagged:          yes" in info
    assert "pts (A4)" in info
    assert "Title:           Verksamhetsplan 2023, SSR" in info
    fonts = subprocess.run(
        ["pdffonts", str(plan_pdf)], capture_output=True, check=True, text=True
    ).stdout
    assert "Noto-Sans" in fonts
    assert all(" yes " in line for line in fonts.splitlines()[2:])


def test_draft_pdf_is_not_public_and_carries_watermark(client, demo_data, tmp_path):
    """A draft's PDF is a 404 for the public and marked UTKAST for insiders."""
    from council.models import User
    from plans import services

    sekreterare = User.objects.get(username="sekreterare")
    plan = AnnualPlan.objects.get(body__slug="ssr", year=2023)
    services.plan_create_from_previous(plan_id=plan.pk, actor=sekreterare)
    assert client.get("/planer/ssr/2024/pdf/").status_code == 404
    client.force_login(sekreterare)
    response = client.get("/planer/ssr/2024/pdf/")
    assert response.status_code == 200
    path = tmp_path / "draft.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "UTKAST" in text
    assert "Verksamhetsplan 2024" in text


def test_plan_pdf_is_the_pdfa_3a_it_declares(plan_pdf):
    """The rules of PDF/A-3a the portal relies on, and the validator `page`."""
    from tests.meetings.protocol.pdfa_rules import assert_pdfa
    from tests.meetings.protocol.pdfa_validator import assert_valid

    data = plan_pdf.read_bytes()
    assert_pdfa(data)
    assert_valid(data)
