"""Calendar feeds: the public feed shows public facts only; a personal feed follows
a secret token that can be revoked."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from icalendar import Calendar

from meetings.models import CalendarToken
from meetings.services.attachments import attachment_upload
from meetings.services.calendar import calendar_token_create, calendar_token_revoke
from meetings.services.notice import notice_send
from meetings.services.planning import agenda_item_create, meeting_update
from tests.upload_files import PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def called(cast, meeting, django_capture_on_commit_callbacks):
    agenda_item_create(
        meeting_id=meeting.pk,
        actor=cast.secretary,
        title="Öppen information om VuxWebb",
    )
    agenda_item_create(
        meeting_id=meeting.pk,
        actor=cast.secretary,
        title="Hemlig personalfråga",
        text="Känsliga uppgifter om lönesättning",
        is_public=False,
    )
    attachment_upload(
        meeting_id=meeting.pk,
        actor=cast.secretary,
        uploaded=SimpleUploadedFile("hemlig.pdf", PDF),
        title="Hemligt underlag",
    )
    with django_capture_on_commit_callbacks(execute=True):
        notice_send(meeting_id=meeting.pk, actor=cast.secretary)
    meeting.refresh_from_db()
    return meeting


def events(content: bytes) -> list:
    return Calendar.from_ical(content).walk("VEVENT")


def test_public_feed_contains_no_non_public_text(client, cast, called):
    response = client.get("/kalender/srt.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    unfolded = text.replace("\r\n ", "")
    for secret in (
        "Hemlig personalfråga",
        "Känsliga uppgifter",
        "Hemligt underlag",
        "hemlig-rum-42",
        "moten.example.se",
    ):
        assert secret not in unfolded
    [event] = events(response.content)
    assert "Öppen information om VuxWebb" in str(event["description"])
    assert str(event["url"]).endswith(f"/moten/{called.pk}/")
    assert str(event["uid"]) == f"meeting-{called.pk}@127.0.0.1"


def test_public_feed_leaves_out_meetings_without_kallelse(client, cast, meeting):
    assert events(client.get("/kalender/srt.ics").content) == []


def test_public_feed_update_keeps_uid_and_raises_sequence(client, cast, called):
    [before] = events(client.get("/kalender/srt.ics").content)
    start = called.starts_at + datetime.timedelta(days=1)
    meeting_update(
        meeting_id=called.pk,
        actor=cast.secretary,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        location=called.location,
        address=called.address,
        online_url=called.online_url,
    )
    [after] = events(client.get("/kalender/srt.ics").content)
    assert str(after["uid"]) == str(before["uid"])
    assert after["sequence"] == before["sequence"] + 1
    assert after.decoded("dtstart") == start


def test_unknown_body_feed_is_404(client, db):
    assert client.get("/kalender/finns-inte.ics").status_code == 404


def test_personal_feed_has_non_public_details_and_stops_when_revoked(
    client, cast, called
):
    token = calendar_token_create(actor=cast.member)
    url = f"/kalender/personlig/{token.token}.ics"
    response = client.get(url)
    assert response.status_code == 200
    unfolded = response.content.decode().replace("\r\n ", "")
    assert "Hemlig personalfråga" in unfolded
    assert "https://moten.example.se/hemlig-rum-42" in unfolded

    calendar_token_revoke(actor=cast.member)
    assert client.get(url).status_code == 404


def test_new_personal_token_replaces_the_old_one(client, cast, called):
    old = calendar_token_create(actor=cast.member)
    new = calendar_token_create(actor=cast.member)
    assert old.token != new.token
    assert client.get(f"/kalender/personlig/{old.token}.ics").status_code == 404
    assert client.get(f"/kalender/personlig/{new.token}.ics").status_code == 200
    assert CalendarToken.objects.filter(revoked_at__isnull=True).count() == 1


def test_personal_feed_of_another_body_member_has_nothing_of_this_body(
    client, cast, called
):
    token = calendar_token_create(actor=cast.outsider)
    content = client.get(f"/kalender/personlig/{token.token}.ics").content
    assert events(content) == []


def test_personal_feed_of_inactive_user_stops(client, cast, called):
    token = calendar_token_create(actor=cast.member)
    cast.member.is_active = False
    cast.member.save()
    assert client.get(f"/kalender/personlig/{token.token}.ics").status_code == 404


def test_calendar_link_buttons_on_mina_moten(client, cast, called):
    client.force_login(cast.member)
    response = client.post("/mina-moten/kalender/ny/", follow=True)
    token = CalendarToken.objects.get(user=cast.member, revoked_at__isnull=True)
    assert f"/kalender/personlig/{token.token}.ics" in response.content.decode()
    response = client.post("/mina-moten/kalender/aterkalla/", follow=True)
    assert "Din personliga kalenderlänk är återkallad" in response.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert client.get(f"/kalender/personlig/{token.token}.ics").status_code == 404


def test_calendar_token_buttons_need_post_and_login(client, db):
    assert client.get("/mina-moten/kalender/ny/").status_code in {302, 405}
    response = client.post("/mina-moten/kalender/ny/")
    assert response.status_code == 302
    assert "/logga-in/" in response["Location"]
    assert not CalendarToken.objects.exists()
