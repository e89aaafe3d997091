"""The styrdokument, the plan of 2022 (its activities and their follow-up) and the
verksamhetsplan 2023."""

from __future__ import annotations

import datetime

from council.history import attribute
from council.models import Body
from council.portal.demo.data.plans import (
    ACTIVITIES_2022,
    AKTIVITETSPLAN,
    HANDLINGSPLAN,
    KRAFTSAMLING,
    KUNSKAPSLYFT,
    PLAN_2022_INTRODUCTION,
    PLAN_2023,
    RUS,
    RUS_AREAS,
    STYRDOKUMENT,
)
from council.portal.demo.load.records import REASON, TZ, ensure, was_created
from plans.models import (
    Activity,
    AnnualPlan,
    Assignment,
    StrategyArea,
    Styrdokument,
    VisionItem,
)


def load_plans(council: Body, chefsgruppen: Body) -> None:
    documents = {}
    for title, short, kind, start, end, status, note, description in STYRDOKUMENT:
        documents[title] = ensure(
            Styrdokument,
            title=title,
            defaults={
                "short_name": short,
                "kind": kind,
                "period_start": start,
                "period_end": end,
                "status": status,
                "status_note": note,
                "description": description,
            },
        )
    kunskapslyft = documents[KUNSKAPSLYFT]
    if kunskapslyft.successor_id is None:
        kunskapslyft.successor = documents[KRAFTSAMLING]
        attribute(kunskapslyft, user=None, reason=REASON)
        kunskapslyft.save()
    aktivitetsplan = documents[AKTIVITETSPLAN]
    if aktivitetsplan.part_of_id is None:
        aktivitetsplan.part_of = kunskapslyft
        attribute(aktivitetsplan, user=None, reason=REASON)
        aktivitetsplan.save()
    areas = [
        ensure(StrategyArea, styrdokument=documents[RUS], code=code)
        for code in RUS_AREAS
    ]

    published = datetime.datetime(2023, 3, 1, 12, 0, tzinfo=TZ)
    plan_2022 = ensure(
        AnnualPlan,
        body=council,
        year=2022,
        version=1,
        defaults={
            "state": AnnualPlan.State.PUBLISHED,
            "prepared_by": chefsgruppen,
            "introduction": PLAN_2022_INTRODUCTION,
            "published_at": published,
        },
    )
    activities_2022 = {}
    for order, (title, status, follow_up) in enumerate(ACTIVITIES_2022, start=1):
        activities_2022[title] = ensure(
            Activity,
            plan=plan_2022,
            title=title,
            defaults={
                "order": order,
                "status": status,
                "follow_up": follow_up,
                "owner": Activity.Owner.OFFICIALS,
                "owner_body": chefsgruppen,
            },
        )

    spec = PLAN_2023
    plan = ensure(
        AnnualPlan,
        body=council,
        year=spec["year"],
        version=1,
        defaults={
            "state": AnnualPlan.State.PUBLISHED,
            "prepared_by": chefsgruppen,
            "introduction": spec["introduction"],
            "follow_up_summary": spec["follow_up_summary"],
            "published_at": published,
        },
    )
    if was_created(plan):
        plan.styrdokument.set([documents[RUS], documents[HANDLINGSPLAN], kunskapslyft])
    for order, (title, text) in enumerate(spec["assignments"], start=1):
        ensure(
            Assignment, plan=plan, title=title, defaults={"order": order, "text": text}
        )
    for order, (title, text) in enumerate(spec["vision_items"], start=1):
        item = ensure(
            VisionItem, plan=plan, title=title, defaults={"order": order, "text": text}
        )
        if was_created(item):
            item.styrdokument.set([documents[RUS]])
            item.strategy_areas.set(areas)
    for order, (title, description, status, continues) in enumerate(
        spec["activities"], start=1
    ):
        ensure(
            Activity,
            plan=plan,
            title=title,
            defaults={
                "order": order,
                "description": description,
                "status": status,
                "owner": Activity.Owner.OFFICIALS,
                "owner_body": chefsgruppen,
                "carried_from": activities_2022[continues] if continues else None,
            },
        )
