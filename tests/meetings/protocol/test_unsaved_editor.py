"""The editor's text survives an expired session: Spara after the session ran out
keeps what was typed over the login and shows it again, not yet saved."""

from __future__ import annotations

import time

import pytest

from council.middleware import LAST_ACTIVITY_KEY
from meetings.models import Paragraph
from meetings.views.protocol.unsaved import SESSION_KEY
from tests.meetings.helpers import editor_post

pytestmark = pytest.mark.django_db

TYPED = "Text som skrevs medan sessionen löpte ut."


def log_in(client, user, next_url: str = ""):
    return client.post(
        "/logga-in/", {"username": user.username, "password": "pw", "next": next_url}
    )


def test_spara_after_the_idle_timeout_keeps_the_text_over_the_login(
    client, cast, draft, settings
):
    url = f"/protokoll/{draft.pk}/utkast/"
    paragraph = draft.paragraphs.order_by("order")[1]
    assert log_in(client, cast.secretary).status_code == 302
    assert client.get(url).status_code == 200
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - settings.SESSION_IDLE_SECONDS - 5
    session.save()

    data = editor_post(draft, **{paragraph.heading: TYPED})
    data["password"] = "pw"
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == f"/logga-in/?next={url}"
    assert Paragraph.objects.get(pk=paragraph.pk).text != TYPED
    kept = client.session[SESSION_KEY]["data"]
    assert "password" not in kept and "csrfmiddlewaretoken" not in kept
    login_page = client.get(response["Location"]).content.decode()
    assert "det du skrev i protokollet finns kvar" in login_page

    assert log_in(client, cast.secretary, url)["Location"] == url
    page = client.get(url).content.decode()
    assert TYPED in page
    assert "är återställd i formuläret nedan men är inte sparad" in page
    assert Paragraph.objects.get(pk=paragraph.pk).text != TYPED

    # Shown once; Spara then saves it.
    assert TYPED not in client.get(url).content.decode()
    response = client.post(url, editor_post(draft, **{paragraph.heading: TYPED}))
    assert response.status_code == 302
    assert Paragraph.objects.get(pk=paragraph.pk).text == TYPED


def test_spara_without_a_session_keeps_the_text_too(client, cast, draft):
    """The session's absolute lifetime ran out (no session at all)."""
    url = f"/protokoll/{draft.pk}/utkast/"
    paragraph = draft.paragraphs.order_by("order")[0]
    response = client.post(url, editor_post(draft, **{paragraph.heading: TYPED}))
    assert response["Location"] == f"/logga-in/?next={url}"
    log_in(client, cast.secretary, url)
    assert TYPED in client.get(url).content.decode()


def test_kept_text_is_only_restored_into_its_own_protokoll_for_its_editor(
    client, cast, draft
):
    url = f"/protokoll/{draft.pk}/utkast/"
    paragraph = draft.paragraphs.order_by("order")[0]
    client.post(url, editor_post(draft, **{paragraph.heading: TYPED}))
    log_in(client, cast.member)
    assert client.get(url).status_code == 403
