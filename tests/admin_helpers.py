"""Reading the admin as a browser does: its URLs, the data a change form posts,
its errors; which models are registered and which keep history.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.contrib import admin
from django.urls import reverse

from council.models import ArchiveExport, RevocationList
from council.passkeys.models import Passkey
from meetings.models import (
    CalendarToken,
    Justering,
    JusteringEvidence,
    Notice,
    Protocol,
    SignatureRecord,
    SignedDocument,
    TimestampRenewal,
)
from plans.models import AnnualPlan

PROJECT_APPS = ("council", "passkeys", "meetings", "plans", "networks")


# Written by the portal's services only (signing, justering, publication, a
# member's own calendar link): the admin shows them and never edits them.
ISSUED_BY_THE_PORTAL = {
    SignedDocument,
    SignatureRecord,
    TimestampRenewal,
    Justering,
    JusteringEvidence,
    Notice,
    CalendarToken,
    RevocationList,
    Passkey,
    ArchiveExport,
}

# Started in the portal, which fills in what they need; a draft may be corrected
# in the admin.
STARTED_IN_THE_PORTAL = {Protocol, AnnualPlan}


REGISTERED_MODELS = sorted(
    (model for model in admin.site._registry if model._meta.app_label in PROJECT_APPS),
    key=lambda model: model._meta.label,
)


def has_history(model: type) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


def admin_url(model: type, view: str, *args: object) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


@dataclass
class RenderedForm:
    """One form of a rendered page: what a browser would submit from it."""

    id: str
    method: str
    action: str
    data: dict[str, list[str]] = field(default_factory=dict)


class RenderedForms(HTMLParser):
    """Every form of a rendered page, with the values a browser would submit.

    Inline formsets' management forms come along as the hidden inputs they are;
    the templates for new inline rows (`__prefix__`) are left out.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[RenderedForm] = []
        self._form: RenderedForm | None = None
        self._select: tuple[str, bool] | None = None
        self._options: list[tuple[str, bool]] = []
        self._textarea: str | None = None
        self._text: list[str] = []

    def _add(self, name: str, value: str) -> None:
        if self._form is not None and "__prefix__" not in name:
            self._form.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "form":
            self._form = RenderedForm(
                id=attributes.get("id") or "",
                method=(attributes.get("method") or "get").lower(),
                action=attributes.get("action") or "",
            )
            self.forms.append(self._form)
            return
        name = attributes.get("name")
        if self._form is None or not name and tag != "option":
            return
        if tag == "input":
            kind = (attributes.get("type") or "text").lower()
            if kind in {"submit", "button", "reset", "image", "file"}:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in attributes:
                    self._add(name, attributes.get("value") or "on")
                return
            self._add(name, attributes.get("value") or "")
        elif tag == "select":
            self._select = (name, "multiple" in attributes)
            self._options = []
        elif tag == "option" and self._select:
            self._options.append(
                (attributes.get("value") or "", "selected" in attributes)
            )
        elif tag == "textarea":
            self._textarea, self._text = name, []

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select:
            name, multiple = self._select
            chosen = [value for value, selected in self._options if selected]
            if not chosen and not multiple and self._options:
                chosen = [self._options[0][0]]
            if self._form is not None:
                self._form.data.setdefault(name, [])
            for value in chosen:
                self._add(name, value)
            self._select = None
        elif tag == "textarea" and self._textarea:
            text = "".join(self._text)
            self._add(self._textarea, text[1:] if text.startswith("\n") else text)
            self._textarea = None


def rendered_forms(html: str) -> list[RenderedForm]:
    parser = RenderedForms()
    parser.feed(html)
    return parser.forms


def form_data(response, model: type) -> dict[str, list[str]]:
    """The POST data of the admin change form in `response`, as rendered."""
    assert response.status_code == 200
    form_id = f"{model._meta.model_name}_form"
    found = [f for f in rendered_forms(response.content.decode()) if f.id == form_id]
    assert found and found[0].data, "the change form was not found on the page"
    return found[0].data


def form_errors(response) -> object:
    context = response.context
    if context is None or "adminform" not in context:
        return None
    return {
        "form": context["adminform"].form.errors,
        "inlines": [
            formset.formset.errors for formset in context["inline_admin_formsets"]
        ],
    }
