"""The Atom feed of published protokoll."""

import xml.etree.ElementTree as ET

import pytest

from meetings.models import Protocol
from tests import factories

pytestmark = pytest.mark.django_db
ATOM = {"a": "http://www.w3.org/2005/Atom"}


def entries(client) -> list[ET.Element]:
    response = client.get("/flode/protokoll.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    return root.findall("a:entry", ATOM)


def test_feed_lists_published_protokoll_only(client, demo_data):
    """The 2018 protokoll is in the feed; a draft and a justerat one are not."""
    factories.ProtocolFactory(state=Protocol.State.DRAFT)
    factories.ProtocolFactory(state=Protocol.State.JUSTERAT)
    found = entries(client)
    assert [e.findtext("a:title", namespaces=ATOM) for e in found] == [
        "Protokoll SSR 2018-09-28"
    ]
    protocol = Protocol.objects.get(state=Protocol.State.PUBLISHED)
    link = found[0].find("a:link", ATOM).get("href")
    assert link == f"http://testserver/protokoll/{protocol.pk}/"


def test_feed_queries_do_not_grow(client, db, django_assert_max_num_queries):
    """One query for the entries, however many."""
    for _ in range(12):
        factories.ProtocolFactory(
            state=Protocol.State.PUBLISHED, published_at="2025-01-01T10:00:00Z"
        )
    with django_assert_max_num_queries(2):
        assert len(entries(client)) == 12
