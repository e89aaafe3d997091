"""The demo plan 2023 and the follow-up of 2022, as the public reads them."""

from __future__ import annotations

import html
import re

import pytest

from plans.models import AnnualPlan

pytestmark = pytest.mark.django_db


def page_text(response) -> str:
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(text).split())


def test_public_plan_2023_is_complete(client, demo_data):
    """Every uppdrag, vision item and activity, the RUS areas and the styrdokument."""
    plan = AnnualPlan.objects.get(body__slug="ssr", year=2023)
    text = page_text(client.get("/planer/ssr/2023/"))
    for title in [
        *plan.assignments.values_list("title", flat=True),
        *plan.vision_items.values_list("title", flat=True),
        *plan.activities.values_list("title", flat=True),
    ]:
        assert title in text
    assert "Kopplat till: RUS 5:3, RUS 5:4" in text
    assert "Regional handlingsplan för kompetensförsörjning 2020–2024" in text
    assert "Fortsätter från 2022" in text


def test_public_plan_2023_follows_up_2022(client, demo_data):
    """The 2022 activities with status and follow-up, and which continue in 2023."""
    previous = AnnualPlan.objects.get(body__slug="ssr", year=2022)
    text = page_text(client.get("/planer/ssr/2023/"))
    assert "Uppföljning av 2022" in text
    for activity in previous.activities.all():
        row = f"{activity.title} {activity.get_status_display()}"
        assert row in text
    assert "Fortsätter 2023 som ”Utveckla gymnasiesamverkan”. Ja" in text
    assert (
        "Gemensamt planera och genomföra en temadag med fokus på förskolan Genomförd – Nej"
        in text
    )


def test_demo_plans_are_listed_publicly(client, demo_data):
    text = page_text(client.get("/planer/"))
    assert "Verksamhetsplan 2023" in text and "Verksamhetsplan 2022" in text
    assert "Under arbete" not in text
