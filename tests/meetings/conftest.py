"""Fixtures of the meetings tests: a body with one person in every role, a meeting
of it (three weeks ahead), and its protokoll in each state, made through the
services once the meeting has been held (`draft` moves it to yesterday).
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from council.models import ItemKind, Membership, Party
from meetings.models import Meeting, Protocol
from meetings.services.protocol.justering import (
    protocol_send_to_justering,
)
from meetings.services.protocol.publishing import protocol_publish
from tests import factories
from tests.meetings.helpers import Cast, draft_for, justera_all, seat


@pytest.fixture
def cast(db) -> Cast:
    body = factories.BodyFactory(
        name="Samverkansrådet för test",
        short_name="SRT",
        slug="srt",
        min_meetings_per_year=4,
    )
    other = factories.BodyFactory(short_name="Annat", slug="annat")
    for order, (title, kind) in enumerate(
        [
            ("Mötet öppnas", ItemKind.FORMALIA),
            ("Val av justerare", ItemKind.FORMALIA),
            ("Godkännande av dagordning", ItemKind.FORMALIA),
            ("Övriga frågor", ItemKind.OTHER_MATTERS),
            ("Mötet avslutas", ItemKind.FORMALIA),
        ],
        start=1,
    ):
        factories.AgendaTemplateItemFactory(
            body=body, order=order, title=title, kind=kind
        )
    kumla = factories.OrganisationFactory(name="Kumla kommun")
    nora = factories.OrganisationFactory(name="Nora kommun")
    secretary, m_secretary = seat(
        body, Membership.Role.SECRETARY, username="sekr", party=""
    )
    chair, m_chair = seat(
        body, Membership.Role.CHAIR, username="ordf", organisation=nora, party=Party.M
    )
    member, m_member = seat(
        body,
        Membership.Role.MEMBER,
        username="ledamot",
        organisation=kumla,
        party=Party.S,
    )
    substitute, m_sub = seat(
        body,
        Membership.Role.SUBSTITUTE,
        username="ersattare",
        organisation=kumla,
        party=Party.C,
    )
    other_sub, m_other_sub = seat(
        body,
        Membership.Role.SUBSTITUTE,
        username="ersattare2",
        organisation=nora,
        party=Party.V,
    )
    outsider, _ = seat(other, Membership.Role.MEMBER, username="utomstaende")
    admin = factories.SuperUserFactory(username="admin")
    return Cast(
        body=body,
        other_body=other,
        secretary=secretary,
        chair=chair,
        member=member,
        substitute=substitute,
        other_substitute=other_sub,
        outsider=outsider,
        admin=admin,
        memberships={
            "secretary": m_secretary,
            "chair": m_chair,
            "member": m_member,
            "substitute": m_sub,
            "other_substitute": m_other_sub,
        },
    )


@pytest.fixture
def future() -> datetime.datetime:
    start = timezone.localtime() + datetime.timedelta(days=21)
    return start.replace(hour=9, minute=0, second=0, microsecond=0)


@pytest.fixture
def meeting(cast, future) -> Meeting:
    from meetings.services.planning import meeting_create

    return meeting_create(
        body_id=cast.body.pk,
        actor=cast.secretary,
        starts_at=future,
        ends_at=future + datetime.timedelta(hours=3),
        location="Konferenslokal Lärken",
        address="Eklundavägen 1, Örebro",
        online_url="https://moten.example.se/hemlig-rum-42",
    )


@pytest.fixture
def draft(cast, meeting) -> Protocol:
    """The meeting's protokoll, drafted once the meeting has been held: the
    meeting (this very instance) is moved to yesterday first, since a protokoll
    goes to justering only after its meeting. `meeting` alone stays ahead, as
    the kallelse tests need it."""
    return draft_for(cast, meeting)


@pytest.fixture
def in_justering(cast, draft) -> Protocol:
    return protocol_send_to_justering(protocol_id=draft.pk, actor=cast.secretary)


@pytest.fixture
def justerat(cast, in_justering) -> Protocol:
    return justera_all(cast, in_justering)


@pytest.fixture
def published(cast, justerat) -> Protocol:
    return protocol_publish(protocol_id=justerat.pk, actor=cast.secretary)
