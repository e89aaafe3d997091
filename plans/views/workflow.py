"""A plan's workflow: adopt, publish, new version, next year's plan, new plan."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.models import Body
from plans import forms, permissions, selectors, services
from plans.views._helpers import (
    edit_url,
    errors_to_form,
    latest_or_404,
    message_errors,
)

# Editing ------------------------------------------------------------------------------
from plans.views.editing import _plan_for_editing, _render_edit
from plans.views.public import render_index


@login_required
@require_POST
def plan_adopt(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    plan = _plan_for_editing(request, slug, year)
    form = forms.AdoptForm(
        request.POST,
        paragraphs=selectors.paragraphs_for_body(body=plan.body),
        meetings=selectors.meetings_for_body(body=plan.body),
    )
    if not form.is_valid():
        return _render_edit(request, plan, adopt_form=form)
    paragraph = form.cleaned_data["paragraph"]
    meeting = form.cleaned_data["meeting"]
    try:
        services.plan_adopt(
            plan_id=plan.pk,
            actor=request.user,
            paragraph_id=paragraph.pk if paragraph else None,
            meeting_id=meeting.pk if meeting else None,
            adopted_on=form.cleaned_data["adopted_on"],
        )
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            errors_to_form(form, exc)
            return _render_edit(request, plan, adopt_form=form)
        message_errors(request, exc)
        return redirect(edit_url(plan, "arbetsgang"))
    messages.success(
        request,
        _("Planen är fastställd. Texten är nu låst; publicera den när du vill."),
    )
    return redirect(edit_url(plan, "arbetsgang"))


@login_required
@require_POST
def plan_publish(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    plan = _plan_for_editing(request, slug, year)
    try:
        services.plan_publish(plan_id=plan.pk, actor=request.user)
    except ValidationError as exc:
        message_errors(request, exc)
        return redirect(edit_url(plan, "arbetsgang"))
    messages.success(request, _("Planen är publicerad och kan läsas av alla."))
    return redirect(plan.get_absolute_url())


@login_required
@require_POST
def plan_new_version(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    plan = _plan_for_editing(request, slug, year)
    form = forms.NewVersionForm(request.POST)
    if not form.is_valid():
        return _render_edit(request, plan, version_form=form)
    try:
        version = services.plan_create_version(
            plan_id=plan.pk, actor=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            errors_to_form(form, exc)
            return _render_edit(request, plan, version_form=form)
        message_errors(request, exc)
        return redirect(edit_url(plan, "arbetsgang"))
    messages.success(
        request,
        _(
            "Version %(version)s är skapad som utkast. Den fastställda versionen finns kvar."
        )
        % {"version": version.version},
    )
    return redirect(edit_url(plan))


@login_required
@require_POST
def plan_next_year(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    plan = latest_or_404(slug, year)
    if not permissions.can_create_plan(request.user, plan.body):
        raise PermissionDenied
    try:
        new = services.plan_create_from_previous(plan_id=plan.pk, actor=request.user)
    except ValidationError as exc:
        message_errors(request, exc)
        return redirect(plan.get_absolute_url())
    carried = new.activities.count()
    messages.success(
        request,
        _(
            "Verksamhetsplan %(year)s är skapad från %(previous)s; %(count)s "
            "aktiviteter som inte var avslutade är överförda."
        )
        % {"year": new.year, "previous": plan.year, "count": carried},
    )
    return redirect(edit_url(new))


@login_required
@require_POST
def plan_new(request: HttpRequest, slug: str) -> HttpResponse:
    body = get_object_or_404(Body, slug=slug, is_active=True)
    if not permissions.can_create_plan(request.user, body):
        raise PermissionDenied
    form = forms.NewPlanForm(request.POST, prefix=body.slug)
    if form.is_valid():
        try:
            plan = services.plan_create(
                body_id=body.pk, year=form.cleaned_data["year"], actor=request.user
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("Planen är skapad som utkast."))
            return redirect(edit_url(plan))
    return render_index(request, bound=(body, form), status=400)
