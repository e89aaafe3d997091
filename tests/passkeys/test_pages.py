"""The Säkerhet page and logging in with a passkey: registering, removing, the
login and its lockout, and hostile input answered with a clear message."""

from __future__ import annotations

import json

import pytest
from axes.models import AccessAttempt
from django.test import Client

from council.passkeys.models import Passkey
from tests import factories
from tests.passkeys.flows import authenticator, log_in, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return factories.UserFactory(username="ada")


@pytest.fixture
def client_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_security_page_requires_login(client):
    response = client.get("/konto/sakerhet/")
    assert response.status_code == 302
    assert response["Location"].startswith("/logga-in/")
    assert client.post("/konto/sakerhet/ny-nyckel/alternativ/").status_code == 302


def test_the_account_menu_links_to_it_and_it_says_javascript_is_needed(client_in):
    home = client_in.get("/").content.decode()
    assert 'href="/konto/sakerhet/"' in home
    page = client_in.get("/konto/sakerhet/").content.decode()
    assert "<h1>Säkerhet</h1>" in page
    assert "kräver JavaScript" in page
    assert "Du har inga nycklar." in page


def test_register_a_passkey_and_see_it_listed(client_in, user):
    device, response = register(client_in, name="Telefonen")
    assert response.status_code == 302
    passkey = Passkey.objects.get(user=user)
    assert bytes(passkey.credential_id) == device.credential_id
    assert passkey.name == "Telefonen"
    assert passkey.history.first().history_change_reason == "Nyckel registrerad"
    page = client_in.get("/konto/sakerhet/").content.decode()
    assert "Telefonen" in page and "Nyckeln ”Telefonen” är registrerad." in page


def test_registering_needs_the_password(client_in, user):
    _, response = register(client_in, password="fel")
    assert response.status_code == 400
    assert "Lösenordet stämmer inte" in response.content.decode()
    assert not Passkey.objects.exists()


def test_without_javascript_the_page_says_why_nothing_happened(client_in):
    response = client_in.post(
        "/konto/sakerhet/ny-nyckel/", {"name": "Datorn", "password": "pw"}
    )
    assert response.status_code == 400
    assert "kräver JavaScript" in response.content.decode()


def test_a_challenge_is_used_once(client_in):
    device = authenticator()
    options = client_in.post("/konto/sakerhet/ny-nyckel/alternativ/").json()
    answer = device.register(options)
    data = {"name": "A", "password": "pw", "credential": answer}
    assert client_in.post("/konto/sakerhet/ny-nyckel/", data).status_code == 302
    again = client_in.post("/konto/sakerhet/ny-nyckel/", data)
    assert again.status_code == 400
    assert "gått ut eller redan använts" in again.content.decode()


def test_a_registration_for_another_site_is_refused(client_in):
    device = authenticator()
    options = client_in.post("/konto/sakerhet/ny-nyckel/alternativ/").json()
    answer = device.register(options, origin="https://evil.example")
    response = client_in.post(
        "/konto/sakerhet/ny-nyckel/",
        {"name": "A", "password": "pw", "credential": answer},
    )
    assert response.status_code == 400
    assert "kunde inte registreras" in response.content.decode()
    assert not Passkey.objects.exists()


@pytest.mark.parametrize(
    "credential",
    [
        "inte json",
        "[]",
        "{}",
        json.dumps({"id": "x", "rawId": "!!", "type": "public-key", "response": {}}),
        json.dumps(
            {
                "id": "AA",
                "rawId": "AA",
                "type": "public-key",
                "response": {"clientDataJSON": "%%%", "attestationObject": "@@"},
            }
        ),
        "\u00e5" * 5000,
    ],
)
def test_hostile_answers_get_a_message_not_an_error(client_in, credential):
    client_in.post("/konto/sakerhet/ny-nyckel/alternativ/")
    response = client_in.post(
        "/konto/sakerhet/ny-nyckel/",
        {"name": "A", "password": "pw", "credential": credential},
    )
    assert response.status_code == 400
    anonymous = Client()
    anonymous.post("/logga-in/nyckel/alternativ/")
    login = anonymous.post("/logga-in/nyckel/", {"credential": credential})
    assert login.status_code == 400
    assert "error-summary" in login.content.decode()


def test_remove_a_passkey_but_never_someone_elses(client_in, user):
    register(client_in, name="Nyckel")
    own = Passkey.objects.get(user=user)
    other = Client()
    other.force_login(factories.UserFactory())
    response = other.post(f"/konto/sakerhet/nyckel/{own.pk}/ta-bort/", follow=True)
    assert "finns inte bland dina nycklar" in response.content.decode()
    assert Passkey.objects.filter(pk=own.pk).exists()
    response = client_in.post(f"/konto/sakerhet/nyckel/{own.pk}/ta-bort/", follow=True)
    assert "Nyckeln ”Nyckel” är borttagen." in response.content.decode()
    assert not Passkey.objects.exists()


def test_log_in_with_a_passkey(client_in, user):
    device, _ = register(client_in)
    browser = Client()
    response = log_in(browser, device)
    assert response.status_code == 302 and response["Location"] == "/"
    assert int(browser.session["_auth_user_id"]) == user.pk
    passkey = Passkey.objects.get()
    assert passkey.sign_count == device.sign_count and passkey.last_used_at


def test_the_login_page_offers_a_passkey_and_says_the_password_always_works(client):
    page = client.get("/logga-in/").content.decode()
    assert "Logga in med nyckel" in page
    assert "Inloggning med lösenord fungerar alltid, även utan JavaScript." in page


def test_an_unknown_passkey_cannot_log_in(client):
    response = log_in(client, authenticator())
    assert response.status_code == 400
    assert "inte registrerad i portalen" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_wrong_signature_counts_as_a_failed_login(client_in, user, settings):
    device, _ = register(client_in)
    browser = Client()
    response = log_in(browser, device, tamper=True)
    assert response.status_code == 400
    assert "_auth_user_id" not in browser.session
    assert AccessAttempt.objects.get(username="ada").failures_since_start == 1


def test_a_locked_account_stays_locked_with_a_passkey(client_in, user, settings):
    device, _ = register(client_in)
    guesser = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        guesser.post("/logga-in/", {"username": "ada", "password": "fel"})
    browser = Client()
    response = log_in(browser, device)
    assert response.status_code == 400
    assert "Kontot är låst" in response.content.decode()
    assert "_auth_user_id" not in browser.session


def test_a_login_answer_from_another_origin_is_refused(client_in):
    device, _ = register(client_in)
    browser = Client()
    response = log_in(browser, device, origin="https://evil.example")
    assert response.status_code == 400
    assert "_auth_user_id" not in browser.session


def test_login_never_redirects_elsewhere(client_in):
    device, _ = register(client_in)
    browser = Client()
    options = browser.post("/logga-in/nyckel/alternativ/").json()
    response = browser.post(
        "/logga-in/nyckel/",
        {"credential": device.assertion(options), "next": "https://evil.example/"},
    )
    assert response["Location"] == "/"


def test_the_options_are_for_this_site(client_in, settings):
    options = client_in.post("/konto/sakerhet/ny-nyckel/alternativ/").json()
    assert options["rp"] == {
        "id": settings.WEBAUTHN_RP_ID,
        "name": "Samverkansportalen",
    }
    assert options["authenticatorSelection"]["residentKey"] == "required"
    assert options["user"]["name"] == "ada"
