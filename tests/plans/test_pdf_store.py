"""The plan's PDF is rendered once per version of its content; a draft's stays
with the body's insiders."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from plans.models import Activity

pytestmark = pytest.mark.django_db


def pdftotext(data: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def stored() -> list[Path]:
    return sorted((Path(settings.MEDIA_ROOT) / "rendered" / "plan").glob("*/*.pdf"))


def test_the_public_plan_is_rendered_once(client, published, renders):
    url = f"/planer/{published.body.slug}/2024/pdf/"
    first = client.get(url)
    second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert renders == ["Verksamhetsplan 2024, " + published.body.short_name]
    (path,) = stored()
    assert second["ETag"] == f'"{path.stem}"'
    assert second["Cache-Control"] == "public, max-age=60"
    assert "verksamhetsplan-" in second["Content-Disposition"]


def test_a_changed_activity_gives_a_new_plan_pdf(client, published, renders):
    url = f"/planer/{published.body.slug}/2024/pdf/"
    before = client.get(url)
    activity = Activity.objects.get(plan=published, title="Pågående samverkan")
    activity.title = "Samverkan kring GyWebb"
    activity.save()
    after = client.get(url)
    assert "Samverkan kring GyWebb" in pdftotext(after.content)
    assert "Samverkan kring GyWebb" not in pdftotext(before.content)
    assert after["ETag"] != before["ETag"]
    assert len(renders) == 2
    assert len(stored()) == 1


def test_a_draft_plan_pdf_stays_with_the_insiders(
    client, draft, published, member, renders
):
    url = f"/planer/{draft.body.slug}/2025/pdf/"
    client.force_login(member)
    inside = client.get(url)
    assert inside.status_code == 200
    assert "Hemligt utkast" in pdftotext(inside.content)
    assert inside["Cache-Control"] == "private, no-store"
    assert stored()
    client.logout()
    assert client.get(url).status_code == 404
    assert client.get(url, HTTP_IF_NONE_MATCH=inside["ETag"]).status_code == 404
    assert len(renders) == 1
