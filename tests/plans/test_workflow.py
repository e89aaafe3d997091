"""A plan's way through its pages: adopted at a meeting and published by the
secretary or an administrator; a new version needs a reason.
"""

from __future__ import annotations

import pytest

from plans import permissions
from plans.models import AnnualPlan
from tests.factories import (
    MeetingFactory,
    ParagraphFactory,
    ProtocolFactory,
)
from tests.plans.helpers import ROLES

pytestmark = pytest.mark.django_db


def test_adopt_publish_are_for_secretary_and_admin(users, draft):
    allowed = {r for r in ROLES if permissions.can_adopt_plan(users[r], draft)}
    assert allowed == {"sekreterare", "administratör"}


def test_adopt_then_publish_through_the_views(client, secretary, draft, council):
    meeting = MeetingFactory(body=council)
    paragraph = ParagraphFactory(protocol=ProtocolFactory(meeting=meeting), number=7)
    client.force_login(secretary)
    edit = f"/planer/{draft.body.slug}/2025/redigera/"
    response = client.post(edit + "faststall/", {"paragraph": "", "meeting": ""})
    assert response.status_code == 400
    assert "Välj paragrafen" in response.content.decode()
    client.post(edit + "faststall/", {"paragraph": paragraph.pk})
    draft.refresh_from_db()
    assert draft.state == "faststalld" and draft.adopted_in_paragraph == paragraph
    response = client.post(edit + "publicera/")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == "publicerad"
    client.logout()
    page = client.get(f"/planer/{draft.body.slug}/2025/").content.decode()
    assert "§ 7" in page


def test_new_version_needs_a_reason_and_keeps_the_adopted_one(
    client, secretary, published
):
    client.force_login(secretary)
    edit = f"/planer/{published.body.slug}/2024/redigera/"
    response = client.post(edit + "ny-version/", {"reason": ""})
    assert response.status_code == 400
    assert "Ange varför planen behöver ändras." in response.content.decode()
    client.post(edit + "ny-version/", {"reason": "Rättelse av en aktivitet"})
    assert AnnualPlan.objects.filter(body=published.body, year=2024).count() == 2
    client.logout()
    # The public still reads the published version 1.
    page = client.get(f"/planer/{published.body.slug}/2024/").content.decode()
    assert "Publicerat uppdrag" in page
    assert "Utkast:" not in page
