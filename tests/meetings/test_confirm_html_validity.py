"""The confirmation steps, the pages with error summaries and the protokoll page
with its signature blocks are valid HTML according to the Nu HTML Checker."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from meetings.services.attachments import attachment_upload
from meetings.services.notice import notice_send
from meetings.services.planning import meeting_create
from tests.checks import vnu_problems
from tests.upload_files import PDF

pytestmark = pytest.mark.django_db


def test_confirmation_and_error_pages_are_valid_html(
    client, cast, future, published, tmp_path
):
    start = future + datetime.timedelta(days=7)
    planned = meeting_create(
        body_id=cast.body.pk,
        actor=cast.secretary,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        location="Lärken",
    )
    start += datetime.timedelta(days=7)
    called = meeting_create(
        body_id=cast.body.pk,
        actor=cast.secretary,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        location="Lärken",
    )
    notice_send(meeting_id=called.pk, actor=cast.secretary)
    item = planned.agenda_items.first()
    attachment = attachment_upload(
        meeting_id=planned.pk,
        actor=cast.secretary,
        uploaded=SimpleUploadedFile("a.pdf", PDF),
        title="Underlag",
    )
    template_item = cast.body.agenda_template_items.first()
    posts = [
        (cast.secretary, f"/moten/{planned.pk}/kallelse/", {}),
        (cast.secretary, f"/moten/{called.pk}/kallelse/", {}),  # refused
        (cast.secretary, f"/moten/{called.pk}/tillagg/", {"message": "Hej"}),
        (cast.secretary, f"/moten/{planned.pk}/stall-in/", {}),
        (cast.secretary, f"/moten/{called.pk}/stall-in/", {}),
        (cast.secretary, f"/moten/{called.pk}/stall-in/", {"confirm": "ja"}),
        (cast.secretary, f"/moten/{planned.pk}/punkter/{item.pk}/ta-bort/", {}),
        (
            cast.secretary,
            f"/moten/{planned.pk}/bilagor/{attachment.pk}/ta-bort/",
            {},
        ),
        (cast.secretary, f"/organ/srt/dagordningsmall/{template_item.pk}/ta-bort/", {}),
        (cast.member, f"/moten/{called.pk}/forhinder/", {"note": "x" * 600}),
        (cast.secretary, "/organ/srt/nytt-mote/", {"date": "2030-01-01"}),
    ]
    files = {}
    for index, (user, path, data) in enumerate(posts):
        client.force_login(user)
        response = client.post(path, data)
        assert response.status_code in (200, 400), path
        target = tmp_path / f"post{index}.html"
        target.write_bytes(response.content)
        files[str(target)] = f"POST {path} {data}"
    client.logout()
    response = client.get(f"/protokoll/{published.pk}/")
    target = tmp_path / "protocol.html"
    target.write_bytes(response.content)
    files[str(target)] = "the published protokoll"

    assert vnu_problems(files) == []
