"""Login lockout (django-axes): wrong passwords per user name lock the account at
/logga-in/ and the admin's login, the page says until when, the right password
waits for the cool-off, and an administrator can unlock."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.db.models import F
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format

from tests import factories

pytestmark = pytest.mark.django_db

LOGIN = "/logga-in/"


@pytest.fixture
def anna(db):
    return factories.UserFactory(username="anna")  # password "pw"


def log_in(client: Client, password: str, *, path: str = LOGIN, username="anna"):
    return client.post(path, {"username": username, "password": password})


def logged_in_as(client: Client, user) -> bool:
    return client.session.get("_auth_user_id") == str(user.pk)


def lockout_end_text(settings) -> str:
    last = AccessAttempt.objects.latest("attempt_time").attempt_time
    return date_format(timezone.localtime(last + settings.AXES_COOLOFF_TIME), "H:i")


def after_the_cool_off(settings) -> None:
    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME
    )


def test_fifty_wrong_passwords_lock_the_account_until_the_cool_off_ends(
    client, anna, settings
):
    """50 wrong passwords: the account locks at the limit, the right password is
    refused with a page that says when to try again, and passes after it."""
    limit = settings.AXES_FAILURE_LIMIT
    responses = [log_in(client, f"fel-{n}") for n in range(50)]
    assert [r.status_code for r in responses[: limit - 1]] == [200] * (limit - 1)
    assert {r.status_code for r in responses[limit - 1 :]} == {429}
    # Failures while locked are not counted, so the time shown holds.
    assert sum(a.failures_since_start for a in AccessAttempt.objects.all()) == limit

    right = log_in(client, "pw")
    assert right.status_code == 429
    page = right.content.decode()
    assert "<h1>Kontot är låst</h1>" in page
    # "kl. 14:05", or "2 december kl. 00:05" past midnight.
    assert "Försök igen efter " in page
    assert f"kl. {lockout_end_text(settings)}. Behöver du komma in" in page
    assert not logged_in_as(client, anna)

    after_the_cool_off(settings)
    response = log_in(client, "pw")
    assert response.status_code == 302
    assert logged_in_as(client, anna)
    assert not AccessAttempt.objects.exists()


def test_failures_are_counted_per_user_name(client, anna, settings):
    """Another account is not locked by anna's failures."""
    other = factories.UserFactory(username="bertil")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "fel")
    assert log_in(client, "pw", username="bertil").status_code == 302
    assert logged_in_as(client, other)


def test_a_right_password_before_the_limit_clears_the_failures(client, anna, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "fel")
    assert log_in(client, "pw").status_code == 302
    assert not AccessAttempt.objects.exists()


def test_the_admin_login_counts_and_locks_the_same_account(client, settings):
    admin = factories.SuperUserFactory(username="chef")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = log_in(client, "fel", path="/admin/login/", username="chef")
    assert response.status_code == 429
    assert "Kontot är låst" in response.content.decode()
    assert log_in(client, "pw", username="chef").status_code == 429
    assert not logged_in_as(client, admin)


def test_an_administrator_unlocks_in_the_admin(client, anna, staff_client, settings):
    """Deleting the user's access attempts in the admin lifts the lock at once."""
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "fel")
    assert log_in(client, "pw").status_code == 429

    listing = staff_client.get("/admin/axes/accessattempt/?locked_out=yes")
    assert listing.status_code == 200
    assert "Misslyckade inloggningsförsök" in listing.content.decode()
    assert "anna" in listing.content.decode()
    attempt = AccessAttempt.objects.get(username="anna")
    response = staff_client.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert log_in(client, "pw").status_code == 302
    assert logged_in_as(client, anna)


def test_the_reset_command_unlocks(client, anna, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "fel")
    call_command("axes_reset_username", "anna", verbosity=0)
    assert log_in(client, "pw").status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/logga-in/", "/admin/login/"])
def test_a_user_name_longer_than_any_is_a_form_error(client, url):
    """Django's login forms never check the user name's length on the server; ours
    do, so a long name is a form error and the lockout records nothing (on
    PostgreSQL its varchar would have failed)."""
    response = client.post(url, {"username": "x" * 1000, "password": "fel"})

    assert response.status_code == 200
    assert response.context["form"].errors["username"]
    assert not AccessAttempt.objects.exists()
