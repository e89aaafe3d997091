"""Every page that comes back with an error shows an error summary the focus can
move to (tabindex="-1"), before the form, with links to the fields."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from meetings.models import Attendance
from meetings.services.attachments import attachment_upload
from meetings.services.notice import notice_send
from tests.upload_files import PDF

pytestmark = pytest.mark.django_db

SUMMARY = '<div class="error-summary'


def summary(html: str) -> str:
    [found] = re.findall(r'<div class="error-summary[^>]*>.*?</div>', html, re.S)
    assert 'tabindex="-1"' in found and 'role="alert"' in found
    return found


def test_a_too_long_absence_note_comes_back_with_a_summary_and_the_text(
    client, cast, meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notice_send(meeting_id=meeting.pk, actor=cast.secretary)
    mail.outbox.clear()
    client.force_login(cast.member)
    note = "Krock med budgetmötet. " * 30
    response = client.post(f"/moten/{meeting.pk}/forhinder/", {"note": note})
    html = response.content.decode()
    assert response.status_code == 400
    found = summary(html)
    assert 'href="#forhinder_note"' in found
    assert note.strip() in html
    assert html.index(SUMMARY) < html.index('id="forhinder_note"')
    assert not Attendance.objects.filter(
        meeting=meeting, absence_reported_at__isnull=False
    ).exists()


def test_a_form_error_links_each_field_from_the_summary(client, cast):
    client.force_login(cast.secretary)
    response = client.post("/organ/srt/nytt-mote/", {"location": "Lärken"})
    assert response.status_code == 400
    found = summary(response.content.decode())
    assert '<a href="#mote_date">Datum: Ange datum.</a>' in found
    assert '<a href="#mote_start">' in found


def test_an_action_refused_by_a_service_shows_a_summary_first(client, cast, meeting):
    """A refusal after a redirect (no form to re-render) is a summary too."""
    item = meeting.agenda_items.get(title="Val av justerare")
    attachment_upload(
        meeting_id=meeting.pk,
        actor=cast.secretary,
        uploaded=SimpleUploadedFile("a.pdf", PDF),
        agenda_item_id=item.pk,
    )
    client.force_login(cast.secretary)
    response = client.post(
        f"/moten/{meeting.pk}/punkter/{item.pk}/ta-bort/",
        {"confirm": "ja"},
        follow=True,
    )
    html = response.content.decode()
    assert "Punkten har bilagor" in summary(html)
    main = html[html.index('<main id="main"') :]
    assert main.index(SUMMARY) < main.index("<h1")


def test_pages_without_errors_have_no_summary(client, cast, meeting):
    client.force_login(cast.secretary)
    html = client.get(f"/moten/{meeting.pk}/planera/").content.decode()
    assert SUMMARY not in html
    assert "js/error-focus.js" in html
