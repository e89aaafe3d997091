"""Who sees and does what, role by role: anonymous, a member of another body, a
ledamot, an ersättare, the secretary and an administrator."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from meetings.models import Attendance
from meetings.services.attachments import attachment_upload
from meetings.services.notice import notice_send
from meetings.services.planning import agenda_item_create
from tests.upload_files import pdf_document

OPEN_PDF = pdf_document(note="offentlig")
SECRET_PDF = pdf_document(note="hemlig")
ITEM_PDF = pdf_document(note="under sluten punkt")

pytestmark = pytest.mark.django_db

ROLES = [
    "anonym",
    "ledamot i annat organ",
    "ledamot",
    "ersättare",
    "sekreterare",
    "administratör",
]
INSIDERS = {"ledamot", "ersättare", "sekreterare", "administratör"}
MANAGERS = {"sekreterare", "administratör"}
CALLED = {"ledamot", "ersättare"}


@pytest.fixture
def prepared(cast, meeting):
    public_item = agenda_item_create(
        meeting_id=meeting.pk, actor=cast.secretary, title="Öppen punkt om VuxWebb"
    )
    secret_item = agenda_item_create(
        meeting_id=meeting.pk,
        actor=cast.secretary,
        title="Sluten punkt om upphandling",
        is_public=False,
    )
    public_file = attachment_upload(
        meeting_id=meeting.pk,
        actor=cast.secretary,
        uploaded=SimpleUploadedFile("oppen.pdf", OPEN_PDF),
        title="Offentligt underlag",
        is_public=True,
        agenda_item_id=public_item.pk,
    )
    secret_file = attachment_upload(
        meeting_id=meeting.pk,
        actor=cast.secretary,
        uploaded=SimpleUploadedFile("sluten.pdf", SECRET_PDF),
        title="Hemligt underlag",
        is_public=False,
        agenda_item_id=public_item.pk,
    )
    public_file_on_secret_item = attachment_upload(
        meeting_id=meeting.pk,
        actor=cast.secretary,
        uploaded=SimpleUploadedFile("bilaga.pdf", ITEM_PDF),
        title="Bilaga till sluten punkt",
        is_public=True,
        agenda_item_id=secret_item.pk,
    )
    return meeting, public_file, secret_file, public_file_on_secret_item


@pytest.fixture
def called(cast, prepared, django_capture_on_commit_callbacks):
    meeting = prepared[0]
    with django_capture_on_commit_callbacks(execute=True):
        notice_send(meeting_id=meeting.pk, actor=cast.secretary)
    return prepared


def login(client, cast, role):
    user = cast.users()[role]
    if user is not None:
        client.force_login(user)
    return user


@pytest.mark.parametrize("role", ROLES)
def test_meeting_page_before_kallelse(client, cast, prepared, role):
    """Before the kallelse only the secretary and administrators see the meeting."""
    meeting = prepared[0]
    login(client, cast, role)
    response = client.get(f"/moten/{meeting.pk}/")
    assert response.status_code == (200 if role in MANAGERS else 404)
    file_response = client.get(f"/moten/{meeting.pk}/bilagor/{prepared[1].pk}/")
    assert file_response.status_code == (200 if role in MANAGERS else 404)


@pytest.mark.parametrize("role", ROLES)
def test_meeting_page_after_kallelse(client, cast, called, role):
    meeting = called[0]
    login(client, cast, role)
    page = client.get(f"/moten/{meeting.pk}/").content.decode()
    assert "Öppen punkt om VuxWebb" in page
    assert "Offentligt underlag" in page
    insider = role in INSIDERS
    assert ("Sluten punkt om upphandling" in page) is insider
    assert ("Hemligt underlag" in page) is insider
    assert ("Bilaga till sluten punkt" in page) is insider
    assert ("hemlig-rum-42" in page) is insider
    assert ("Anmäl förhinder" in page) is (role in CALLED)
    assert ("Vilka kommer" in page) is (role in MANAGERS)


@pytest.mark.parametrize("role", ROLES)
def test_attachment_downloads(client, cast, called, role):
    meeting, public_file, secret_file, on_secret_item = called
    login(client, cast, role)
    public = client.get(f"/moten/{meeting.pk}/bilagor/{public_file.pk}/")
    assert public.status_code == 200
    assert b"".join(public.streaming_content) == OPEN_PDF
    assert 'filename="oppen.pdf"' in public["Content-Disposition"]
    expected = 200 if role in INSIDERS else 404
    assert (
        client.get(f"/moten/{meeting.pk}/bilagor/{secret_file.pk}/").status_code
        == expected
    )
    assert (
        client.get(f"/moten/{meeting.pk}/bilagor/{on_secret_item.pk}/").status_code
        == expected
    )


@pytest.mark.parametrize("role", ROLES)
def test_attachment_view_shows_what_the_download_gives(client, cast, called, role):
    """The inline view (OParl's accessUrl) answers to the same roles as the
    download, shows a PDF inline (without the sandbox Chromium's viewer refuses),
    and never lets the type be sniffed."""
    meeting, public_file, secret_file, on_secret_item = called
    login(client, cast, role)
    public = client.get(f"/moten/{meeting.pk}/bilagor/{public_file.pk}/visa/")
    assert public.status_code == 200
    assert b"".join(public.streaming_content) == OPEN_PDF
    assert public["Content-Disposition"].startswith("inline")
    assert public["Content-Type"] == "application/pdf"
    assert "Content-Security-Policy" not in public
    assert public["X-Content-Type-Options"] == "nosniff"
    expected = 200 if role in INSIDERS else 404
    for hidden in (secret_file, on_secret_item):
        url = f"/moten/{meeting.pk}/bilagor/{hidden.pk}/"
        assert client.get(url + "visa/").status_code == expected
        assert client.get(url).status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_documents_zip_holds_what_the_role_may_read(client, cast, called, role):
    meeting = called[0]
    login(client, cast, role)
    response = client.get(f"/moten/{meeting.pk}/handlingar.zip")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    assert "00 Kallelse.pdf" in names
    contents = {archive.read(n) for n in names}
    assert OPEN_PDF in contents
    assert (SECRET_PDF in contents) is (role in INSIDERS)
    assert (ITEM_PDF in contents) is (role in INSIDERS)


@pytest.mark.parametrize("role", ROLES)
def test_planning_and_sending(client, cast, prepared, role):
    meeting = prepared[0]
    login(client, cast, role)
    plan = client.get(f"/moten/{meeting.pk}/planera/")
    send = client.post(f"/moten/{meeting.pk}/kallelse/", {"confirm": "ja"})
    meeting.refresh_from_db()
    if role in MANAGERS:
        assert plan.status_code == 200
        assert send.status_code == 302
        assert meeting.notice_sent_at is not None
    else:
        expected = 302 if role == "anonym" else 403
        assert plan.status_code == expected
        assert send.status_code == expected
        if role == "anonym":
            assert send["Location"].startswith("/logga-in/")
        assert meeting.notice_sent_at is None


@pytest.mark.parametrize("role", ROLES)
def test_reporting_absence(client, cast, called, role):
    meeting = called[0]
    user = login(client, cast, role)
    response = client.post(f"/moten/{meeting.pk}/forhinder/", {"note": ""})
    if role in CALLED:
        assert response.status_code == 302
        assert Attendance.objects.get(person__user=user).absence_reported_at
    else:
        assert response.status_code == (302 if role == "anonym" else 403)
        assert not Attendance.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_kallelse_pdf(client, cast, called, role):
    meeting = called[0]
    login(client, cast, role)
    response = client.get(f"/moten/{meeting.pk}/kallelse.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
