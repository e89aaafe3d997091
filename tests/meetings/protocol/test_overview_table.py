"""The protokoll overview is one table: each meeting with its status, next step,
deadline, who has not justerat and how far the justering has come; filtered by
body and year with a plain GET form, in a fixed number of queries."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from council.models import Membership
from meetings.models import Meeting
from meetings.services.protocol.justering import protocol_justera
from tests import factories
from tests.meetings.inbox_world import World, build_world, meeting_on, sent

pytestmark = pytest.mark.django_db

URL = "/protokoll/oversikt/"


@pytest.fixture
def world(cast) -> World:
    return build_world(cast)


def row_of(page: str, meeting_id: int) -> str:
    return page.split(f'<a href="/moten/{meeting_id}/">')[1].split("</tr>")[0]


def cells(row: str) -> dict[str, str]:
    """The row's cells by their column label, as plain text."""
    found = re.findall(r'<td data-label="([^"]+)">(.*?)</td>', row, flags=re.S)
    return {
        label: " ".join(re.sub(r"<[^>]+>", " ", text).split()) for label, text in found
    }


def test_one_table_with_caption_and_headers(client, cast, world):
    client.force_login(cast.secretary)
    page = client.get(URL).content.decode()
    assert page.count("<table") == 1
    assert "<caption>" in page
    headers = re.findall(r'<th scope="col">([^<]+)</th>', page)
    assert headers == [
        "Möte",
        "Status",
        "Nästa steg",
        "Sista dag",
        "Vem saknas",
        "Justering",
    ]
    assert (
        page.count('<th scope="row">') == Meeting.objects.filter(body=cast.body).count()
    )


def test_each_row_says_what_is_next(client, cast, world):
    protocol_justera(protocol_id=world.in_justering.pk, actor=cast.chair)
    client.force_login(cast.secretary)
    page = client.get(URL).content.decode()

    row = cells(row_of(page, world.in_justering.meeting_id))
    assert row["Status"] == "För justering"
    assert row["Vem saknas"] == cast.member.person.name
    assert row["Justering"] == "1 av 2 har justerat"
    assert "försenad" in row["Sista dag"]

    row = cells(row_of(page, world.commented.meeting_id))
    assert (
        row["Status"] == f"Utkast, ändringsförslag väntar ({cast.member.person.name})"
    )
    assert row["Nästa steg"].startswith("Besvara ändringsförslagen")
    assert f'href="/protokoll/{world.commented.pk}/utkast/"' in row_of(
        page, world.commented.meeting_id
    )

    row = cells(row_of(page, world.justerat.meeting_id))
    assert row["Nästa steg"].startswith("Publicera protokollet")
    assert row["Justering"].startswith("Justerat ")

    row = cells(row_of(page, world.uncalled.pk))
    assert row["Nästa steg"].startswith("Skicka kallelsen")
    deadline = world.uncalled.local_start.date()
    assert f'<time datetime="{deadline:%Y-%m-%d}">' in row_of(page, world.uncalled.pk)

    unwritten = row_of(page, world.unwritten.pk)
    assert f'action="/moten/{world.unwritten.pk}/protokoll/"' in unwritten
    assert cells(unwritten)["Status"] == "Hållet, inget protokoll"

    row = cells(row_of(page, world.published.meeting_id))
    assert row["Status"] == "Publicerat"
    assert row["Nästa steg"].startswith("Läs protokollet")


def test_filters_by_body_and_year_and_keep_their_values(client, cast, world):
    other = factories.BodyFactory(name="Nätverket för test", short_name="NFT")
    factories.MembershipFactory(
        body=other, person=cast.secretary.person, role=Membership.Role.SECRETARY
    )
    last_year = timezone.now() - datetime.timedelta(days=400)
    old = factories.MeetingFactory(
        body=other, starts_at=last_year, ends_at=last_year + datetime.timedelta(hours=2)
    )
    client.force_login(cast.secretary)
    page = client.get(URL).content.decode()
    assert f'href="/moten/{old.pk}/"' in page
    assert f'<option value="{other.slug}">' in page

    page = client.get(URL, {"organ": other.slug}).content.decode()
    assert f'<option value="{other.slug}" selected>' in page
    assert f'href="/moten/{old.pk}/"' in page
    assert f'href="/moten/{world.unwritten.pk}/"' not in page

    year = timezone.localtime(last_year).year
    page = client.get(URL, {"ar": str(year)}).content.decode()
    assert f'<option value="{year}" selected>' in page
    assert f'href="/moten/{old.pk}/"' in page
    assert f'href="/moten/{world.unwritten.pk}/"' not in page

    page = client.get(URL, {"organ": cast.body.slug, "ar": str(year)}).content.decode()
    assert "Inga möten med de valen." in page


@pytest.mark.parametrize("bad", ["x", "99999", "-1", "\u0661\u0662", "abc"])
def test_odd_filter_values_show_everything(client, cast, world, bad):
    client.force_login(cast.secretary)
    response = client.get(URL, {"organ": bad, "ar": bad})
    assert response.status_code == 200
    assert f'href="/moten/{world.unwritten.pk}/"' in response.content.decode()


def test_only_those_who_run_a_body_see_it(client, cast, world):
    for user in (cast.chair, cast.member, cast.substitute, cast.outsider):
        client.force_login(user)
        assert client.get(URL).status_code == 403
    for user in (cast.secretary, cast.admin):
        client.force_login(user)
        assert client.get(URL).status_code == 200


def queries(client) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(URL).status_code == 200
    return len(context.captured_queries)


def test_the_table_costs_the_same_with_more_meetings(client, cast, world):
    client.force_login(cast.secretary)
    small = queries(client)
    for days in (-8, -9, -10):
        sent(cast, meeting_on(cast, days))
    meeting_on(cast, 20, called=False)
    other = factories.BodyFactory(short_name="Fler")
    factories.MembershipFactory(
        body=other, person=cast.secretary.person, role=Membership.Role.SECRETARY
    )
    factories.MeetingFactory(body=other)
    assert queries(client) == small
