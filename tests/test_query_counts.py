"""Each public page costs the same number of queries with one row as with many.

A world with one of everything is built, each page is counted, then every kind of
row is added many times over and each page is counted again: the counts must be
equal, page by page (the OParl lists are counted in tests/portal/test_oparl.py).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from council.models import Body, Membership
from meetings.models import Meeting, Protocol
from plans.models import AnnualPlan
from tests import factories

pytestmark = pytest.mark.django_db

MANY = 20


@dataclass
class World:
    council: Body
    network: Body
    protocol: Protocol
    meeting: Meeting
    plan: AnnualPlan


def paragraph_with_everything(protocol: Protocol, order: int) -> None:
    item = factories.AgendaItemFactory(
        meeting=protocol.meeting, order=order, title=f"Kompetensförsörjning {order}"
    )
    paragraph = factories.ParagraphFactory(
        protocol=protocol,
        order=order,
        number=order,
        agenda_item=item,
        heading=f"Kompetensförsörjning i länet {order}",
    )
    factories.ActionItemFactory(paragraph=paragraph)
    factories.AttachmentFactory(meeting=protocol.meeting, paragraph=paragraph)
    paragraph.recused.add(factories.PersonFactory())
    attendance = factories.AttendanceFactory(meeting=protocol.meeting)
    attendance.present_for.add(item)
    factories.ActivityFactory(plan=factories.AnnualPlanFactory()).paragraphs.add(
        paragraph
    )


def published_protocol(body: Body, starts_at: datetime.datetime) -> Protocol:
    protocol = factories.ProtocolFactory(
        meeting__body=body,
        meeting__starts_at=starts_at,
        meeting__ends_at=starts_at + datetime.timedelta(hours=3),
        meeting__notice_sent_at=starts_at - datetime.timedelta(days=14),
        state=Protocol.State.PUBLISHED,
        published_at=starts_at + datetime.timedelta(days=14),
    )
    protocol.justerare.add(factories.PersonFactory())
    factories.JusteringFactory(protocol=protocol)
    factories.NoticeFactory(
        protocol=protocol,
        posted_on=timezone.localdate() - datetime.timedelta(days=1),
        removed_on=timezone.localdate() + datetime.timedelta(days=20),
    )
    return protocol


def add_rows(world: World, n: int) -> None:
    """n more of every kind of row the public pages list."""
    base = timezone.now() - datetime.timedelta(days=400)
    start = world.council.meetings.count()
    for i in range(start, start + n):
        factories.MembershipFactory(body=world.council, role=Membership.Role.MEMBER)
        factories.MembershipFactory(body=world.network, role=Membership.Role.MEMBER)
        protocol = published_protocol(world.council, base + datetime.timedelta(days=i))
        paragraph_with_everything(protocol, 1)
        paragraph_with_everything(world.protocol, 100 + i)
        item = factories.AgendaItemFactory(meeting=world.meeting, order=100 + i)
        factories.AttachmentFactory(meeting=world.meeting, agenda_item=item)
        factories.AnnualPlanFactory(
            body=world.council,
            year=2030 + i,
            state=AnnualPlan.State.PUBLISHED,
            published_at=timezone.now(),
        )
        factories.AssignmentFactory(plan=world.plan)
        factories.VisionItemFactory(plan=world.plan).strategy_areas.add(
            factories.StrategyAreaFactory()
        )
        activity = factories.ActivityFactory(plan=world.plan)
        activity.paragraphs.add(world.protocol.paragraphs.first())
        factories.StyrdokumentFactory()
        profile = world.network.network_profile
        factories.FocusAreaFactory(profile=profile)
        factories.AchievementFactory(profile=profile)
        factories.AgreementTopicFactory(profile=profile)
        factories.NetworkLinkFactory(profile=profile)
        factories.SupportingNetworkFactory(profile=profile)
        network = factories.BodyFactory(kind=Body.Kind.NETWORK, slug=f"natverk-{i}")
        factories.NetworkProfileFactory(body=network)


@pytest.fixture
def world(db, settings) -> World:
    settings.COUNCIL_SLUG = "radet"
    council = factories.BodyFactory(slug="radet", short_name="Rådet")
    network = factories.BodyFactory(
        slug="natverket", short_name="Nätverket", kind=Body.Kind.NETWORK
    )
    factories.NetworkProfileFactory(body=network)
    protocol = published_protocol(council, timezone.now() - datetime.timedelta(days=30))
    paragraph_with_everything(protocol, 1)
    called = timezone.now() + datetime.timedelta(days=10)
    meeting = factories.MeetingFactory(
        body=council,
        starts_at=called,
        ends_at=called + datetime.timedelta(hours=2),
        notice_sent_at=timezone.now(),
        state=Meeting.State.CALLED,
    )
    plan = factories.AnnualPlanFactory(
        body=council,
        year=2024,
        state=AnnualPlan.State.PUBLISHED,
        published_at=timezone.now(),
    )
    world = World(council, network, protocol, meeting, plan)
    add_rows(world, 1)
    return world


def pages(world: World) -> list[str]:
    return [
        "/",
        "/organ/radet/",
        "/moten/",
        f"/moten/{world.meeting.pk}/",
        "/protokoll/",
        f"/protokoll/{world.protocol.pk}/",
        "/anslag/",
        "/planer/",
        "/planer/radet/2024/",
        "/styrdokument/",
        "/natverk/",
        "/natverk/natverket/",
        "/sok/?q=kompetensf%C3%B6rs%C3%B6rjning",
        "/flode/protokoll.xml",
        "/flode/planer.xml",
        "/sitemap.xml",
        "/kalender/radet.ics",
    ]


def counts(client, world: World) -> dict[str, int]:
    found = {}
    for path in pages(world):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, path
        found[path] = len(queries)
    return found


def test_public_pages_cost_the_same_with_many_rows(client, world):
    """With 2 rows of everything and with 22, each page runs the same queries."""
    few = counts(client, world)
    add_rows(world, MANY)
    assert world.protocol.paragraphs.count() == MANY + 2
    many = counts(client, world)
    assert many == few
