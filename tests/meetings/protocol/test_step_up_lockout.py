"""The password step-ups (Skicka för justering, Justera) count as logins for the
lockout: wrong passwords lock the account there and at /logga-in/ alike, the form
says until when and keeps what was typed, and the right password waits."""

from __future__ import annotations

import re

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.test import Client

from meetings.models import Justering, Protocol

pytestmark = pytest.mark.django_db


def justera(client, protocol, password: str):
    return client.post(
        f"/protokoll/{protocol.pk}/justera/", {"password": password, "confirm": "on"}
    )


def test_wrong_passwords_at_justera_lock_the_account(
    client, cast, in_justering, settings
):
    client.force_login(cast.chair)
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        response = justera(client, in_justering, "fel")
        assert "Lösenordet stämmer inte" in response.content.decode()
    locked = justera(client, in_justering, "fel")
    # A form error on the review page, not the login's lockout page.
    assert locked.status_code == 400
    page = locked.content.decode()
    assert "Kontot är låst efter för många felaktiga lösenord" in page
    assert "Försök igen efter" in page
    # What was typed stays: the confirmation is still ticked.
    assert re.search(r'<input[^>]*name="confirm"[^>]*checked', page)

    right = justera(client, in_justering, "pw")
    assert right.status_code == 400
    assert "Kontot är låst" in right.content.decode()
    assert not Justering.objects.filter(protocol=in_justering).exists()
    # The same account is locked at the login page.
    login = client.post(
        "/logga-in/", {"username": cast.chair.username, "password": "pw"}
    )
    assert login.status_code == 429

    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME
    )
    client.force_login(cast.chair)
    response = justera(client, in_justering, "pw")
    assert response.status_code == 302
    assert Justering.objects.filter(protocol=in_justering).count() == 1


def test_login_and_step_up_failures_add_up(client, cast, in_justering, settings):
    """Someone guessing the chair's password at the login page and the chair
    mistyping at Justera count against one account."""
    client.force_login(cast.chair)
    guesser = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        guesser.post("/logga-in/", {"username": cast.chair.username, "password": "x"})
    response = justera(client, in_justering, "fel")
    assert "Kontot är låst" in response.content.decode()


def test_wrong_passwords_at_send_lock_the_account(client, cast, draft, settings):
    """Sending for justering with a wrong password, again and again, locks the
    account; then even the right password does not send."""
    client.force_login(cast.secretary)
    for _n in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(
            f"/protokoll/{draft.pk}/skicka/", {"password": "fel"}, follow=True
        )
    assert "Kontot är låst efter för många felaktiga lösenord" in (
        response.content.decode()
    )
    assert Protocol.objects.get(pk=draft.pk).state == Protocol.State.DRAFT

    # The right password is refused too while the account is locked.
    response = client.post(
        f"/protokoll/{draft.pk}/skicka/", {"password": "pw"}, follow=True
    )
    assert "Kontot är låst" in response.content.decode()
    assert Protocol.objects.get(pk=draft.pk).state == Protocol.State.DRAFT
