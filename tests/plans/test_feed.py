"""The Atom feed of published plans."""

import xml.etree.ElementTree as ET

import pytest

from plans.models import AnnualPlan
from tests import factories

pytestmark = pytest.mark.django_db
ATOM = {"a": "http://www.w3.org/2005/Atom"}


def test_feed_is_atom_and_lists_published_plans_only(client, demo_data):
    """The feed parses as Atom, lists the published demo plans and no draft."""
    council = AnnualPlan.objects.get(year=2023).body
    factories.AnnualPlanFactory(body=council, year=2024, state=AnnualPlan.State.DRAFT)
    response = client.get("/flode/planer.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    titles = [
        e.findtext("a:title", namespaces=ATOM) for e in root.findall("a:entry", ATOM)
    ]
    assert "Verksamhetsplan 2023, SSR" in titles
    assert "Verksamhetsplan 2022, SSR" in titles
    assert not any("2024" in title for title in titles)
    links = [e.find("a:link", ATOM).get("href") for e in root.findall("a:entry", ATOM)]
    assert "http://testserver/planer/ssr/2023/" in links


def test_feed_queries_do_not_grow(client, db, django_assert_max_num_queries):
    """One query for the items, however many plans there are."""
    body = factories.BodyFactory()
    for year in range(2000, 2020):
        factories.AnnualPlanFactory(
            body=body,
            year=year,
            state=AnnualPlan.State.PUBLISHED,
            published_at="2024-01-01T10:00:00Z",
        )
    with django_assert_max_num_queries(2):
        client.get("/flode/planer.xml")
