"""§ numbers follow the body's setting, are fixed at justering and never reused."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest

from council.models import Body
from meetings.services.planning import meeting_create
from meetings.services.protocol import drafting
from meetings.services.protocol.correction import protocol_correct
from meetings.services.protocol.justering import (
    protocol_comment,
    protocol_send_to_justering,
)
from tests.meetings.helpers import draft_for

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Stockholm")


def meeting_on(cast, day: datetime.date):
    start = datetime.datetime.combine(day, datetime.time(9, 0), tzinfo=TZ)
    return meeting_create(
        body_id=cast.body.pk,
        actor=cast.secretary,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        location="Konferenslokal Lärken",
    )


def sent(cast, day: datetime.date):
    protocol = draft_for(cast, meeting_on(cast, day))
    protocol_send_to_justering(protocol_id=protocol.pk, actor=cast.secretary)
    return list(protocol.paragraphs.order_by("order").values_list("number", flat=True))


def use(cast, numbering: str) -> None:
    body = Body.objects.get(pk=cast.body.pk)
    body.numbering = numbering
    body.save()


def test_per_meeting_numbering_starts_at_one_for_every_meeting(cast):
    use(cast, Body.Numbering.PER_MEETING)
    assert sent(cast, datetime.date(2026, 2, 6)) == [1, 2, 3, 4, 5]
    assert sent(cast, datetime.date(2026, 4, 17)) == [1, 2, 3, 4, 5]


def test_per_year_numbering_runs_through_the_year_across_meetings(cast):
    use(cast, Body.Numbering.PER_YEAR)
    assert sent(cast, datetime.date(2025, 2, 7)) == [1, 2, 3, 4, 5]
    assert sent(cast, datetime.date(2025, 4, 18)) == [6, 7, 8, 9, 10]
    # A new calendar year starts again at § 1 (the meetings are held: sent
    # for justering only once they have ended).
    assert sent(cast, datetime.date(2026, 1, 23)) == [1, 2, 3, 4, 5]


def test_numbers_are_never_reused_after_a_revision(cast):
    """A paragraph added after comments gets a new number after the year's last."""
    use(cast, Body.Numbering.PER_YEAR)
    first = draft_for(cast, meeting_on(cast, datetime.date(2026, 2, 6)))
    protocol_send_to_justering(protocol_id=first.pk, actor=cast.secretary)
    assert sent(cast, datetime.date(2026, 4, 17)) == [6, 7, 8, 9, 10]
    protocol_comment(
        protocol_id=first.pk,
        actor=cast.member,
        comments={first.paragraphs.get(number=4).pk: "Saknar en paragraf."},
    )
    drafting.protocol_paragraph_add(
        protocol_id=first.pk,
        actor=cast.secretary,
        after_id=first.paragraphs.get(number=4).pk,
        heading="Yrkesmässa",
    )
    protocol_send_to_justering(protocol_id=first.pk, actor=cast.secretary)
    numbers = list(first.paragraphs.order_by("order").values_list("number", flat=True))
    assert numbers == [1, 2, 3, 4, 11, 5]


def test_numbers_stay_in_a_correction(cast):
    from tests.meetings.helpers import justera_all

    use(cast, Body.Numbering.PER_YEAR)
    sent(cast, datetime.date(2026, 2, 6))
    protocol = draft_for(cast, meeting_on(cast, datetime.date(2026, 4, 17)))
    protocol_send_to_justering(protocol_id=protocol.pk, actor=cast.secretary)
    justera_all(cast, protocol)
    correction = protocol_correct(
        protocol_id=protocol.pk, actor=cast.secretary, reason="Stavfel"
    )
    protocol_send_to_justering(protocol_id=correction.pk, actor=cast.secretary)
    numbers = list(
        correction.paragraphs.order_by("order").values_list("number", flat=1)
    )
    assert numbers == [6, 7, 8, 9, 10]
