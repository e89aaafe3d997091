"""The Säkerhet page (the user's passkeys) and logging in with a passkey.

The ceremonies need JavaScript in the browser (the WebAuthn API); each page says
so, and the password works without it.
"""

from __future__ import annotations

from axes.utils import reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from council.forms import LoginForm
from council.lockout import lockout_ends, lockout_message
from council.passkeys import ceremony, services
from council.passkeys.forms import RegisterForm
from council.passkeys.models import Passkey

PASSWORD_BACKEND = "django.contrib.auth.backends.ModelBackend"


def options_response(options: str) -> HttpResponse:
    return HttpResponse(options, content_type="application/json")


def refusal(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def _security_page(
    request: HttpRequest, form: RegisterForm | None = None, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "passkeys/security.html",
        {
            "passkeys": Passkey.objects.filter(user=request.user),
            "form": form or RegisterForm(user=request.user),
        },
        status=status,
    )


@login_required
@require_GET
def security(request: HttpRequest) -> HttpResponse:
    return _security_page(request)


@login_required
@require_POST
def register(request: HttpRequest) -> HttpResponse:
    form = RegisterForm(request.POST, user=request.user, request=request)
    if form.is_valid():
        try:
            passkey = services.passkey_register(
                user=request.user,
                name=form.cleaned_data["name"],
                credential=form.new_credential,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Nyckeln ”%(name)s” är registrerad.") % {"name": passkey}
            )
            return redirect("passkeys:security")
    return _security_page(request, form, status=400)


@login_required
@require_POST
def register_options(request: HttpRequest) -> HttpResponse:
    return options_response(ceremony.registration_options(request, request.user))


@login_required
@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        name = services.passkey_delete(passkey_id=pk, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Nyckeln ”%(name)s” är borttagen.") % {"name": name}
        )
    return redirect("passkeys:security")


# Logging in -----------------------------------------------------------------


@require_POST
def login_options(request: HttpRequest) -> HttpResponse:
    return options_response(ceremony.login_options(request))


def _login_refused(request: HttpRequest, message: str) -> HttpResponse:
    return render(
        request,
        "council/login.html",
        {
            "form": LoginForm(request),
            "passkey_error": message,
            "next": request.POST.get("next", ""),
        },
        status=400,
    )


@require_POST
def passkey_login(request: HttpRequest) -> HttpResponse:
    """Log in with a passkey; locked accounts stay locked, as at the password."""
    response = request.POST.get("credential", "")
    if not response:
        return _login_refused(
            request,
            _(
                "Webbläsaren skickade ingen nyckel. Inloggning med nyckel kräver "
                "JavaScript; logga in med lösenord."
            ),
        )
    try:
        named = ceremony.find_passkey(response)
    except ceremony.CeremonyError as error:
        return _login_refused(request, str(error))
    if named is not None:
        username = named.user.get_username()
        until = lockout_ends(username)
        if until is not None:
            return _login_refused(request, lockout_message(until))
    try:
        passkey, count = ceremony.verify_login(request, response)
    except ceremony.CeremonyError as error:
        if named is not None:
            # A wrong signature for a known key counts like a wrong password.
            user_login_failed.send(
                sender=__name__,
                credentials={"username": named.user.get_username()},
                request=request,
            )
        return _login_refused(request, str(error))
    user = passkey.user
    if not user.is_active:
        return _login_refused(request, _("Kontot är inte aktivt."))
    services.passkey_used(
        passkey=passkey, sign_count=count, actor=user, reason=_("Inloggning")
    )
    login(request, user, backend=PASSWORD_BACKEND)
    if settings.AXES_RESET_ON_SUCCESS:
        reset(username=user.get_username())
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = resolve_url(settings.LOGIN_REDIRECT_URL)
    return redirect(target)
