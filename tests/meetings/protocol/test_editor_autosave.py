"""Autosave: the editor's text is saved by itself through the service, with the
version check, attributed to the user; a stale version changes nothing, and an
expired session keeps the text over the login."""

from __future__ import annotations

import time

import pytest

from council.middleware import LAST_ACTIVITY_KEY
from meetings.models import Paragraph, Protocol
from meetings.views.protocol.unsaved import SESSION_KEY
from tests.meetings.helpers import editor_post

pytestmark = pytest.mark.django_db

TYPED = "Skrivet och sparat av sig självt."


def autosave(client, protocol: Protocol, data: dict) -> object:
    return client.post(f"/protokoll/{protocol.pk}/utkast/autospara/", data)


def test_autosave_saves_the_text_and_returns_the_new_version(client, cast, draft):
    paragraph = draft.paragraphs.order_by("order")[1]
    client.force_login(cast.secretary)
    version = draft.lock_version

    response = autosave(client, draft, editor_post(draft, **{paragraph.heading: TYPED}))

    assert response.status_code == 200
    answer = response.json()
    assert answer["status"] == "saved"
    assert answer["message"].startswith("Sparat ")
    draft.refresh_from_db()
    assert answer["lock_version"] == draft.lock_version == version + 1
    assert Paragraph.objects.get(pk=paragraph.pk).text == TYPED
    row = Paragraph.objects.get(pk=paragraph.pk).history.first()
    assert row.history_user == cast.secretary
    assert row.history_change_reason == "Sparat automatiskt"
    assert draft.history.first().history_change_reason == "Sparat automatiskt"

    # The editor, opened again, shows it: the text is kept across a reload.
    assert TYPED in client.get(f"/protokoll/{draft.pk}/utkast/").content.decode()


def test_an_autosave_that_changes_nothing_keeps_the_version(client, cast, draft):
    client.force_login(cast.secretary)
    version = draft.lock_version
    rows = draft.history.count()
    response = autosave(client, draft, editor_post(draft))
    assert response.json() == {
        "status": "saved",
        "message": response.json()["message"],
        "lock_version": version,
    }
    assert draft.history.count() == rows


def test_autosave_on_a_stale_version_is_a_conflict_and_changes_nothing(
    client, cast, draft
):
    """Someone else saved meanwhile: the autosave is refused and says so."""
    paragraph = draft.paragraphs.order_by("order")[1]
    client.force_login(cast.secretary)
    stale = editor_post(draft, **{paragraph.heading: TYPED})
    stale["lock_version"] = str(draft.lock_version - 1)
    before = Paragraph.objects.get(pk=paragraph.pk).text

    response = autosave(client, draft, stale)

    assert response.status_code == 409
    assert response.json()["status"] == "conflict"
    assert "Någon annan har sparat" in response.json()["message"].replace(
        "någon annan", "Någon annan"
    )
    assert Paragraph.objects.get(pk=paragraph.pk).text == before
    assert Protocol.objects.get(pk=draft.pk).lock_version == draft.lock_version


def test_autosave_leaves_files_and_uppdrag_to_spara(client, cast, draft):
    """A title typed for a bilaga without its file, or an uppdrag being written,
    neither blocks the autosave nor is added by it."""
    paragraph = draft.paragraphs.order_by("order")[1]
    client.force_login(cast.secretary)
    data = editor_post(draft, **{paragraph.heading: TYPED})
    data[f"p{paragraph.pk}-attachment_title"] = "Halvskriven titel"
    data[f"p{paragraph.pk}-new_action"] = "Ta fram underlag"
    response = autosave(client, draft, data)
    assert response.status_code == 200
    assert Paragraph.objects.get(pk=paragraph.pk).text == TYPED
    assert not paragraph.action_items.exists()


def test_an_outsider_cannot_autosave(client, cast, draft):
    client.force_login(cast.outsider)
    response = autosave(client, draft, editor_post(draft, **{"Övriga frågor": "x"}))
    assert response.status_code in (403, 404)
    assert draft.paragraphs.get(heading="Övriga frågor").text != "x"


def test_autosave_after_the_session_ran_out_keeps_the_text_over_the_login(
    client, cast, draft, settings
):
    """The autosave of an expired session saves nothing, keeps the text, and
    tells the page to log in; after the login the editor shows the text."""
    url = f"/protokoll/{draft.pk}/utkast/"
    paragraph = draft.paragraphs.order_by("order")[1]
    client.post("/logga-in/", {"username": cast.secretary.username, "password": "pw"})
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - settings.SESSION_IDLE_SECONDS - 5
    session.save()

    response = autosave(client, draft, editor_post(draft, **{paragraph.heading: TYPED}))

    assert response.status_code == 401
    answer = response.json()
    assert answer["status"] == "login"
    assert "Logga in igen" in answer["message"]
    assert answer["login_url"] == f"/logga-in/?next={url}"
    assert Paragraph.objects.get(pk=paragraph.pk).text != TYPED
    assert client.session[SESSION_KEY]["data"][f"p{paragraph.pk}-text"] == [TYPED]

    response = client.post(
        "/logga-in/",
        {"username": cast.secretary.username, "password": "pw", "next": url},
    )
    assert response["Location"] == url
    page = client.get(url).content.decode()
    assert TYPED in page
    assert Paragraph.objects.get(pk=paragraph.pk).text != TYPED
