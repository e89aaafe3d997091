"""The calendar is respected: no protokoll is sent for justering before its
meeting has ended, and the justering date cannot precede the meeting. Refused
in the services, at the send page and in the admin, with a Swedish message and
never a 500.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from council.history import save_attributed
from meetings.models import Protocol
from meetings.services.protocol.justering import (
    content_to_send,
    protocol_send_to_justering,
)
from tests.meetings.helpers import draft_for, save_draft

pytestmark = pytest.mark.django_db


def _not_yet_ended(meeting, *, hours: int = 2) -> None:
    """The meeting began an hour ago and ends in `hours` hours."""
    start = timezone.now() - datetime.timedelta(hours=1)
    meeting.starts_at = start
    meeting.ends_at = start + datetime.timedelta(hours=1 + hours)
    save_attributed(meeting, user=None, reason="Mötet pågår")


def test_the_draft_fixture_is_of_a_meeting_that_has_ended(draft, meeting):
    """The fixture moves its meeting to yesterday, the same instance included."""
    assert meeting.has_ended()
    assert meeting.ends_at == draft.meeting.ends_at
    assert timezone.localtime(meeting.starts_at).date() == (
        timezone.localdate() - datetime.timedelta(days=1)
    )


def test_the_meeting_fixture_itself_stays_in_the_future(meeting):
    """Kallelse tests need a meeting to come."""
    assert meeting.starts_at > timezone.now()


def test_a_protokoll_of_a_meeting_still_going_on_is_not_sent(draft, cast):
    _not_yet_ended(draft.meeting)
    with pytest.raises(ValidationError) as refused:
        protocol_send_to_justering(protocol_id=draft.pk, actor=cast.secretary)
    [message] = refused.value.messages
    assert message.startswith(
        "Protokollet kan skickas för justering först när mötet är slut"
    )
    ends = timezone.localtime(Protocol.objects.get(pk=draft.pk).meeting.ends_at)
    assert f"kl. {ends:%H.%M}" in message
    assert Protocol.objects.get(pk=draft.pk).state == Protocol.State.DRAFT


def test_the_passkey_challenge_is_refused_too_before_the_meeting_ends(draft, cast):
    _not_yet_ended(draft.meeting)
    with pytest.raises(ValidationError, match="först när mötet är slut"):
        content_to_send(protocol_id=draft.pk, actor=cast.secretary)


def test_the_send_page_says_why_before_the_meeting_ends(client, cast, draft):
    _not_yet_ended(draft.meeting)
    client.force_login(cast.secretary)
    page = client.get(f"/protokoll/{draft.pk}/skicka/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "först när mötet är slut" in text
    assert 'name="password"' not in text  # nothing to sign yet
    response = client.post(f"/protokoll/{draft.pk}/skicka/", {"password": "pw"})
    assert response.status_code == 400
    assert "först när mötet är slut" in response.content.decode()
    assert Protocol.objects.get(pk=draft.pk).state == Protocol.State.DRAFT


def test_the_passkey_options_answer_with_the_message(client, cast, draft):
    _not_yet_ended(draft.meeting)
    client.force_login(cast.secretary)
    response = client.post(f"/protokoll/{draft.pk}/nyckel/skicka/")
    assert response.status_code == 400
    assert "först när mötet är slut" in response.json()["error"]


def test_a_justering_date_before_the_meeting_is_refused_when_saved(draft, cast):
    day = timezone.localtime(draft.meeting.starts_at).date()
    with pytest.raises(ValidationError) as refused:
        save_draft(cast, draft, day=day - datetime.timedelta(days=1))
    assert "Justeringen kan inte vara före mötet" in " ".join(refused.value.messages)
    assert "justering_date" in refused.value.message_dict
    protocol = save_draft(cast, Protocol.objects.get(pk=draft.pk), day=day)
    assert protocol.justering_date == day


def test_a_justering_date_before_the_meeting_stops_the_sending(draft, cast):
    """Set past the check (as an import might), it is still refused at sending."""
    day = timezone.localtime(draft.meeting.starts_at).date()
    Protocol.objects.filter(pk=draft.pk).update(
        justering_date=day - datetime.timedelta(days=3)
    )
    with pytest.raises(ValidationError, match="Justeringen kan inte vara före mötet"):
        protocol_send_to_justering(protocol_id=draft.pk, actor=cast.secretary)


def test_the_rule_is_the_meetings_own(meeting):
    """What the editor's form calls to show the error at its field."""
    day = timezone.localtime(meeting.starts_at).date()
    meeting.check_justering_date(day)
    meeting.check_justering_date(None)
    with pytest.raises(ValidationError) as refused:
        meeting.check_justering_date(day - datetime.timedelta(days=1))
    assert list(refused.value.message_dict) == ["justering_date"]


def test_the_model_check_refuses_a_justering_date_before_the_meeting(draft):
    """The admin's form runs the model's own check (full_clean)."""
    day = timezone.localtime(draft.meeting.starts_at).date()
    protocol = Protocol.objects.get(pk=draft.pk)
    protocol.justering_date = day - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        protocol.full_clean()
    assert "justering_date" in refused.value.message_dict


def test_a_meeting_held_long_ago_keeps_its_time(cast):
    """`draft_for` moves only a meeting that has not ended."""
    from tests.meetings.protocol.test_numbering import meeting_on

    meeting = meeting_on(cast, datetime.date(2025, 3, 14))
    starts = meeting.starts_at
    draft_for(cast, meeting)
    meeting.refresh_from_db()
    assert meeting.starts_at == starts
