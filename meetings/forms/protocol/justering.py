"""Step-up before signing: the secretary sending for justering, a signer
justering, each confirming with their password or with a passkey.

A passkey's answer comes in the hidden field `passkey_assertion` (the page's
script fills it); its challenge was bound to the SHA-256 of the text (see
council.passkeys.ceremony). A body may require a passkey: then the password is
refused.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from council.forms import PageForm
from council.lockout import lockout_ends, lockout_message, password_confirm
from council.passkeys import ceremony

PASSKEY_REQUIRED = _(
    "Det här organet kräver att du bekräftar med en nyckel (passkey), inte med "
    "lösenord. Registrera en nyckel på sidan Säkerhet (i menyn) och bekräfta "
    "sedan med knappen ”… med nyckel”."
)


def step_up_purpose(action: str, protocol_id: int) -> str:
    """What a step-up confirms, e.g. "justera:12": its challenge is for that only."""
    return f"{action}:{protocol_id}"


class _StepUpForm(PageForm):
    """Step-up: the signer confirms with their password, or a passkey, before
    signing.

    A bound form needs the request: the check counts as a login attempt, so wrong
    passwords lock the account as they do at the login page, and a locked account
    is refused with a passkey too. `assertion` is the verified passkey answer.
    """

    action = ""
    password_required = _("Skriv ditt lösenord.")
    password = forms.CharField(
        label=_("Ditt lösenord"),
        strip=False,
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    passkey_assertion = forms.CharField(
        required=False, widget=forms.HiddenInput, max_length=20000
    )

    def __init__(
        self,
        *args: Any,
        user: Any,
        request: HttpRequest | None = None,
        protocol: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.request = request
        self.protocol = protocol
        self.requires_passkey = bool(
            protocol is not None and protocol.meeting.body.justering_requires_passkey
        )
        self.assertion: ceremony.Assertion | None = None

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        response = data.get("passkey_assertion", "")
        password = data.get("password", "")
        try:
            if response:
                self._check_passkey(response)
            elif self.requires_passkey:
                raise ValidationError(PASSKEY_REQUIRED, code="passkey_required")
            elif not password:
                raise ValidationError(self.password_required, code="required")
            else:
                password_confirm(self.request, user=self.user, password=password)
        except ValidationError as error:
            self.add_error("password", error)
        return data

    def _check_passkey(self, response: str) -> None:
        if self.protocol is None:
            raise ValidationError(_("Nyckeln kan inte användas här."))
        until = lockout_ends(self.user.get_username())
        if until is not None:
            raise ValidationError(lockout_message(until), code="locked")
        try:
            self.assertion = ceremony.verify_step_up(
                self.request,
                self.user,
                purpose=step_up_purpose(self.action, self.protocol.pk),
                response=response,
            )
        except ceremony.CeremonyError as error:
            raise ValidationError(str(error), code="passkey") from error


class JusteraForm(_StepUpForm):
    """The chair or a justerare justerar, and signs, the text as it stands."""

    action = "justera"
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

    action = "skicka"
    password_required = _(
        "Skriv ditt lösenord för att skicka protokollet för justering: du "
        "undertecknar det vid protokollet."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "skicka_%s")
        super().__init__(*args, **kwargs)
