"""No link in the portal leads a user to a 403 (or a 404, or a 500): for each role,
follow every link within the site from the start page, Mina möten and Att göra
through the meeting pages to the protokoll pages, and open each one."""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client

from meetings.services.protocol.justering import protocol_justera
from tests.meetings.inbox_world import World, build_world

pytestmark = pytest.mark.django_db

# How far from the start pages, and how many pages at most, per role.
DEPTH = 3
MAX_PAGES = 300
# Downloads: opened for their status, not read for links.
DOWNLOADS = re.compile(r"\.(pdf|zip|ics|xml|crt|pem|crl|txt)$")
# The back office has its own links and permissions (Django's admin).
NOT_CRAWLED = ("/admin/", "/static/", "/media/")
LINK = re.compile(r"<a\s[^>]*?href=\"([^\"]+)\"", flags=re.S)


@pytest.fixture
def world(cast) -> World:
    world = build_world(cast)
    protocol_justera(protocol_id=world.in_justering.pk, actor=cast.chair)
    return world


def internal(href: str) -> str | None:
    """The site path of a link, or None for another site, a mail or an anchor."""
    href = urldefrag(href.replace("&amp;", "&"))[0]
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not href.startswith("/"):
        return None
    if href.startswith(NOT_CRAWLED):
        return None
    return href


def crawl(client: Client, starts: list[str]) -> dict[str, int]:
    """Every page reached, with the status it finally answered."""
    seen: dict[str, int] = {}
    queue = deque((path, 0) for path in starts)
    while queue and len(seen) < MAX_PAGES:
        path, depth = queue.popleft()
        if path in seen:
            continue
        response = client.get(path, follow=True)
        seen[path] = response.status_code
        if (
            response.status_code != 200
            or depth >= DEPTH
            or DOWNLOADS.search(urlsplit(path).path)
            or "text/html" not in response.get("Content-Type", "")
        ):
            continue
        for href in LINK.findall(response.content.decode()):
            found = internal(href)
            if found is not None and found not in seen:
                queue.append((found, depth + 1))
    return seen


@pytest.mark.parametrize(
    "role", ["secretary", "chair", "member", "substitute", "outsider", "admin"]
)
def test_no_link_leads_to_a_refusal(client, cast, world, role):
    client.force_login(getattr(cast, role))
    starts = ["/", "/mina-moten/", "/mina-moten/att-gora/"]
    seen = crawl(client, starts)
    bad = {path: status for path, status in seen.items() if status != 200}
    assert not bad, (role, bad)
    # The crawl reached the meeting and protokoll pages the role has links to.
    assert f"/moten/{world.in_justering.meeting_id}/" in seen
    assert f"/protokoll/{world.published.pk}/" in seen
    if role in ("secretary", "admin", "member", "chair"):
        assert f"/protokoll/{world.in_justering.pk}/granska/" in seen
    if role in ("secretary", "admin"):
        assert "/protokoll/oversikt/" in seen
        assert f"/protokoll/{world.drafting.pk}/utkast/" in seen
    else:
        assert "/protokoll/oversikt/" not in seen


def test_the_breadcrumb_offers_the_overview_only_to_those_who_may_see_it(
    client, cast, world
):
    review = f"/protokoll/{world.in_justering.pk}/granska/"
    client.force_login(cast.member)
    assert 'href="/protokoll/oversikt/"' not in client.get(review).content.decode()
    client.force_login(cast.secretary)
    assert 'href="/protokoll/oversikt/"' in client.get(review).content.decode()


def test_the_meeting_page_links_the_protokoll_for_who_may_read_it(client, cast, world):
    meeting = f"/moten/{world.in_justering.meeting_id}/"
    review = f'href="/protokoll/{world.in_justering.pk}/granska/"'
    client.force_login(cast.member)  # the justerare
    assert review in client.get(meeting).content.decode()
    client.force_login(cast.chair)  # has justerat: still reads it
    assert review in client.get(meeting).content.decode()
    for user in (cast.substitute, cast.outsider):
        client.force_login(user)
        assert review not in client.get(meeting).content.decode()
    client.force_login(cast.secretary)
    page = client.get(meeting).content.decode()
    assert f'href="/moten/{world.in_justering.meeting_id}/protokoll/"' in page
    published = f"/moten/{world.published.meeting_id}/"
    for user in (cast.substitute, cast.outsider, cast.member):
        client.force_login(user)
        page = client.get(published).content.decode()
        assert f'href="/protokoll/{world.published.pk}/"' in page
    client.logout()
    page = client.get(published).content.decode()
    assert f'href="/protokoll/{world.published.pk}/"' in page
