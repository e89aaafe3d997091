"""Editing a plan's entries: uppdrag, vision items and activities."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plans import forms, selectors, services
from plans.models import AnnualPlan
from plans.views._helpers import (
    SECTION_TITLES,
    edit_url,
    errors_to_form,
    message_errors,
)

# Editing ------------------------------------------------------------------------------
from plans.views.editing import _plan_for_editing, _render_edit


def _item_form(section: str, plan: AnnualPlan, data=None, initial=None, prefix=None):
    if section == "uppdrag":
        return forms.AssignmentForm(data, initial=initial, prefix=prefix)
    if section == "vision":
        return forms.VisionItemForm(data, initial=initial, prefix=prefix)
    return forms.ActivityForm(
        data,
        initial=initial,
        prefix=prefix,
        paragraphs=selectors.paragraphs_for_body(body=plan.body),
    )


def _save_item(
    section: str, plan: AnnualPlan, data: dict, user: Any, item: Model | None
) -> None:
    ids = {
        "styrdokument_ids": [d.pk for d in data.get("styrdokument", [])],
        "strategy_area_ids": [a.pk for a in data.get("strategy_areas", [])],
    }
    if section == "uppdrag":
        if item is None:
            services.assignment_create(
                plan_id=plan.pk, actor=user, title=data["title"], text=data["text"]
            )
        else:
            services.assignment_update(
                assignment_id=item.pk,
                actor=user,
                title=data["title"],
                text=data["text"],
            )
    elif section == "vision":
        if item is None:
            services.vision_item_create(
                plan_id=plan.pk,
                actor=user,
                title=data["title"],
                text=data["text"],
                **ids,
            )
        else:
            services.vision_item_update(
                vision_item_id=item.pk,
                actor=user,
                title=data["title"],
                text=data["text"],
                **ids,
            )
    else:
        fields = services.ActivityFields(
            title=data["title"],
            description=data["description"],
            owner=data["owner"],
            owner_body_id=data["owner_body"].pk if data["owner_body"] else None,
            owner_text=data["owner_text"],
            status=data["status"],
            follow_up=data["follow_up"],
            paragraph_ids=[p.pk for p in data["paragraphs"]],
        )
        if item is None:
            services.activity_create(plan_id=plan.pk, actor=user, fields=fields)
        else:
            services.activity_update(activity_id=item.pk, actor=user, fields=fields)


def _check_section(section: str) -> None:
    if section not in services.SECTION_MODELS:
        raise Http404


@login_required
@require_POST
def item_add(request: HttpRequest, slug: str, year: int, section: str) -> HttpResponse:
    _check_section(section)
    plan = _plan_for_editing(request, slug, year)
    form = _item_form(section, plan, request.POST, prefix=section)
    if form.is_valid():
        try:
            _save_item(section, plan, form.cleaned_data, request.user, None)
        except ValidationError as exc:
            if plan.is_locked:
                message_errors(request, exc)
                return redirect(edit_url(plan))
            errors_to_form(form, exc)
            return _render_edit(request, plan, **{section: form})
        messages.success(
            request,
            _("Lagt till %(what)s ”%(title)s”.")
            % {"what": SECTION_TITLES[section], "title": form.cleaned_data["title"]},
        )
        return redirect(edit_url(plan, section))
    return _render_edit(request, plan, **{section: form})


def _item_initial(section: str, item: Any) -> dict[str, Any]:
    if section == "uppdrag":
        return {"title": item.title, "text": item.text}
    if section == "vision":
        return {
            "title": item.title,
            "text": item.text,
            "styrdokument": list(item.styrdokument.all()),
            "strategy_areas": list(item.strategy_areas.all()),
        }
    return {
        "title": item.title,
        "description": item.description,
        "owner": item.owner,
        "owner_body": item.owner_body,
        "owner_text": item.owner_text,
        "status": item.status,
        "follow_up": item.follow_up,
        "paragraphs": list(item.paragraphs.all()),
    }


@login_required
def item_edit(
    request: HttpRequest, slug: str, year: int, section: str, pk: int
) -> HttpResponse:
    _check_section(section)
    plan = _plan_for_editing(request, slug, year)
    item = get_object_or_404(services.SECTION_MODELS[section], pk=pk, plan=plan)
    if plan.is_locked:
        messages.error(request, services.locked_message())
        return redirect(edit_url(plan))
    if request.method == "POST":
        form = _item_form(section, plan, request.POST)
        if form.is_valid():
            try:
                _save_item(section, plan, form.cleaned_data, request.user, item)
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("Ändringen är sparad."))
                return redirect(edit_url(plan, f"{section}-{item.pk}"))
        status = 400
    else:
        form = _item_form(section, plan, initial=_item_initial(section, item))
        status = 200
    context = {
        "plan": plan,
        "item": item,
        "form": form,
        "section": section,
        "what": SECTION_TITLES[section],
    }
    return render(request, "plans/item_form.html", context, status=status)


@login_required
@require_POST
def item_move(
    request: HttpRequest, slug: str, year: int, section: str, pk: int
) -> HttpResponse:
    _check_section(section)
    plan = _plan_for_editing(request, slug, year)
    item = get_object_or_404(services.SECTION_MODELS[section], pk=pk, plan=plan)
    try:
        services.plan_item_move(
            kind=section,
            item_id=item.pk,
            actor=request.user,
            direction=request.POST.get("riktning", ""),
        )
    except ValidationError as exc:
        message_errors(request, exc)
    return redirect(edit_url(plan, f"{section}-{item.pk}"))


@login_required
@require_POST
def item_delete(
    request: HttpRequest, slug: str, year: int, section: str, pk: int
) -> HttpResponse:
    _check_section(section)
    plan = _plan_for_editing(request, slug, year)
    item = get_object_or_404(services.SECTION_MODELS[section], pk=pk, plan=plan)
    try:
        services.plan_item_delete(kind=section, item_id=item.pk, actor=request.user)
    except ValidationError as exc:
        message_errors(request, exc)
    else:
        messages.success(request, _("Tog bort ”%(title)s”.") % {"title": item.title})
    return redirect(edit_url(plan, section))
