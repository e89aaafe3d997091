"""A rättelse needs a reason."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from council.forms import PageForm


class CorrectionForm(PageForm):
    reason = forms.CharField(
        label=_("Skäl till rättelsen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Ange skälet till rättelsen.")},
        help_text=_("Visas i den nya versionen och i historiken."),
    )
