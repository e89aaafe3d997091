"""Att göra: what awaits each signed-in user, on the start page, on Mina möten and
on its own page, each with its deadline and a link the user may follow."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from council.models import Membership
from meetings.selectors.tasks import tasks_for
from meetings.services.protocol.justering import protocol_justera
from tests import factories
from tests.meetings.helpers import Cast
from tests.meetings.inbox_world import World, build_world, meeting_on, sent

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast) -> World:
    return build_world(cast)


def kinds(user) -> list[tuple[str, int]]:
    return [(task.kind, task.meeting.pk) for task in tasks_for(user=user)]


def test_the_secretary_has_every_step_of_their_body(cast, world):
    """Kallelse, protokoll to write or finish, ändringsförslag, publication."""
    found = kinds(cast.secretary)
    assert ("kallelse", world.uncalled.pk) in found
    assert ("skriv", world.unwritten.pk) in found
    assert ("skriv", world.drafting.meeting_id) in found
    assert ("andringsforslag", world.commented.meeting_id) in found
    assert ("publicera", world.justerat.meeting_id) in found
    # Nothing to do for a called meeting, a protokoll in justering or a
    # published one; the signers have no task of the secretary's.
    assert world.called.pk not in {pk for _kind, pk in found}
    assert world.in_justering.meeting_id not in {pk for _kind, pk in found}
    assert world.published.meeting_id not in {pk for _kind, pk in found}
    assert not {kind for kind, _pk in found} & {"justera", "uppdrag"}


def test_the_chair_and_justerare_are_asked_to_justera(cast, world):
    assert kinds(cast.chair) == [("justera", world.in_justering.meeting_id)]
    found = kinds(cast.member)
    assert ("justera", world.in_justering.meeting_id) in found
    assert ("uppdrag", world.published.meeting_id) in found


def test_a_signer_who_has_justerat_is_no_longer_asked(cast, world):
    protocol_justera(protocol_id=world.in_justering.pk, actor=cast.chair)
    assert kinds(cast.chair) == []
    assert ("justera", world.in_justering.meeting_id) in kinds(cast.member)


def test_the_others_have_nothing_to_do(cast, world):
    for user in (cast.substitute, cast.outsider):
        assert tasks_for(user=user) == []


def test_an_administrator_sees_the_secretarys_tasks(cast, world):
    assert {kind for kind, _pk in kinds(cast.admin)} == {
        "kallelse",
        "skriv",
        "andringsforslag",
        "publicera",
    }


def test_deadlines_and_overdue(cast, world):
    tasks = {
        task.kind + str(task.meeting.pk): task for task in tasks_for(user=cast.member)
    }
    justera = tasks[f"justera{world.in_justering.meeting_id}"]
    assert justera.deadline == world.in_justering.meeting.justering_deadline
    assert justera.overdue  # held 20 days ago, 14 days to justera
    uppdrag = tasks[f"uppdrag{world.published.meeting_id}"]
    assert uppdrag.deadline == timezone.localdate() + datetime.timedelta(days=30)
    assert not uppdrag.overdue
    secretary = {t.kind + str(t.meeting.pk): t for t in tasks_for(user=cast.secretary)}
    kallelse = secretary[f"kallelse{world.uncalled.pk}"]
    assert kallelse.deadline == world.uncalled.local_start.date()
    deadlines = [t.deadline for t in tasks_for(user=cast.secretary)]
    dated = [day for day in deadlines if day is not None]
    assert deadlines == sorted(dated) + [None] * (len(deadlines) - len(dated))


def test_the_answer_names_whose_andringsforslag_wait(cast, world):
    task = next(
        t for t in tasks_for(user=cast.secretary) if t.kind == "andringsforslag"
    )
    assert task.detail == f"ändringsförslag väntar ({cast.member.person.name})"


def test_the_anslag_is_named_where_the_body_uses_it(cast, world):
    cast.body.uses_anslag = True
    cast.body.save()
    task = next(t for t in tasks_for(user=cast.secretary) if t.kind == "publicera")
    assert "anslaget" in task.action
    assert task.deadline == world.justerat.justering_date + datetime.timedelta(days=2)


def test_start_page_and_mina_moten_open_with_att_gora(client, cast, world):
    client.force_login(cast.chair)
    for path in ("/", "/mina-moten/", "/mina-moten/att-gora/"):
        page = client.get(path).content.decode()
        main = page.split('<main id="main"')[1]
        assert ">Att göra<" in main
        first_heading_after_h1 = re.findall(r"<h2[^>]*>([^<]*)<", main)
        if path != "/mina-moten/att-gora/":
            assert first_heading_after_h1[0] == "Att göra"
        item = main.split('class="task-list"')[1].split("</ul>")[0]
        assert f'href="/protokoll/{world.in_justering.pk}/granska/"' in item
        deadline = world.in_justering.meeting.justering_deadline
        assert f'<time datetime="{deadline:%Y-%m-%d}">' in item
        assert "försenad" in item  # in words, not only in colour


def test_nothing_to_do_is_said(client, cast):
    client.force_login(cast.substitute)
    for path in ("/", "/mina-moten/", "/mina-moten/att-gora/"):
        assert "Inget att göra just nu." in client.get(path).content.decode()


def test_anonymous_visitors_see_no_att_gora(client, cast, world):
    assert "Att göra" not in client.get("/").content.decode()
    response = client.get("/mina-moten/att-gora/")
    assert response.status_code == 302


def test_the_menu_offers_att_gora_to_the_signed_in(client, cast):
    client.force_login(cast.member)
    page = client.get("/protokoll/").content.decode()
    assert 'href="/mina-moten/att-gora/"' in page.split("</nav>")[0]


ROLES = ["secretary", "chair", "member", "substitute", "outsider", "admin"]


@pytest.mark.parametrize("role", ROLES)
def test_every_link_in_att_gora_opens(client, cast, world, role):
    """For each role, every task's link answers 200."""
    user = getattr(cast, role)
    client.force_login(user)
    page = client.get("/mina-moten/att-gora/").content.decode()
    listed = page.split("<h1>Att göra</h1>")[1].split("</main>")[0]
    links = re.findall(r'<a href="([^"]+)"', listed)
    assert len(links) == len(tasks_for(user=user))
    if role in ("secretary", "admin", "chair", "member"):
        assert links
    for link in links:
        assert client.get(link).status_code == 200, (role, link)


def test_the_list_costs_the_same_with_more_meetings(cast, django_assert_num_queries):
    """A fixed number of queries, however many meetings and protokoll wait."""

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        for user in (cast.secretary, cast.member):
            user.refresh_from_db()
        with CaptureQueriesContext(connection) as context:
            tasks_for(user=cast.secretary)
            tasks_for(user=cast.member)
        return len(context.captured_queries)

    build_world(cast)
    small = count()
    for days in (-8, -9, -10):
        sent(cast, meeting_on(cast, days))
    meeting_on(cast, -11)
    meeting_on(cast, 20, called=False)
    other = factories.BodyFactory(short_name="Fler")
    factories.MembershipFactory(
        body=other, person=cast.secretary.person, role=Membership.Role.SECRETARY
    )
    assert count() == small


def test_a_user_without_a_person_has_only_what_an_administrator_has(cast: Cast):
    lone = factories.UserFactory(username="ensam")
    assert tasks_for(user=lone) == []
