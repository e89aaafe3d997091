"""The Säkerhet page's forms: naming and registering a passkey."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from council.forms import PageForm
from council.lockout import password_confirm
from council.passkeys import ceremony

NO_ANSWER = _(
    "Webbläsaren skickade ingen nyckel. Att registrera en nyckel kräver "
    "JavaScript och en webbläsare som kan nycklar (passkeys)."
)


class RegisterForm(PageForm):
    """A name for the new passkey, the password as a step-up, and the browser's
    answer (filled in by the page's script)."""

    name = forms.CharField(
        label=_("Namn på nyckeln"),
        max_length=100,
        help_text=_("Så att du känner igen den, t.ex. ”Telefonen” eller ”Datorn”."),
        error_messages={"required": _("Ge nyckeln ett namn.")},
    )
    password = forms.CharField(
        label=_("Ditt lösenord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={
            "required": _("Skriv ditt lösenord för att lägga till en nyckel.")
        },
    )
    credential = forms.CharField(
        required=False, widget=forms.HiddenInput, max_length=20000
    )

    def __init__(
        self, *args: Any, user: Any, request: HttpRequest | None = None, **kwargs: Any
    ) -> None:
        kwargs.setdefault("auto_id", "nyckel_%s")
        super().__init__(*args, **kwargs)
        self.user = user
        self.request = request
        self.new_credential: ceremony.NewCredential | None = None

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        password_confirm(self.request, user=self.user, password=password)
        return password

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        response = data.get("credential", "")
        if not response:
            raise ValidationError(NO_ANSWER)
        try:
            self.new_credential = ceremony.verify_registration(self.request, response)
        except ceremony.CeremonyError as error:
            raise ValidationError(str(error)) from error
        return data
