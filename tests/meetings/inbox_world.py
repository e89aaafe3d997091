"""A body with a meeting at every step of its work, for Att göra and the overview:
each meeting called through the services and then moved to the day it is held,
and each protokoll driven through the services as the secretary and signers do.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from meetings.models import Meeting, Protocol
from meetings.services.notice import notice_send
from meetings.services.planning import meeting_create
from meetings.services.protocol import drafting
from meetings.services.protocol.justering import (
    protocol_comment,
    protocol_send_to_justering,
)
from meetings.services.protocol.publishing import protocol_publish
from tests.meetings.helpers import Cast, draft_for, justera_all


def meeting_on(cast: Cast, days: int, *, called: bool = True, hour: int = 9) -> Meeting:
    """A meeting of the cast's body `days` from today (negative: already held),
    with its kallelse sent when `called`."""
    later = timezone.localtime() + datetime.timedelta(days=30)
    start = later.replace(hour=hour, minute=0, second=0, microsecond=0)
    meeting = meeting_create(
        body_id=cast.body.pk,
        actor=cast.secretary,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        location="Konferenslokal Lärken",
    )
    if called:
        notice_send(meeting_id=meeting.pk, actor=cast.secretary)
    when = (timezone.localtime() + datetime.timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )
    # Test data only: the services plan meetings ahead, the clock moves them.
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=when, ends_at=when + datetime.timedelta(hours=2)
    )
    meeting.refresh_from_db()
    return meeting


def sent(cast: Cast, meeting: Meeting) -> Protocol:
    protocol = draft_for(cast, meeting)
    return protocol_send_to_justering(protocol_id=protocol.pk, actor=cast.secretary)


def commented(cast: Cast, meeting: Meeting) -> Protocol:
    """Sent for justering, then back with the justerare's ändringsförslag."""
    protocol = sent(cast, meeting)
    paragraph = protocol.paragraphs.order_by("order").first()
    protocol_comment(
        protocol_id=protocol.pk,
        actor=cast.member,
        comments={paragraph.pk: "Skriv ut hela namnet."},
    )
    protocol.refresh_from_db()
    return protocol


def published_with_uppdrag(cast: Cast, meeting: Meeting, *, due: datetime.date):
    """A published protokoll whose last § gives the ledamot an uppdrag."""
    protocol = draft_for(cast, meeting)
    paragraph = protocol.paragraphs.order_by("order").last()
    drafting.protocol_action_item_add(
        paragraph_id=paragraph.pk,
        actor=cast.secretary,
        description="Bjuda in Örebro universitet",
        assignee_id=cast.member.person.pk,
        due=due,
    )
    protocol.refresh_from_db()
    protocol = protocol_send_to_justering(protocol_id=protocol.pk, actor=cast.secretary)
    justera_all(cast, protocol)
    return protocol_publish(protocol_id=protocol.pk, actor=cast.secretary)


@dataclass
class World:
    """One meeting per step: `unwritten` (held, no protokoll), `uncalled`
    (upcoming, no kallelse), `called` (upcoming, called), `drafting` (held, a
    draft), `commented` (ändringsförslag wait), `in_justering`, `justerat`,
    `published` (with an open uppdrag for the ledamot)."""

    unwritten: Meeting
    uncalled: Meeting
    called: Meeting
    drafting: Protocol
    commented: Protocol
    in_justering: Protocol
    justerat: Protocol
    published: Protocol


def build_world(cast: Cast) -> World:
    today = timezone.localdate()
    return World(
        unwritten=meeting_on(cast, -2),
        uncalled=meeting_on(cast, 10, called=False),
        called=meeting_on(cast, 12),
        drafting=draft_for(cast, meeting_on(cast, -3)),
        commented=commented(cast, meeting_on(cast, -4)),
        in_justering=sent(cast, meeting_on(cast, -20)),
        justerat=justera_all(cast, sent(cast, meeting_on(cast, -6))),
        published=published_with_uppdrag(
            cast, meeting_on(cast, -40), due=today + datetime.timedelta(days=30)
        ),
    )
