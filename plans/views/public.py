"""Public pages: the plans by body and year, a plan, its PDF, the styrdokument register."""

from __future__ import annotations

from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from council.models import Body
from council.pdf_store import pdf_response
from meetings.permissions import can_view_non_public
from plans import forms, permissions, selectors
from plans.documents import plan_pdf_document
from plans.models import Activity, AnnualPlan, Styrdokument
from plans.views._helpers import (
    paragraph_urls,
    status_summary,
)

# Public pages -------------------------------------------------------------------------


def plan_index(request: HttpRequest) -> HttpResponse:
    return render_index(request)


def render_index(
    request: HttpRequest, *, bound: tuple[Body, Form] | None = None, status: int = 200
) -> HttpResponse:
    bodies = []
    if request.user.is_authenticated:
        for body in Body.objects.filter(is_active=True, kind=Body.Kind.COUNCIL):
            if permissions.can_create_plan(request.user, body):
                form = forms.NewPlanForm(prefix=body.slug)
                if bound is not None and bound[0].pk == body.pk:
                    form = bound[1]
                bodies.append((body, form))
    context = {
        "plans_by_body": selectors.plans_public_by_body(),
        "in_progress": selectors.plans_in_progress_for(request.user),
        "creatable": bodies,
    }
    return render(request, "plans/plan_list.html", context, status=status)


def _readable_plan(
    request: HttpRequest, slug: str, year: int, version: int | None
) -> AnnualPlan:
    try:
        return selectors.plan_for_reading(
            slug=slug, year=year, user=request.user, version=version
        )
    except AnnualPlan.DoesNotExist as exc:
        raise Http404 from exc


def plan_detail(
    request: HttpRequest, slug: str, year: int, version: int | None = None
) -> HttpResponse:
    plan = _readable_plan(request, slug, year, version)
    can_edit = permissions.can_edit_plan(request.user, plan)
    paragraph_urls(plan, show_unpublished=can_edit)
    previous = selectors.plan_previous(plan=plan)
    if previous is not None and not permissions.can_view_plan(request.user, previous):
        previous = None
    activities = list(plan.activities.all())
    context = {
        "plan": plan,
        "page_body": plan.body,
        "previous": previous,
        "activities": activities,
        "status_summary": status_summary(activities),
        "done_count": sum(a.status == Activity.Status.DONE for a in activities),
        "versions": selectors.plan_versions(slug=slug, year=year, user=request.user),
        "carried_ids": {a.carried_from_id for a in activities if a.carried_from_id},
        "can_edit": can_edit,
        "can_create_next": permissions.can_create_plan(request.user, plan.body)
        and not selectors.plan_next_year_exists(plan=plan),
        "is_latest_version": version is None,
        "can_archive": can_view_non_public(request.user, plan.body),
    }
    return render(request, "plans/plan_detail.html", context)


def plan_pdf(
    request: HttpRequest, slug: str, year: int, version: int | None = None
) -> HttpResponse:
    plan = _readable_plan(request, slug, year, version)
    previous = selectors.plan_previous(plan=plan)
    if previous is not None and not permissions.can_view_plan(request.user, previous):
        previous = None
    document = plan_pdf_document(plan, previous)
    name = f"verksamhetsplan-{plan.body.slug}-{plan.year}"
    if plan.version > 1:
        name += f"-version-{plan.version}"
    shown = [plan] if previous is None else [plan, previous]
    public = plan.body.is_active and all(
        p.state == AnnualPlan.State.PUBLISHED for p in shown
    )
    return pdf_response(request, document, filename=f"{name}.pdf", public=public)


def styrdokument_list(request: HttpRequest) -> HttpResponse:
    context = {"documents": selectors.styrdokument_register()}
    return render(request, "plans/styrdokument_list.html", context)


def styrdokument_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        document = selectors.styrdokument_detail(pk=pk)
    except Styrdokument.DoesNotExist as exc:
        raise Http404 from exc
    return render(request, "plans/styrdokument_detail.html", {"document": document})
