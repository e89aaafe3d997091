"""Step-up before signing: the secretary sending for justering, a signer
justering, each confirming with their password.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from council.forms import PageForm
from council.lockout import password_confirm


class _StepUpForm(PageForm):
    """Step-up: the signer confirms with their password before signing.

    A bound form needs the request: the check counts as a login attempt, so wrong
    passwords lock the account as they do at the login page.
    """

    password_required = _("Skriv ditt lösenord.")
    password = forms.CharField(
        label=_("Ditt lösenord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(
        self,
        *args: Any,
        user: Any,
        request: HttpRequest | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.request = request
        self.fields["password"].error_messages["required"] = self.password_required

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        password_confirm(self.request, user=self.user, password=password)
        return password


class JusteraForm(_StepUpForm):
    """The chair or a justerare justerar, and signs, the text as it stands."""

    password_required = _("Skriv ditt lösenord för att justera.")
    confirm = forms.BooleanField(
        label=_("Jag har läst protokollet och justerar det i den här lydelsen."),
        error_messages={"required": _("Bekräfta att du justerar protokollet.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "justera_%s")
        super().__init__(*args, **kwargs)


class SendForm(_StepUpForm):
    """The secretary sends the protokoll for justering and signs it "Vid protokollet"."""

    password_required = _(
        "Skriv ditt lösenord för att skicka protokollet för justering: du "
        "undertecknar det vid protokollet."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "skicka_%s")
        super().__init__(*args, **kwargs)
