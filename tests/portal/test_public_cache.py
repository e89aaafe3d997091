"""Anonymous copies of the public pages: served without the database, never to or
from a logged-in user, and dropped the moment something public changes."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory

from council.models import Body
from council.portal import public_cache
from council.portal.public_cache import HIT_HEADER, PublicPageCacheMiddleware
from meetings.models import Protocol
from meetings.services.protocol.publishing import protocol_publish
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache_on(settings):
    settings.PUBLIC_CACHE_SECONDS = 60
    settings.PUBLIC_CACHE_MAX_ENTRIES = 100


def is_hit(response) -> bool:
    return response.get(HIT_HEADER) == "hit"


def demo_protocol() -> Protocol:
    return Protocol.objects.get(
        meeting__starts_at__date="2018-09-28", state=Protocol.State.PUBLISHED
    )


def public_paths() -> list[str]:
    protocol = demo_protocol()
    return [
        "/",
        "/organ/ssr/",
        "/moten/",
        f"/moten/{protocol.meeting_id}/",
        "/protokoll/",
        f"/protokoll/{protocol.pk}/",
        "/anslag/",
        "/planer/",
        "/natverk/",
        "/natverk/reko/",
        "/sok/?q=kompetensf%C3%B6rs%C3%B6rjning",
        "/flode/protokoll.xml",
        "/flode/planer.xml",
        "/sitemap.xml",
        "/api/oparl/v1.1/",
        "/api/oparl/v1.1/meeting",
        f"/api/oparl/v1.1/meeting/{protocol.meeting_id}",
    ]


def test_second_anonymous_request_is_a_copy_without_queries(
    client, demo_data, cache_on, django_assert_num_queries
):
    """Every public page is answered the second time from memory, no database."""
    for path in public_paths():
        first = client.get(path)
        assert first.status_code == 200, path
        assert not is_hit(first)
        with django_assert_num_queries(0):
            second = client.get(path)
        assert is_hit(second), path
        assert second.content == first.content
        assert second["Content-Type"] == first["Content-Type"]


def test_head_is_answered_from_the_copy_of_a_get(client, demo_data, cache_on):
    """HEAD uses the copy a GET made."""
    client.get("/protokoll/")
    assert is_hit(client.head("/protokoll/"))


def test_turned_off_with_zero_seconds(client, demo_data, settings):
    """PUBLIC_CACHE_SECONDS = 0 (the tests' default) caches nothing."""
    settings.PUBLIC_CACHE_SECONDS = 0
    client.get("/")
    assert not is_hit(client.get("/"))


def test_logged_in_user_never_gets_a_copy_and_never_makes_one(
    client, demo_data, cache_on
):
    """A member sees their own page; the anonymous copy stays anonymous."""
    user = factories.UserFactory(first_name="Inloggad", last_name="Ledamotsson")
    client.get("/")
    client.force_login(user)
    mine = client.get("/")
    assert not is_hit(mine)
    assert "Inloggad Ledamotsson" in mine.content.decode()
    again = client.get("/")
    assert not is_hit(again)
    client.logout()
    anonymous = client.get("/")
    assert is_hit(anonymous)
    assert "Inloggad Ledamotsson" not in anonymous.content.decode()
    assert "Logga in" in anonymous.content.decode()


def test_a_logged_in_first_visit_leaves_nothing_for_the_anonymous(
    client, demo_data, cache_on
):
    """What a member rendered is never stored for others."""
    user = factories.UserFactory(first_name="Första", last_name="Besökaren")
    client.force_login(user)
    client.get("/protokoll/")
    client.logout()
    first_anonymous = client.get("/protokoll/")
    assert not is_hit(first_anonymous)
    assert "Första Besökaren" not in first_anonymous.content.decode()


def test_pages_with_a_form_are_not_stored_and_the_form_still_works(
    client, demo_data, cache_on, mailoutbox
):
    """The accessibility page renders a CSRF token: never a copy, and posting works."""
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    page = browser.get("/tillganglighet/")
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()
    again = browser.get("/tillganglighet/")
    assert not is_hit(again)
    token = again.cookies["csrftoken"].value
    response = browser.post(
        "/tillganglighet/",
        {
            "message": "Fokus syns inte på knappen.",
            "page": "/",
            "name": "",
            "email": "",
            "website": "",
            "csrfmiddlewaretoken": token,
        },
    )
    assert response.status_code == 302
    followed = browser.get(response["Location"])
    assert "Tack! Din synpunkt är mottagen" in followed.content.decode()
    assert not is_hit(followed)
    login = browser.get("/logga-in/")
    assert not is_hit(browser.get("/logga-in/"))
    assert login.status_code == 200


def test_requests_with_messages_are_never_answered_from_a_copy(
    client, demo_data, cache_on
):
    """A visitor with a message waiting gets the real page, which shows it."""
    client.get("/")
    assert is_hit(client.get("/"))
    client.cookies["messages"] = "pending"
    assert not is_hit(client.get("/"))


def test_errors_and_posts_are_not_cached(client, demo_data, cache_on):
    """A 404 is rendered every time; a POST never reads or makes a copy."""
    client.get("/organ/finns-inte/")
    missing = client.get("/organ/finns-inte/")
    assert missing.status_code == 404 and not is_hit(missing)
    client.get("/sok/?q=Komtek")
    assert not is_hit(client.post("/sok/?q=Komtek"))


def test_private_paths_are_not_cached(client, demo_data, cache_on):
    """Only the public paths are copied: not the admin, login, or member pages."""
    for path in ["/admin/login/", "/logga-in/", "/mina-moten/", "/halsa/"]:
        client.get(path)
        assert not is_hit(client.get(path)), path


def test_publishing_a_protokoll_shows_at_once_and_a_draft_never(
    client, db, cache_on, django_capture_on_commit_callbacks
):
    """protocol_publish drops every copy when it commits; drafts never show."""
    admin = factories.SuperUserFactory()
    justerat = factories.ProtocolFactory(state=Protocol.State.JUSTERAT)
    factories.ParagraphFactory(protocol=justerat, order=1, heading="Nytt beslut")
    draft_body = factories.BodyFactory(short_name="Utkastorganet", slug="utkast")
    factories.ParagraphFactory(
        protocol=factories.ProtocolFactory(meeting__body=draft_body),
        order=1,
        heading="Hemligt utkastärende",
    )
    url = f"/protokoll/{justerat.pk}/"
    before = client.get("/protokoll/")
    assert is_hit(client.get("/protokoll/"))
    assert url not in before.content.decode()
    assert client.get(url).status_code == 404

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        protocol_publish(protocol_id=justerat.pk, actor=admin)
    assert public_cache.bump_generation in callbacks

    after = client.get("/protokoll/")
    assert not is_hit(after)
    assert url in after.content.decode()
    detail = client.get(url)
    assert detail.status_code == 200 and "Nytt beslut" in detail.content.decode()
    for path in ["/protokoll/", "/sok/?q=utkast%C3%A4rende", "/flode/protokoll.xml"]:
        assert "Hemligt utkastärende" not in client.get(path).content.decode()


def test_any_public_save_drops_the_copies(
    client, demo_data, cache_on, django_capture_on_commit_callbacks
):
    """A body renamed in the admin or in code is seen on the next request."""
    client.get("/")
    assert is_hit(client.get("/"))
    council = Body.objects.get(slug="ssr")
    with django_capture_on_commit_callbacks(execute=True):
        council.name = "Omdöpta samverkansrådet"
        council.save()
    page = client.get("/")
    assert not is_hit(page)
    assert "Omdöpta samverkansrådet" in page.content.decode()


def test_admin_changes_drop_the_copies(
    client, demo_data, cache_on, django_capture_on_commit_callbacks
):
    """Saving in the admin (any model, logged) invalidates every copy."""
    from django.contrib.admin.models import CHANGE, LogEntry

    admin = factories.SuperUserFactory()
    client.get("/natverk/")
    assert is_hit(client.get("/natverk/"))
    council = Body.objects.get(slug="ssr")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        LogEntry.objects.log_actions(  # what ModelAdmin.log_change does
            user_id=admin.pk,
            queryset=[council],
            action_flag=CHANGE,
            change_message="Ändrade namn.",
            single_object=True,
        )
    assert callbacks == [public_cache.bump_generation]
    assert not is_hit(client.get("/natverk/"))


def test_many_to_many_changes_drop_the_copies(
    client, demo_data, cache_on, django_capture_on_commit_callbacks
):
    """Changing a relation (an activity's paragraphs) counts as a change."""
    activity = factories.ActivityFactory()
    paragraph = factories.ParagraphFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        activity.paragraphs.add(paragraph)
    assert public_cache.bump_generation in callbacks


def test_private_models_and_rollbacks_do_not_drop_the_copies(
    db, django_capture_on_commit_callbacks
):
    """A login (User.last_login) or a rolled back change keeps the copies."""
    user = factories.UserFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        user.first_name = "Ny"
        user.save()
        factories.AccessibilityFeedbackFactory()
        try:
            with transaction.atomic():
                factories.BodyFactory()
                raise RuntimeError
        except RuntimeError:
            pass
    assert public_cache.bump_generation not in callbacks


def test_a_change_reaches_every_worker(db, cache_on):
    """Two workers keep their own copies; one bump makes both render again."""
    rendered = []

    def view(request):
        rendered.append(request.path)
        return HttpResponse("<p>Start</p>", content_type="text/html; charset=utf-8")

    workers = [PublicPageCacheMiddleware(view), PublicPageCacheMiddleware(view)]
    factory = RequestFactory()
    for worker in workers:
        worker(factory.get("/"))
        assert is_hit(worker(factory.get("/")))
    assert len(rendered) == 2
    public_cache.bump_generation()
    for worker in workers:
        assert not is_hit(worker(factory.get("/")))
    assert len(rendered) == 4


def test_generation_is_shared_through_the_file_cache(settings, tmp_path):
    """The default file cache: another process's backend reads the same token."""
    settings.CACHES = {
        **settings.CACHES,
        settings.PUBLIC_CACHE_ALIAS: {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        },
    }
    first = public_cache.current_generation()
    assert first and first == public_cache.current_generation()
    other_process = caches.create_connection(settings.PUBLIC_CACHE_ALIAS)
    assert other_process.get(public_cache.GENERATION_KEY) == first
    public_cache.bump_generation()
    assert other_process.get(public_cache.GENERATION_KEY) not in (None, first)


def test_copies_expire_and_the_store_is_bounded(db, cache_on, settings, monkeypatch):
    """A copy lives PUBLIC_CACHE_SECONDS; the least recently used go first."""
    settings.PUBLIC_CACHE_MAX_ENTRIES = 2

    def view(request):
        return HttpResponse("<p>x</p>", content_type="text/html; charset=utf-8")

    worker = PublicPageCacheMiddleware(view)
    factory = RequestFactory()
    for path in ["/moten/", "/planer/", "/natverk/"]:
        worker(factory.get(path))
    assert len(worker.pages) == 2
    assert not is_hit(worker(factory.get("/moten/")))
    assert is_hit(worker(factory.get("/natverk/")))
    now = public_cache.time.monotonic()
    monkeypatch.setattr(public_cache.time, "monotonic", lambda: now + 61)
    assert not is_hit(worker(factory.get("/natverk/")))


def test_reading_the_generation_is_cheap(settings, tmp_path):
    """With the file cache a request pays well under a tenth of a millisecond."""
    import time

    settings.CACHES = {
        **settings.CACHES,
        settings.PUBLIC_CACHE_ALIAS: {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        },
    }
    public_cache.current_generation()
    start = time.perf_counter()
    for _ in range(1000):
        public_cache.current_generation()
    ms_per_read = time.perf_counter() - start  # seconds for 1000 reads
    assert ms_per_read < 0.5  # with room for a busy machine


def test_an_unreadable_generation_serves_without_the_cache(client, demo_data, cache_on):
    """Whatever the shared store fails with, pages are still served, uncached."""
    from unittest import mock

    class Down:
        def get(self, *args, **kwargs):
            raise ConnectionError("store down")

    with mock.patch.object(public_cache, "_generations", return_value=Down()):
        assert public_cache.current_generation() is None
        response = client.get("/natverk/")
    assert response.status_code == 200 and not is_hit(response)
