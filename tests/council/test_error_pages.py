"""The error pages speak Swedish with DEBUG off: 400 (a NUL character in the
address), 403 (no permission, and a form whose CSRF check failed), 404 and 500."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.views.defaults import server_error

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/protokoll/?organ=%00",
        "/protokoll/?organ=srt%00",
        "/sok/?q=a&%00=1",
        "/kalender/personlig/%00.ics",
        "/organ/srt%00/",
    ],
)
def test_a_nul_character_in_the_address_answers_400_in_swedish(client, url):
    """No link of the portal has a NUL character; PostgreSQL refuses one in a
    lookup, so the request is refused before any view sees it."""
    response = client.get(url)

    assert response.status_code == 400
    page = response.content.decode()
    assert '<html lang="sv">' in page
    assert "Felaktig begäran" in page


def test_no_permission_answers_403_in_swedish(client):
    body = factories.BodyFactory(slug="srt")
    client.force_login(factories.UserFactory())

    response = client.get(f"/organ/{body.slug}/nytt-mote/")

    assert response.status_code == 403
    assert "Ingen behörighet" in response.content.decode()


def test_a_failed_csrf_check_answers_403_in_swedish():
    client = Client(enforce_csrf_checks=True)
    client.force_login(factories.UserFactory())

    response = client.post("/logga-ut/")

    assert response.status_code == 403
    page = response.content.decode()
    assert "Formuläret kunde inte skickas" in page
    assert "CSRF verification failed" not in page


def test_a_missing_page_answers_404_in_swedish(client):
    response = client.get("/finns-inte/")

    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


def test_a_server_error_answers_500_in_swedish():
    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert "Tekniskt fel" in response.content.decode()
