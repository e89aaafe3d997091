"""Editing a plan: its page, its fields and the follow-up of last year."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plans import forms, permissions, selectors, services
from plans.models import Activity, AnnualPlan
from plans.views._helpers import (
    edit_url,
    latest_or_404,
    message_errors,
    paragraph_urls,
)

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
        "page_body": plan.body,
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
