"""Public meeting pages and Mina möten: what is listed, in few queries."""

from __future__ import annotations

import datetime
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from meetings.services.attachments import attachment_upload
from meetings.services.notice import notice_send
from meetings.services.planning import agenda_item_create, meeting_create
from tests import factories
from tests.upload_files import PDF

pytestmark = pytest.mark.django_db


def plan_meeting(cast, start, *, send=False):
    meeting = meeting_create(
        body_id=cast.body.pk,
        actor=cast.secretary,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        location="Rum",
    )
    if send:
        notice_send(meeting_id=meeting.pk, actor=cast.secretary)
    return meeting


def test_public_list_shows_only_meetings_with_kallelse(client, cast, future):
    called = plan_meeting(cast, future, send=True)
    planned = plan_meeting(cast, future + datetime.timedelta(days=7))
    page = client.get("/moten/").content.decode()
    assert f"/moten/{called.pk}/" in page
    assert f"/moten/{planned.pk}/" not in page
    assert "Kommande möten" in page
    assert cast.body.name in page


def test_past_meetings_are_listed_as_past(client, cast):
    past = factories.MeetingFactory(
        body=cast.body,
        starts_at=timezone.now() - datetime.timedelta(days=40),
        ends_at=timezone.now() - datetime.timedelta(days=40, hours=-2),
        notice_sent_at=timezone.now() - datetime.timedelta(days=60),
        state="hallet",
    )
    page = client.get("/moten/").content.decode()
    past_part = page.split("Tidigare möten")[1]
    assert f"/moten/{past.pk}/" in past_part


def test_public_list_queries_do_not_grow(
    client, cast, future, django_assert_max_num_queries
):
    plan_meeting(cast, future, send=True)
    with django_assert_max_num_queries(3):
        assert client.get("/moten/").status_code == 200
    for n in range(1, 8):
        plan_meeting(cast, future + datetime.timedelta(days=n), send=True)
    other = factories.MeetingFactory(
        starts_at=future, ends_at=future + datetime.timedelta(hours=1)
    )
    other.notice_sent_at = timezone.now()
    other.save()
    with django_assert_max_num_queries(3):
        assert client.get("/moten/").status_code == 200


def test_mina_moten_lists_my_bodies_meetings(client, cast, future):
    called = plan_meeting(cast, future, send=True)
    planned = plan_meeting(cast, future + datetime.timedelta(days=7))
    foreign = factories.MeetingFactory(
        starts_at=future,
        ends_at=future + datetime.timedelta(hours=1),
        notice_sent_at=timezone.now(),
    )
    client.force_login(cast.member)
    page = client.get("/mina-moten/").content.decode()
    assert f"/moten/{called.pk}/" in page
    assert f"/moten/{planned.pk}/" not in page
    assert f"/moten/{foreign.pk}/" not in page
    client.force_login(cast.secretary)
    page = client.get("/mina-moten/").content.decode()
    assert f"/moten/{planned.pk}/" in page
    assert "Planera nytt möte" in page


def test_mina_moten_shows_my_reported_absence(client, cast, future):
    from meetings.services.attendance import attendance_report_absence

    called = plan_meeting(cast, future, send=True)
    client.force_login(cast.member)
    assert "Du har anmält förhinder" not in client.get("/mina-moten/").content.decode()
    attendance_report_absence(meeting_id=called.pk, actor=cast.member)
    assert "Du har anmält förhinder" in client.get("/mina-moten/").content.decode()


def test_mina_moten_needs_login(client, db):
    response = client.get("/mina-moten/")
    assert response.status_code == 302
    assert response["Location"].startswith("/logga-in/")


def test_mina_moten_queries_do_not_grow(
    client, cast, future, django_assert_max_num_queries
):
    plan_meeting(cast, future, send=True)
    client.force_login(cast.member)
    # 11, and 3 for Att göra (meetings.selectors.tasks).
    with django_assert_max_num_queries(14):
        assert client.get("/mina-moten/").status_code == 200
    for n in range(1, 8):
        plan_meeting(cast, future + datetime.timedelta(days=n), send=True)
    with django_assert_max_num_queries(14):
        assert client.get("/mina-moten/").status_code == 200


def test_meeting_page_queries_do_not_grow_with_items(
    client, cast, meeting, django_assert_max_num_queries
):
    notice_send(meeting_id=meeting.pk, actor=cast.secretary)
    client.force_login(cast.member)
    with django_assert_max_num_queries(13):
        assert client.get(f"/moten/{meeting.pk}/").status_code == 200
    for n in range(6):
        item = agenda_item_create(
            meeting_id=meeting.pk, actor=cast.secretary, title=f"P {n}"
        )
        attachment_upload(
            meeting_id=meeting.pk,
            actor=cast.secretary,
            uploaded=SimpleUploadedFile(f"{n}.pdf", PDF),
            agenda_item_id=item.pk,
        )
    with django_assert_max_num_queries(13):
        assert client.get(f"/moten/{meeting.pk}/").status_code == 200


def test_public_kallelse_pdf_has_no_non_public_text(client, cast, meeting, tmp_path):
    agenda_item_create(
        meeting_id=meeting.pk, actor=cast.secretary, title="Öppen punkt om GyWebb"
    )
    agenda_item_create(
        meeting_id=meeting.pk,
        actor=cast.secretary,
        title="Sluten punkt om avtal",
        is_public=False,
    )
    notice_send(meeting_id=meeting.pk, actor=cast.secretary)

    def text(response) -> str:
        path = tmp_path / "k.pdf"
        path.write_bytes(response.content)
        return subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout

    public = text(client.get(f"/moten/{meeting.pk}/kallelse.pdf"))
    assert "Öppen punkt om GyWebb" in public
    assert "Sluten punkt om avtal" not in public
    assert "hemlig-rum-42" not in public
    assert "Samverkansrådet för test" in public  # the letterhead
    client.force_login(cast.member)
    members = text(client.get(f"/moten/{meeting.pk}/kallelse.pdf"))
    assert "Sluten punkt om avtal" in members


def test_state_changes_need_post(client, cast, meeting):
    client.force_login(cast.secretary)
    for path in ("kallelse/", "tillagg/", "stall-in/", "forhinder/", "bilagor/ny/"):
        assert client.get(f"/moten/{meeting.pk}/{path}").status_code == 405


def test_nav_has_moten_and_mina_moten_for_logged_in(client, cast):
    page = client.get("/").content.decode()
    assert 'href="/moten/"' in page
    assert 'href="/mina-moten/"' not in page
    client.force_login(cast.member)
    assert 'href="/mina-moten/"' in client.get("/").content.decode()
