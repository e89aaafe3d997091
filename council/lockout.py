"""Locked accounts (django-axes): when a lockout ends, the page that says so, and
the password step-up that counts as a login.

Axes counts failed passwords per user name and locks the account for
`AXES_COOLOFF_TIME` after `AXES_FAILURE_LIMIT` failures. Failures during a lockout
are not counted (`AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False`), so the
time this module tells the user holds.
"""

from __future__ import annotations

import datetime

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

# Set on a request whose page already tells the user about the lockout (a step-up's
# form error); axes' middleware then leaves that page alone.
LOCKOUT_SHOWN = "lockout_shown"


def lockout_ends(username: str) -> datetime.datetime | None:
    """When the account opens again, or None when it is not locked."""
    cool_off = get_cool_off()
    now = timezone.now()
    attempts = AccessAttempt.objects.filter(
        username=username, attempt_time__gte=now - cool_off
    ).order_by("-attempt_time")
    # Axes sums the failures of every row (one per address and browser) still in
    # the cool-off: the lock lifts when the row that reached the limit leaves it.
    failures = 0
    for attempt in attempts.only("attempt_time", "failures_since_start"):
        failures += attempt.failures_since_start
        if failures >= settings.AXES_FAILURE_LIMIT:
            return attempt.attempt_time + cool_off
    return None


def lockout_message(until: datetime.datetime | None) -> str:
    if until is None:
        return _(
            "Kontot är tillfälligt låst efter för många felaktiga lösenord. "
            "Försök igen om en stund."
        )
    local = timezone.localtime(until)
    when = date_format(local, "H:i")
    if local.date() != timezone.localdate():
        when = _("%(date)s kl. %(time)s") % {
            "date": date_format(local, "j F"),
            "time": when,
        }
    else:
        when = _("kl. %(time)s") % {"time": when}
    return _(
        "Kontot är låst efter för många felaktiga lösenord. Försök igen efter "
        "%(when)s. Behöver du komma in tidigare kan en administratör låsa upp "
        "kontot."
    ) % {"when": when}


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None,
    credentials: dict | None,
) -> HttpResponse:
    """The page for a login refused by a lockout (AXES_LOCKOUT_CALLABLE)."""
    if getattr(request, LOCKOUT_SHOWN, False) and original_response is not None:
        return original_response
    username = get_client_username(request, credentials) or ""
    response = render(
        request,
        "council/locked_out.html",
        {"message": lockout_message(lockout_ends(username))},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    return response


def password_confirm(request: HttpRequest, *, user, password: str) -> None:
    """Raise ValidationError unless `password` is the user's own and the account is
    not locked.

    The check is a login as far as django-axes knows: a wrong password counts
    against the account like one at /logga-in/, a locked account is refused even
    with the right password, and the right one clears the failures, as a login
    does.
    """
    username = user.get_username()
    confirmed = authenticate(request, username=username, password=password)
    if getattr(request, "axes_locked_out", False):
        setattr(request, LOCKOUT_SHOWN, True)
        raise ValidationError(lockout_message(lockout_ends(username)), code="locked")
    if confirmed is None or confirmed.pk != user.pk:
        raise ValidationError(
            _("Lösenordet stämmer inte. Försök igen."), code="invalid"
        )
    if settings.AXES_RESET_ON_SUCCESS:
        reset(username=username)
