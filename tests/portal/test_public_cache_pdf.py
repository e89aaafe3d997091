"""The public PDFs in the page cache: the second anonymous request is a copy from
memory, a reader who has the version gets a 304, and the copies are bounded."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from council.portal import public_cache
from council.portal.public_cache import HIT_HEADER, PageStore, PublicPageCacheMiddleware
from meetings.models import Protocol
from tests.portal.test_public_cache import demo_protocol

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache_on(settings):
    settings.PUBLIC_CACHE_SECONDS = 60
    settings.PUBLIC_CACHE_MAX_ENTRIES = 100


def public_pdfs() -> list[str]:
    protocol = demo_protocol()
    number = protocol.paragraphs.filter(is_public=True).order_by("order")[0].number
    return [
        f"/moten/{protocol.meeting_id}/kallelse.pdf",
        "/planer/ssr/2023/pdf/",
        f"/protokoll/{protocol.pk}/protokoll.pdf",
        f"/protokoll/{protocol.pk}/utdrag/{number}.pdf",
    ]


def test_public_pdfs_are_copies_on_the_second_request(
    client, demo_data, cache_on, renders, django_assert_num_queries
):
    paths = public_pdfs()
    for path in paths:
        first = client.get(path)
        assert first.status_code == 200, path
        assert first["Content-Type"] == "application/pdf"
        assert first["Cache-Control"] == "public, max-age=60"
        rendered = len(renders)
        with django_assert_num_queries(0):
            second = client.get(path)
            not_modified = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
        assert second.get(HIT_HEADER) == "hit", path
        assert second.content == first.content
        assert second["ETag"] == first["ETag"]
        assert not_modified.status_code == 304, path
        assert not_modified.content == b""
        assert len(renders) == rendered
    # The kallelse, the plan and the extract were rendered once each; the signed
    # protokoll is the stored file.
    assert len(renders) == 3


def test_a_members_pdf_is_neither_copied_nor_served_a_copy(client, demo_data, cache_on):
    protocol = demo_protocol()
    path = f"/moten/{protocol.meeting_id}/kallelse.pdf"
    public = client.get(path)
    member = (
        Protocol.objects.get(pk=protocol.pk)
        .meeting.body.memberships.select_related("person__user")
        .filter(person__user__isnull=False)
        .first()
        .person.user
    )
    client.force_login(member)
    inside = client.get(path)
    assert inside.get(HIT_HEADER) != "hit"
    assert inside["Cache-Control"] == "private, no-store"
    client.logout()
    again = client.get(path)
    assert again.content == public.content


def test_the_copies_are_bounded_in_bytes():
    store = PageStore(max_bytes=25)
    for name in "abc":
        page = public_cache.CachedPage(
            generation="g", expires=0.0, status=200, headers=(), content=b"x" * 10
        )
        store.put((name,), page, limit=100)
    assert len(store) == 2
    assert store.bytes == 20
    assert store.get(("a",)) is None
    assert store.get(("c",)) is not None


def test_a_response_too_large_to_copy_passes_by(db, cache_on):
    def view(request):
        body = b"%PDF-" + b"x" * public_cache.MAX_COPY_BYTES
        return HttpResponse(body, content_type="application/pdf")

    worker = PublicPageCacheMiddleware(view)
    factory = RequestFactory()
    worker(factory.get("/planer/ssr/2023/pdf/"))
    assert len(worker.pages) == 0
    assert worker(factory.get("/planer/ssr/2023/pdf/")).get(HIT_HEADER) != "hit"
