"""/protokoll/: one rule for what is public, filters, pages, flat query counts."""

import datetime

import pytest

from council.portal.search.sources import published_paragraphs
from meetings.models import Protocol
from tests import factories

pytestmark = pytest.mark.django_db
PUBLISHED = Protocol.State.PUBLISHED


def published(body, year: int, month: int = 3) -> Protocol:
    meeting = factories.MeetingFactory(
        body=body,
        starts_at=datetime.datetime(year, month, 10, 9, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(year, month, 10, 12, tzinfo=datetime.UTC),
    )
    return factories.ProtocolFactory(meeting=meeting, state=PUBLISHED)


def test_public_rule_leaves_out_replaced_versions_and_inactive_bodies(db):
    """A version replaced by a published correction, and inactive bodies, are out."""
    body = factories.BodyFactory()
    original = published(body, 2024)
    correction = factories.ProtocolFactory(
        meeting=original.meeting,
        version=2,
        corrects=original,
        correction_reason="Fel namn i § 3",
        state=PUBLISHED,
    )
    hidden_body = factories.BodyFactory(is_active=False)
    published(hidden_body, 2024)
    draft = factories.ProtocolFactory(meeting__body=body)
    assert list(Protocol.objects.public()) == [correction]
    paragraph = factories.ParagraphFactory(protocol=original, order=1)
    assert paragraph not in published_paragraphs()
    assert draft not in Protocol.objects.public()


def test_list_filters_by_body_and_year(client, db):
    """?organ= and ?ar= narrow the list; a bad year is ignored."""
    rad = factories.BodyFactory(slug="radet", name="Rådet")
    natverk = factories.BodyFactory(slug="natverket", name="Nätverket")
    in_2023 = published(rad, 2023)
    in_2024 = published(rad, 2024)
    other = published(natverk, 2024)

    def listed(**params) -> set[int]:
        response = client.get("/protokoll/", params)
        assert response.status_code == 200
        return {p.pk for p in response.context["protocols"]}

    assert listed() == {in_2023.pk, in_2024.pk, other.pk}
    assert listed(organ="radet") == {in_2023.pk, in_2024.pk}
    assert listed(ar="2024") == {in_2024.pk, other.pk}
    assert listed(organ="radet", ar="2023") == {in_2023.pk}
    assert listed(ar="förra året") == {in_2023.pk, in_2024.pk, other.pk}
    empty = client.get("/protokoll/", {"organ": "radet", "ar": "1999"})
    assert "Inga publicerade protokoll för det urvalet" in empty.content.decode()


def test_list_is_paginated_with_flat_queries(client, db, django_assert_max_num_queries):
    """25 per page, links between pages, the same queries for 1 or 60 protokoll."""
    body = factories.BodyFactory()
    published(body, 2020)
    with django_assert_max_num_queries(5):
        client.get("/protokoll/")
    for n in range(59):
        published(body, 2000 + n % 20, month=1 + n % 12)
    with django_assert_max_num_queries(5):
        first = client.get("/protokoll/")
    assert len(first.context["protocols"]) == 25
    html = first.content.decode()
    assert "Sida 1 av 3" in html and 'rel="next"' in html
    last = client.get("/protokoll/", {"sida": "3"})
    assert len(last.context["protocols"]) == 10
