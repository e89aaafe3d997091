"""Helpers shared by the plan pages."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy

from plans import selectors
from plans.documents import paragraph_urls, status_summary  # noqa: F401
from plans.models import AnnualPlan

SECTION_TITLES = {
    "uppdrag": gettext_lazy("uppdrag"),
    "vision": gettext_lazy("vision/strategi"),
    "aktiviteter": gettext_lazy("aktivitet"),
}


# Helpers ------------------------------------------------------------------------------


def errors_to_form(form: Form, exc: ValidationError) -> None:
    """Put a service's errors on the form's fields, the rest on the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def message_errors(request: HttpRequest, exc: ValidationError) -> None:
    for text in exc.messages:
        messages.error(request, text)


def edit_url(plan: AnnualPlan, anchor: str = "") -> str:
    url = reverse("plans:edit", kwargs={"slug": plan.body.slug, "year": plan.year})
    return f"{url}#{anchor}" if anchor else url


def latest_or_404(slug: str, year: int) -> AnnualPlan:
    try:
        return selectors.plan_latest(slug=slug, year=year)
    except AnnualPlan.DoesNotExist as exc:
        raise Http404 from exc
