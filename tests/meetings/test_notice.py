"""Kallelse and tillägg: who gets them, what they carry, and what is recorded."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from icalendar import Calendar

from council.models import Membership
from meetings.models import Meeting, NoticeDispatch
from meetings.services.attachments import attachment_upload
from meetings.services.notice import notice_send, notice_send_supplement
from meetings.services.planning import agenda_item_create, meeting_update
from tests import factories
from tests.upload_files import PDF

pytestmark = pytest.mark.django_db


def ics_of(message) -> Calendar:
    [ics] = [a for a in message.attachments if a[0].endswith(".ics")]
    assert ics[2].startswith("text/calendar")
    return Calendar.from_ical(ics[1])


def send(cast, meeting, capture):
    with capture(execute=True):
        return notice_send(meeting_id=meeting.pk, actor=cast.secretary)


def test_kallelse_goes_to_every_current_ledamot_and_ersattare(
    cast, meeting, django_capture_on_commit_callbacks
):
    """Chair, ledamot and ersättare get it; the secretary, a member of another body
    and someone whose term has ended do not."""
    factories.MembershipFactory(
        body=cast.body,
        person=factories.PersonFactory(email="slutat@example.se"),
        starts=datetime.date(2019, 1, 1),
        ends=datetime.date(2022, 12, 31),
    )
    dispatch = send(cast, meeting, django_capture_on_commit_callbacks)

    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == [
        "ersattare2@example.se",
        "ersattare@example.se",
        "ledamot@example.se",
        "ordf@example.se",
    ]
    assert sorted(r["email"] for r in dispatch.recipients) == recipients
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.CALLED
    assert meeting.notice_sent_at == dispatch.sent_at
    assert dispatch.sent_by == cast.secretary
    assert meeting.history.first().history_change_reason == "Kallelse skickad"


def test_kallelse_carries_agenda_links_ics_and_pdf(
    cast, meeting, django_capture_on_commit_callbacks
):
    agenda_item_create(
        meeting_id=meeting.pk,
        actor=cast.secretary,
        title="Kompetensförsörjning i länet",
        presenter="Eva Sund, utvecklingsledare",
    )
    send(cast, meeting, django_capture_on_commit_callbacks)
    message = next(m for m in mail.outbox if m.to == ["ledamot@example.se"])

    assert message.subject.startswith("Kallelse: SRT ")
    assert "4. Kompetensförsörjning i länet (föredragande: Eva Sund" in message.body
    assert f"/moten/{meeting.pk}/" in message.body
    assert "https://moten.example.se/hemlig-rum-42" in message.body

    calendar = ics_of(message)
    assert str(calendar["method"]) == "REQUEST"
    [event] = calendar.walk("VEVENT")
    assert str(event["uid"]).startswith(f"meeting-{meeting.pk}@")
    assert event["sequence"] == 0
    assert event.decoded("dtstart") == meeting.starts_at
    assert event.decoded("dtend") == meeting.ends_at
    assert "Kompetensförsörjning i länet" in str(event["description"])
    assert "mailto:ledamot@example.se" in str(event["attendee"])

    [pdf] = [a for a in message.attachments if a[0].endswith(".pdf")]
    assert pdf[2] == "application/pdf"
    assert pdf[1].startswith(b"%PDF-")


def test_people_without_email_are_recorded_and_named(
    client, cast, meeting, django_capture_on_commit_callbacks
):
    person = factories.PersonFactory(name="Utan Epost", email="")
    factories.MembershipFactory(body=cast.body, person=person)
    client.force_login(cast.secretary)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/moten/{meeting.pk}/kallelse/", {"confirm": "ja"}, follow=True
        )

    assert "Saknar e-postadress och har inte fått utskicket: Utan Epost" in (
        response.content.decode()
    )
    dispatch = NoticeDispatch.objects.get()
    assert [e["name"] for e in dispatch.without_email] == ["Utan Epost"]
    assert len(mail.outbox) == 4


def test_kallelse_cannot_be_sent_twice(
    cast, meeting, django_capture_on_commit_callbacks
):
    send(cast, meeting, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError, match="redan skickad"):
        notice_send(meeting_id=meeting.pk, actor=cast.secretary)


def test_kallelse_needs_a_future_meeting(cast, meeting):
    meeting.starts_at = meeting.starts_at - datetime.timedelta(days=60)
    meeting.ends_at = meeting.starts_at + datetime.timedelta(hours=2)
    meeting.save()
    with pytest.raises(ValidationError, match="redan börjat"):
        notice_send(meeting_id=meeting.pk, actor=cast.secretary)


def test_changes_after_kallelse_are_shown_to_members_and_sent_as_tillagg(
    client, cast, meeting, django_capture_on_commit_callbacks
):
    send(cast, meeting, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    agenda_item_create(
        meeting_id=meeting.pk, actor=cast.secretary, title="Extra ärende om GySam"
    )
    attachment_upload(
        meeting_id=meeting.pk,
        actor=cast.secretary,
        uploaded=SimpleUploadedFile("gysam.pdf", PDF),
        title="GySam-rapport",
        is_public=True,
    )
    new_start = meeting.starts_at + datetime.timedelta(hours=1)
    meeting_update(
        meeting_id=meeting.pk,
        actor=cast.secretary,
        starts_at=new_start,
        ends_at=new_start + datetime.timedelta(hours=2),
        location="Rum 2",
        address=meeting.address,
        online_url=meeting.online_url,
    )

    client.force_login(cast.member)
    page = client.get(f"/moten/{meeting.pk}/").content.decode()
    assert "Ändringar efter kallelsen" in page
    assert "Ny punkt: Extra ärende om GySam" in page
    assert "Ändrad efter kallelsen" in page

    with django_capture_on_commit_callbacks(execute=True):
        dispatch = notice_send_supplement(
            meeting_id=meeting.pk, actor=cast.secretary, message="Observera ny tid."
        )
    assert dispatch.kind == NoticeDispatch.Kind.SUPPLEMENT
    assert dispatch.changes.count() == 3
    message = next(m for m in mail.outbox if m.to == ["ordf@example.se"])
    assert message.subject.startswith("Tillägg: SRT")
    assert "Observera ny tid." in message.body
    assert "- Ny punkt: Extra ärende om GySam" in message.body
    assert "- Ny bilaga till mötet: GySam-rapport" in message.body
    [event] = ics_of(message).walk("VEVENT")
    meeting.refresh_from_db()
    assert event["sequence"] == meeting.sequence >= 2
    assert str(event["uid"]) == f"meeting-{meeting.pk}@127.0.0.1"
    assert event.decoded("dtstart") == new_start

    with pytest.raises(ValidationError, match="Inget har ändrats"):
        notice_send_supplement(meeting_id=meeting.pk, actor=cast.secretary)


def test_changes_before_kallelse_are_not_logged(cast, meeting):
    agenda_item_create(meeting_id=meeting.pk, actor=cast.secretary, title="Ny punkt")
    assert not meeting.changes.exists()


def test_member_cannot_send_kallelse(client, cast, meeting):
    client.force_login(cast.member)
    assert client.post(f"/moten/{meeting.pk}/kallelse/").status_code == 403
    meeting.refresh_from_db()
    assert meeting.notice_sent_at is None
    assert not mail.outbox


def test_cancelled_meeting_tillagg_cancels_the_calendar_event(
    client, cast, meeting, django_capture_on_commit_callbacks
):
    send(cast, meeting, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    client.force_login(cast.secretary)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/moten/{meeting.pk}/stall-in/",
            {"confirm": "ja", "reason": "Lokalen är inte tillgänglig."},
        )
    message = mail.outbox[0]
    calendar = ics_of(message)
    assert str(calendar["method"]) == "CANCEL"
    event = calendar.walk("VEVENT")[0]
    assert str(event["status"]) == "CANCELLED"
    assert "Lokalen är inte tillgänglig." in str(event["description"])
    assert "MÖTET ÄR INSTÄLLT" in message.body
    assert "Skäl: Lokalen är inte tillgänglig." in message.body


def test_substitute_role_is_named_in_recipients(
    cast, meeting, django_capture_on_commit_callbacks
):
    dispatch = send(cast, meeting, django_capture_on_commit_callbacks)
    roles = {r["email"]: r["role"] for r in dispatch.recipients}
    assert roles["ersattare@example.se"] == Membership.Role.SUBSTITUTE.label
