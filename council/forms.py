"""Forms of the council app, and the page form every app's forms build on."""

from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from council.personnummer import validate_no_personnummer


def is_key(field: models.Field, value: Any) -> bool:
    """Whether `value` can be a value of `field` (a key, within its range)."""
    try:
        field.run_validators(field.to_python(value))
    except (ValidationError, ValueError, TypeError):
        return False
    return True


class KeysModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A multiple choice of rows that refuses a value that cannot be a key (not a
    number, past the range) as invalid; Django looks all values up in one query,
    which such a value makes fail instead of the form showing its error."""

    def _check_values(self, value: Any) -> Any:
        model = self.queryset.model
        key = model._meta.get_field(self.to_field_name or model._meta.pk.name)
        for item in value:
            if not is_key(key, item):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": item},
                )
        return super()._check_values(value)


class PageForm(forms.Form):
    """A form with its own id prefix, so several forms can share one page."""

    id_prefix = "id"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class NoPersonnummerMixin:
    """Refuses, at the field, text that holds a personnummer.

    For every form whose text may become public, on the site and in the admin:
    name the fields in `personnummer_fields`. The service that saves checks the
    same (`council.personnummer.check_no_personnummer`).
    """

    personnummer_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.personnummer_fields:
            field = self.fields.get(name)  # type: ignore[attr-defined]
            if field is not None and validate_no_personnummer not in field.validators:
                field.validators.append(validate_no_personnummer)


class AccessibilityFeedbackForm(forms.Form):
    message = forms.CharField(
        label=_("Beskriv problemet"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        error_messages={"required": _("Skriv vad som inte fungerar.")},
    )
    page = forms.CharField(
        label=_("På vilken sida? (frivilligt)"), max_length=500, required=False
    )
    name = forms.CharField(
        label=_("Ditt namn (frivilligt)"), max_length=200, required=False
    )
    email = forms.EmailField(
        label=_("Din e-post, om du vill ha svar (frivilligt)"),
        required=False,
        error_messages={
            "invalid": _("Skriv en giltig e-postadress, t.ex. namn@exempel.se.")
        },
    )
    # A field people never see; forms that fill it in are from robots.
    website = forms.CharField(required=False, widget=forms.HiddenInput)


class BoundedUserNameMixin:
    """Django's login forms set the user name's max_length after the field is made,
    so it is never checked on the server: a name of any length would reach the
    authentication and the lockout's record (varchar 255). Here a name longer than
    a user name can be is a form error, and nobody is looked up."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))


class LoginForm(BoundedUserNameMixin, AuthenticationForm):
    pass


class AdminLoginForm(BoundedUserNameMixin, AdminAuthenticationForm):
    pass
