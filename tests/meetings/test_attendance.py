"""Anmälan av förhinder: until the meeting starts; the secretary sees it, the right
ersättare are told, and the protokoll's attendance starts from it."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from meetings.models import Attendance
from meetings.services.attendance import (
    attendance_report_absence,
    attendance_withdraw_absence,
)
from meetings.services.notice import notice_send

pytestmark = pytest.mark.django_db


@pytest.fixture
def called(cast, meeting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notice_send(meeting_id=meeting.pk, actor=cast.secretary)
    mail.outbox.clear()
    return meeting


def test_ledamot_reports_absence_and_the_secretary_sees_it(
    client, cast, called, django_capture_on_commit_callbacks
):
    client.force_login(cast.member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/moten/{called.pk}/forhinder/",
            {"note": "Krock med budgetmöte"},
            follow=True,
        )
    assert "Ditt förhinder är anmält" in response.content.decode()

    attendance = Attendance.objects.get(meeting=called, person__user=cast.member)
    assert attendance.present is False
    assert attendance.absence_reported_at is not None
    assert attendance.absence_note == "Krock med budgetmöte"
    assert attendance.role == Attendance.Role.MEMBER
    assert attendance.organisation == cast.memberships["member"].organisation

    client.force_login(cast.secretary)
    page = client.get(f"/moten/{called.pk}/").content.decode()
    absent_part = page.split("Har anmält förhinder (1)")[1].split("Kommer (")[0]
    assert cast.member.person.name in absent_part
    assert "Krock med budgetmöte" in absent_part
    coming_part = page.split("Kommer (")[1]
    assert cast.member.person.name not in coming_part
    assert cast.chair.person.name in coming_part


def test_substitutes_of_same_organisation_or_party_are_told(
    cast, called, django_capture_on_commit_callbacks
):
    """The ledamot is from Kumla (S): the Kumla ersättare is told, the Nora (V)
    ersättare is not."""
    with django_capture_on_commit_callbacks(execute=True):
        attendance_report_absence(meeting_id=called.pk, actor=cast.member)
    assert [m.to for m in mail.outbox] == [["ersattare@example.se"]]
    assert cast.member.person.name in mail.outbox[0].body
    assert "kan bli inkallad" in mail.outbox[0].body


def test_chair_absence_reaches_substitute_of_same_party(
    cast, called, django_capture_on_commit_callbacks
):
    cast.memberships["other_substitute"].party = cast.memberships["chair"].party
    cast.memberships["other_substitute"].organisation = None
    cast.memberships["other_substitute"].save()
    with django_capture_on_commit_callbacks(execute=True):
        attendance_report_absence(meeting_id=called.pk, actor=cast.chair)
    assert [m.to for m in mail.outbox] == [["ersattare2@example.se"]]
    attendance = Attendance.objects.get(person__user=cast.chair)
    assert attendance.role_note == "ordförande"


def test_substitute_absence_is_recorded_without_mail(
    cast, called, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        attendance = attendance_report_absence(
            meeting_id=called.pk, actor=cast.substitute
        )
    assert attendance.role == Attendance.Role.SUBSTITUTE
    assert not mail.outbox


def test_absence_cannot_be_reported_after_the_meeting_started(cast, called):
    called.refresh_from_db()
    called.starts_at = called.starts_at - datetime.timedelta(days=30)
    called.ends_at = called.starts_at + datetime.timedelta(hours=3)
    called.save()
    with pytest.raises(ValidationError, match="redan börjat"):
        attendance_report_absence(meeting_id=called.pk, actor=cast.member)
    assert not Attendance.objects.exists()


def test_absence_before_kallelse_is_refused(cast, meeting):
    with pytest.raises(ValidationError, match="inte skickad"):
        attendance_report_absence(meeting_id=meeting.pk, actor=cast.member)


@pytest.mark.parametrize("who", ["secretary", "outsider", "admin"])
def test_only_ledamoter_and_ersattare_report_absence(cast, called, who):
    with pytest.raises(PermissionDenied):
        attendance_report_absence(meeting_id=called.pk, actor=getattr(cast, who))


def test_reporting_twice_keeps_the_first_time_and_mails_once(
    cast, called, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = attendance_report_absence(meeting_id=called.pk, actor=cast.member)
        second = attendance_report_absence(
            meeting_id=called.pk, actor=cast.member, note="Nytt meddelande"
        )
    assert first.pk == second.pk
    assert second.absence_reported_at == first.absence_reported_at
    assert second.absence_note == "Nytt meddelande"
    assert len(mail.outbox) == 1


def test_withdrawn_absence_means_present_again(client, cast, called):
    attendance_report_absence(meeting_id=called.pk, actor=cast.member)
    attendance = attendance_withdraw_absence(meeting_id=called.pk, actor=cast.member)
    assert attendance.present is True
    assert attendance.absence_reported_at is None
    with pytest.raises(ValidationError):
        attendance_withdraw_absence(meeting_id=called.pk, actor=cast.member)
