"""Editing pages of a plan: sections, follow-up, adoption, publication, versions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.models import Body
from plans import forms, permissions, selectors, services
from plans.models import Activity, AnnualPlan
from plans.views._helpers import (
    SECTION_TITLES,
    edit_url,
    errors_to_form,
    latest_or_404,
    message_errors,
    paragraph_urls,
)
from plans.views.public import render_index

# Editing ------------------------------------------------------------------------------


def _follow_up_targets(plan: AnnualPlan) -> tuple[AnnualPlan | None, list[Activity]]:
    """Whose follow-up the edit page of `plan` writes, and those activities.

    A draft follows up the previous year's activities; an adopted plan its own,
    during its year, until the next year's plan is adopted.
    """
    if not plan.is_locked:
        previous = selectors.plan_previous(plan=plan)
        if previous is None or selectors.next_year_adopted(plan=previous):
            return previous, []
        return previous, list(previous.activities.all())
    if selectors.next_year_adopted(plan=plan) or selectors.plan_has_revision(plan=plan):
        return plan, []
    return plan, list(plan.activities.all())


def _follow_up_forms(
    activities: list[Activity], data: Any = None
) -> list[tuple[Activity, forms.FollowUpForm]]:
    return [
        (
            activity,
            forms.FollowUpForm(
                data,
                prefix=f"fu-{activity.pk}",
                initial={"status": activity.status, "follow_up": activity.follow_up},
            ),
        )
        for activity in activities
    ]


def _edit_context(
    request: HttpRequest, plan: AnnualPlan, **bound: Any
) -> dict[str, Any]:
    user = request.user
    followed, targets = _follow_up_targets(plan)
    paragraphs = selectors.paragraphs_for_body(body=plan.body)
    paragraph_urls(plan, show_unpublished=True)
    return {
        "plan": plan,
        "followed_plan": followed,
        "follow_up_forms": bound.get("follow_up_forms") or _follow_up_forms(targets),
        "plan_form": bound.get("plan_form")
        or forms.PlanForm(
            initial={
                "introduction": plan.introduction,
                "follow_up_summary": plan.follow_up_summary,
                "styrdokument": list(plan.styrdokument.all()),
            }
        ),
        "add_forms": {
            "uppdrag": bound.get("uppdrag") or forms.AssignmentForm(prefix="uppdrag"),
            "vision": bound.get("vision") or forms.VisionItemForm(prefix="vision"),
            "aktiviteter": bound.get("aktiviteter")
            or forms.ActivityForm(
                prefix="aktiviteter",
                paragraphs=paragraphs,
                initial={
                    "owner": Activity.Owner.OFFICIALS,
                    "owner_body": plan.prepared_by,
                    "status": Activity.Status.PLANNED,
                },
            ),
        },
        "adopt_form": bound.get("adopt_form")
        or forms.AdoptForm(
            paragraphs=paragraphs, meetings=selectors.meetings_for_body(body=plan.body)
        ),
        "version_form": bound.get("version_form") or forms.NewVersionForm(),
        "can_adopt": permissions.can_adopt_plan(user, plan),
        "can_publish": permissions.can_publish_plan(user, plan),
        "can_revise": permissions.can_revise_plan(user, plan)
        and not selectors.plan_has_revision(plan=plan),
        "can_create_next": permissions.can_create_plan(user, plan.body)
        and not selectors.plan_next_year_exists(plan=plan),
    }


def _plan_for_editing(request: HttpRequest, slug: str, year: int) -> AnnualPlan:
    plan = latest_or_404(slug, year)
    if not permissions.can_edit_plan(request.user, plan):
        raise PermissionDenied
    return plan


@login_required
def plan_edit(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    plan = _plan_for_editing(request, slug, year)
    return render(request, "plans/plan_edit.html", _edit_context(request, plan))


def _render_edit(request: HttpRequest, plan: AnnualPlan, **bound: Any) -> HttpResponse:
    messages.error(request, _("Kontrollera uppgifterna nedan; inget har sparats."))
    context = _edit_context(request, plan, **bound)
    return render(request, "plans/plan_edit.html", context, status=400)


@login_required
@require_POST
def plan_update(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    plan = _plan_for_editing(request, slug, year)
    form = forms.PlanForm(request.POST)
    if form.is_valid():
        try:
            services.plan_update(
                plan_id=plan.pk,
                actor=request.user,
                introduction=form.cleaned_data["introduction"],
                follow_up_summary=form.cleaned_data["follow_up_summary"],
                styrdokument_ids=[d.pk for d in form.cleaned_data["styrdokument"]],
            )
        except ValidationError as exc:
            message_errors(request, exc)
            return redirect(edit_url(plan))
        messages.success(request, _("Planens uppgifter är sparade."))
        return redirect(edit_url(plan, "uppgifter"))
    return _render_edit(request, plan, plan_form=form)


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


@login_required
@require_POST
def follow_up(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    plan = _plan_for_editing(request, slug, year)
    _followed, targets = _follow_up_targets(plan)
    pairs = _follow_up_forms(targets, request.POST)
    if not all(form.is_valid() for _activity, form in pairs):
        return _render_edit(request, plan, follow_up_forms=pairs)
    entries = [
        services.FollowUp(
            activity_id=activity.pk,
            status=form.cleaned_data["status"],
            follow_up=form.cleaned_data["follow_up"],
        )
        for activity, form in pairs
    ]
    try:
        changed = services.activities_follow_up(actor=request.user, entries=entries)
    except ValidationError as exc:
        message_errors(request, exc)
        return redirect(edit_url(plan, "uppfoljning"))
    messages.success(
        request,
        _("Uppföljningen är sparad (%(count)s aktiviteter ändrade).")
        % {"count": len(changed)},
    )
    return redirect(edit_url(plan, "uppfoljning"))


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
