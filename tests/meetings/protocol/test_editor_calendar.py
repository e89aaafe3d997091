"""The editor refuses a justering date before the meeting at the field itself,
keeps what was typed and saves nothing; the autosave refuses it too."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from tests.meetings.helpers import editor_post

pytestmark = pytest.mark.django_db


def test_justering_date_before_the_meeting_is_an_error_at_the_field(
    client, cast, draft
):
    client.force_login(cast.secretary)
    before = draft.meeting.starts_at.date() - datetime.timedelta(days=2)
    data = editor_post(draft, **{draft.paragraphs.first().heading: "Nytt skrivet"})
    data["justering_date"] = before.isoformat()
    response = client.post(reverse("meetings:protocol_edit", args=[draft.pk]), data)
    assert response.status_code == 400
    header = response.context["header"]
    assert "Justeringen kan inte vara före mötet" in " ".join(
        header.errors["justering_date"]
    )
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert "Nytt skrivet" in html  # what was typed is kept
    draft.refresh_from_db()
    assert draft.justering_date is None
    assert draft.paragraphs.first().text != "Nytt skrivet"


def test_autosave_does_not_store_a_justering_date_before_the_meeting(
    client, cast, draft
):
    client.force_login(cast.secretary)
    data = editor_post(draft)
    data["justering_date"] = (
        draft.meeting.starts_at.date() - datetime.timedelta(days=1)
    ).isoformat()
    response = client.post(reverse("meetings:protocol_autosave", args=[draft.pk]), data)
    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.justering_date is None
