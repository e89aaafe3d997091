"""The meetings pages are valid HTML according to the Nu HTML Checker (vnu)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from meetings.services.attachments import attachment_upload
from meetings.services.attendance import attendance_report_absence
from meetings.services.notice import notice_send
from meetings.services.planning import agenda_item_create
from tests.checks import vnu_problems
from tests.upload_files import PDF

pytestmark = pytest.mark.django_db


def test_meetings_pages_are_valid_html(client, cast, meeting, tmp_path):
    item = agenda_item_create(
        meeting_id=meeting.pk,
        actor=cast.secretary,
        title="Rapport",
        text="**Viktigt**\n\n- en\n- två",
        is_public=False,
    )
    attachment_upload(
        meeting_id=meeting.pk,
        actor=cast.secretary,
        uploaded=SimpleUploadedFile("a.pdf", PDF),
        agenda_item_id=item.pk,
    )
    notice_send(meeting_id=meeting.pk, actor=cast.secretary)
    agenda_item_create(meeting_id=meeting.pk, actor=cast.secretary, title="Tillagd")
    attendance_report_absence(meeting_id=meeting.pk, actor=cast.member, note="Sjuk")
    template_item = cast.body.agenda_template_items.first()
    pages = [
        (None, "/moten/"),
        (None, f"/moten/{meeting.pk}/"),
        (cast.member, f"/moten/{meeting.pk}/"),
        (cast.substitute, f"/moten/{meeting.pk}/"),
        (cast.member, "/mina-moten/"),
        (cast.secretary, "/mina-moten/"),
        (cast.secretary, f"/moten/{meeting.pk}/"),
        (cast.secretary, f"/moten/{meeting.pk}/planera/"),
        (cast.secretary, f"/moten/{meeting.pk}/punkter/{item.pk}/"),
        (cast.secretary, "/organ/srt/nytt-mote/"),
        (cast.secretary, "/organ/srt/dagordningsmall/"),
        (cast.secretary, f"/organ/srt/dagordningsmall/{template_item.pk}/"),
    ]
    files = {}
    for index, (user, path) in enumerate(pages):
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.get(path)
        assert response.status_code == 200, path
        target = tmp_path / f"page{index}.html"
        target.write_bytes(response.content)
        files[str(target)] = f"{path} ({user or 'anonym'})"
    # A form with errors, as the secretary sees it.
    client.force_login(cast.secretary)
    response = client.post(f"/moten/{meeting.pk}/punkter/ny/", {"title": ""})
    target = tmp_path / "errors.html"
    target.write_bytes(response.content)
    files[str(target)] = "form with errors"

    assert vnu_problems(files) == []
