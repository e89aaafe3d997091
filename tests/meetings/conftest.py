"""A body with one person in every role, and a meeting of it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from council.models import Body, ItemKind, Membership, Party, User
from meetings.models import Meeting
from tests import factories


@dataclass
class Cast:
    body: Body
    other_body: Body
    secretary: User
    chair: User
    member: User
    substitute: User
    other_substitute: User
    outsider: User
    admin: User
    memberships: dict[str, Membership]

    def users(self) -> dict[str, User | None]:
        return {
            "anonym": None,
            "ledamot i annat organ": self.outsider,
            "ledamot": self.member,
            "ersättare": self.substitute,
            "sekreterare": self.secretary,
            "administratör": self.admin,
        }


def seat(body: Body, role: str, *, username: str, **person) -> tuple[User, Membership]:
    user = factories.UserFactory(username=username)
    person_obj = factories.PersonFactory(
        user=user, email=f"{username}@example.se", **person
    )
    membership = factories.MembershipFactory(person=person_obj, body=body, role=role)
    return user, membership


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
