"""Reads of the plans app, with their joins and prefetches applied.

Who may see what: published plans are public; drafts and adopted but not yet
published plans only for the members of the body and of the group preparing it,
and for administrators.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.urls import NoReverseMatch

from council.models import Body
from council.permissions import bodies_for, is_administrator
from meetings.models import Meeting, Paragraph, Protocol
from plans.models import (
    Activity,
    AnnualPlan,
    Assignment,
    StrategyArea,
    Styrdokument,
    VisionItem,
)


def _visible_filter(user: Any) -> Q | None:
    """The plans `user` may see, as a filter; None means every plan."""
    if is_administrator(user):
        return None
    bodies = [body.pk for body in bodies_for(user)]
    return AnnualPlan.public_q() | Q(body__in=bodies) | Q(prepared_by__in=bodies)


def plans_visible_to(user: Any) -> QuerySet[AnnualPlan]:
    visible = _visible_filter(user)
    plans = AnnualPlan.objects.all()
    return plans if visible is None else plans.filter(visible)


def _published_newest_first() -> QuerySet[AnnualPlan]:
    return (
        AnnualPlan.objects.public()
        .select_related("body")
        .order_by("body__name", "-year", "-version")
    )


def plans_public_by_body() -> list[tuple[Body, list[AnnualPlan]]]:
    """The newest published version of each body's plan per year, by body."""
    return _latest_per_year(_published_newest_first())


def plans_public_for_body(*, body: Body) -> list[AnnualPlan]:
    """The newest published version of one body's plan per year, newest year first."""
    grouped = _latest_per_year(_published_newest_first().filter(body=body))
    return grouped[0][1] if grouped else []


def plans_in_progress_for(user: Any) -> list[AnnualPlan]:
    """Plans not yet published that `user` may see (drafts and adopted)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        plans_visible_to(user)
        .exclude(state=AnnualPlan.State.PUBLISHED)
        .select_related("body")
        .order_by("body__name", "-year", "-version")
    )


def _latest_per_year(plans: QuerySet[AnnualPlan]) -> list[tuple[Body, list]]:
    grouped: dict[int, tuple[Body, list[AnnualPlan]]] = {}
    seen: set[tuple[int, int]] = set()
    for plan in plans:
        if (plan.body_id, plan.year) in seen:
            continue
        seen.add((plan.body_id, plan.year))
        grouped.setdefault(plan.body_id, (plan.body, []))[1].append(plan)
    return list(grouped.values())


def _activities() -> QuerySet[Activity]:
    return Activity.objects.select_related(
        "owner_body", "carried_from__plan"
    ).prefetch_related(
        Prefetch(
            "paragraphs",
            queryset=Paragraph.objects.select_related(
                "protocol__meeting__body"
            ).order_by("protocol__meeting__starts_at", "order"),
        )
    )


def plan_with_content() -> QuerySet[AnnualPlan]:
    """Plans with everything a plan page shows, in a fixed number of queries."""
    return AnnualPlan.objects.select_related(
        "body",
        "prepared_by",
        "corrects",
        "adopted_at_meeting",
        "adopted_in_paragraph__protocol__meeting",
    ).prefetch_related(
        "styrdokument",
        Prefetch("assignments", queryset=Assignment.objects.order_by("order", "pk")),
        Prefetch(
            "vision_items",
            queryset=VisionItem.objects.order_by("order", "pk").prefetch_related(
                "styrdokument",
                Prefetch(
                    "strategy_areas",
                    queryset=StrategyArea.objects.select_related("styrdokument"),
                ),
            ),
        ),
        Prefetch("activities", queryset=_activities().order_by("order", "pk")),
    )


def plan_versions(*, slug: str, year: int, user: Any) -> list[AnnualPlan]:
    """The versions of a body's plan for a year that `user` may see, newest first."""
    return list(
        plans_visible_to(user)
        .filter(body__slug=slug, year=year)
        .order_by("-version")
        .only("pk", "version", "state", "adopted_on", "published_at", "body_id")
    )


def plan_for_reading(
    *, slug: str, year: int, user: Any, version: int | None = None
) -> AnnualPlan:
    """The newest version `user` may see (or the asked-for one), with content.

    Raises AnnualPlan.DoesNotExist when there is none the user may see.
    """
    plans = plan_with_content().filter(pk__in=plans_visible_to(user).values("pk"))
    plans = plans.filter(body__slug=slug, year=year)
    if version is not None:
        return plans.get(version=version)
    plan = plans.order_by("-version").first()
    if plan is None:
        raise AnnualPlan.DoesNotExist
    return plan


