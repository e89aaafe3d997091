"""Security headers and sessions: the Content-Security-Policy, no-store for
logged-in users, the page cache's distance from them, and the idle timeout."""

from __future__ import annotations

import time

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from council.middleware import LAST_ACTIVITY_KEY, ContentSecurityPolicyMiddleware
from council.models import Membership
from council.portal.public_cache import HIT_HEADER
from tests import factories

pytestmark = pytest.mark.django_db


def policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {
        part.strip().split(" ", 1)[0]: part.strip().split(" ", 1)[1]
        for part in header.split(";")
        if part.strip()
    }


def test_public_pages_carry_a_strict_content_security_policy(client):
    directives = policy(client.get("/tillganglighet/"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert directives["base-uri"] == "'self'"
    assert "unsafe" not in client.get("/").get("Content-Security-Policy")


def test_a_pdf_goes_without_the_policy():
    """Chromium's PDF viewer breaks under a document policy."""
    request = RequestFactory().get("/protokoll/1/protokoll.pdf")
    middleware = ContentSecurityPolicyMiddleware(
        lambda r: HttpResponse(b"%PDF-1.7", content_type="application/pdf")
    )
    assert "Content-Security-Policy" not in middleware(request)
    middleware = ContentSecurityPolicyMiddleware(lambda r: HttpResponse("<p>x</p>"))
    assert "Content-Security-Policy" in middleware(request)


def cache_control(response) -> set[str]:
    return {
        part.strip() for part in response.get("Cache-Control", "").split(",") if part
    }


@pytest.fixture
def people(db):
    body = factories.BodyFactory()
    users = {}
    for role in (Membership.Role.MEMBER, Membership.Role.SECRETARY):
        user = factories.UserFactory(username=f"u-{role}")
        factories.MembershipFactory(
            person=factories.PersonFactory(user=user), body=body, role=role
        )
        users[role] = user
    users["admin"] = factories.SuperUserFactory()
    return users


@pytest.mark.parametrize("role", ["ledamot", "sekreterare", "admin"])
@pytest.mark.parametrize("path", ["/", "/tillganglighet/", "/mina-moten/", "/sok/"])
def test_every_page_for_a_logged_in_user_is_no_store(client, people, role, path):
    client.force_login(people[role])
    response = client.get(path)
    assert response.status_code == 200
    assert {"no-store", "private"} <= cache_control(response)


def test_the_admin_is_no_store(staff_client):
    assert "no-store" in cache_control(staff_client.get("/admin/"))


@pytest.mark.parametrize("path", ["/", "/protokoll/", "/tillganglighet/"])
def test_anonymous_pages_keep_their_headers(client, path):
    response = client.get(path)
    assert "no-store" not in cache_control(response)
    assert "private" not in cache_control(response)


def test_the_page_cache_never_stores_a_logged_in_page(client, people, settings):
    settings.PUBLIC_CACHE_SECONDS = 60
    client.force_login(people["ledamot"])
    client.get("/protokoll/")
    assert client.get("/protokoll/").get(HIT_HEADER) != "hit"
    client.logout()
    client.cookies.clear()
    anonymous = client.get("/protokoll/")
    assert anonymous.get(HIT_HEADER) != "hit"
    assert "Logga ut" not in anonymous.content.decode()


def make_idle(client, seconds: int) -> None:
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - seconds
    session.save()


def test_an_idle_session_is_logged_out(client, people, settings):
    settings.SESSION_IDLE_SECONDS = 2 * 60 * 60
    client.force_login(people["ledamot"])
    assert client.get("/mina-moten/").status_code == 200
    make_idle(client, 2 * 60 * 60 - 30)
    assert client.get("/mina-moten/").status_code == 200
    make_idle(client, 2 * 60 * 60 + 1)
    response = client.get("/mina-moten/", follow=True)
    assert response.redirect_chain[0][0].startswith("/logga-in/")
    assert "_auth_user_id" not in client.session
    assert "inte har använt portalen på 120 minuter" in response.content.decode()


def test_the_last_activity_is_written_at_most_once_a_minute(client, people):
    client.force_login(people["ledamot"])
    client.get("/mina-moten/")
    first = client.session[LAST_ACTIVITY_KEY]
    key = client.session.session_key
    make_idle(client, 10)
    written = client.session[LAST_ACTIVITY_KEY]
    client.get("/mina-moten/")
    assert client.session[LAST_ACTIVITY_KEY] == written  # within the minute
    make_idle(client, 61)
    client.get("/mina-moten/")
    assert client.session[LAST_ACTIVITY_KEY] >= first
    assert client.session.session_key == key