def plan_latest(*, slug: str, year: int) -> AnnualPlan:
    """The newest version of a plan, whatever its state (for editing)."""
    plan = (
        plan_with_content()
        .filter(body__slug=slug, year=year)
        .order_by("-version")
        .first()
    )
    if plan is None:
        raise AnnualPlan.DoesNotExist
    return plan


def plan_previous(*, plan: AnnualPlan) -> AnnualPlan | None:
    """The previous year's plan of the same body: its adopted version if any."""
    plans = (
        AnnualPlan.objects.filter(body_id=plan.body_id, year=plan.year - 1)
        .select_related("body")
        .prefetch_related(
            Prefetch("activities", queryset=_activities().order_by("order", "pk"))
        )
    )
    adopted = plans.filter(state__in=AnnualPlan.LOCKED_STATES).order_by("-version")
    return adopted.first() or plans.order_by("-version").first()


def plan_next_year_exists(*, plan: AnnualPlan) -> bool:
    return AnnualPlan.objects.filter(body_id=plan.body_id, year=plan.year + 1).exists()


def plan_has_revision(*, plan: AnnualPlan) -> bool:
    return AnnualPlan.objects.filter(corrects=plan).exists()


def next_year_adopted(*, plan: AnnualPlan) -> bool:
    """Whether the plan that follows this one up has been adopted."""
    return AnnualPlan.objects.filter(
        body_id=plan.body_id,
        year=plan.year + 1,
        state__in=AnnualPlan.LOCKED_STATES,
    ).exists()


def paragraphs_for_body(*, body: Body) -> QuerySet[Paragraph]:
    """Paragraphs of the body's protokoll, newest meeting first (for choosing)."""
    return (
        Paragraph.objects.filter(protocol__meeting__body=body)
        .select_related("protocol__meeting__body")
        .order_by("-protocol__meeting__starts_at", "-protocol__version", "order")
    )


def meetings_for_body(*, body: Body) -> QuerySet[Meeting]:
    return Meeting.objects.filter(body=body).select_related("body")


def paragraph_public_url(paragraph: Paragraph) -> str | None:
    """Where the public reads a paragraph: only if its protokoll is published.

    The protokoll pages belong to the meetings app; until it gives paragraphs a
    URL this returns None and the plan page names the paragraph without a link.
    """
    if paragraph.protocol.state != Protocol.State.PUBLISHED:
        return None
    get_url = getattr(paragraph, "get_absolute_url", None)
    if get_url is None:
        return None
    try:
        return get_url()
    except NoReverseMatch:
        return None


def activities_for_paragraph(*, paragraph: Paragraph, user: Any = None) -> list:
    """The plan activities a protokoll paragraph concerns, that `user` may see.

    For the protokoll pages: `{% include "plans/_paragraph_activities.html" %}`
    with `activities` set to this list.
    """
    plans = plans_visible_to(user)
    return list(
        Activity.objects.filter(paragraphs=paragraph, plan__in=plans)
        .select_related("plan__body", "owner_body")
        .order_by("-plan__year", "order", "pk")
    )


def activities_by_paragraph(*, paragraph_ids: list[int], user: Any = None) -> dict:
    """activities_for_paragraph for many paragraphs at once: {paragraph id: [...]}."""
    through = Activity.paragraphs.through.objects.filter(
        paragraph_id__in=paragraph_ids, activity__plan__in=plans_visible_to(user)
    ).select_related("activity__plan__body", "activity__owner_body")
    found: dict[int, list] = {}
    for link in through.order_by("-activity__plan__year", "activity__order", "pk"):
        found.setdefault(link.paragraph_id, []).append(link.activity)
    return found


def styrdokument_register() -> QuerySet[Styrdokument]:
    """Every styrdokument with what the register lists about it."""
    return Styrdokument.objects.select_related("successor", "part_of").order_by("title")


def styrdokument_detail(*, pk: int) -> Styrdokument:
    published = (
        AnnualPlan.objects.public().select_related("body").order_by("-year", "-version")
    )
    return (
        Styrdokument.objects.select_related("successor", "part_of")
        .prefetch_related(
            "parts",
            "predecessors",
            Prefetch("areas", queryset=StrategyArea.objects.order_by("code")),
            Prefetch("plans", queryset=published, to_attr="published_plans"),
        )
        .get(pk=pk)
    )
