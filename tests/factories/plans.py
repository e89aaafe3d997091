"""Factories of annual plans and styrdokument."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from plans.models import (
    Activity,
    AnnualPlan,
    Assignment,
    StrategyArea,
    Styrdokument,
    VisionItem,
)
from tests.factories.council import (
    BodyFactory,
)


class StyrdokumentFactory(DjangoModelFactory[Styrdokument]):
    class Meta:
        model = Styrdokument

    title = factory.Sequence(lambda n: f"Regional utvecklingsstrategi {n}")
    short_name = factory.Sequence(lambda n: f"RUS{n}")
    kind = Styrdokument.Kind.STRATEGY
    description = "Länets gemensamma strategi för hållbar regional utveckling."
    period_start = 2022
    period_end = 2030
    status = Styrdokument.Status.IN_FORCE


class StrategyAreaFactory(DjangoModelFactory[StrategyArea]):
    class Meta:
        model = StrategyArea

    styrdokument = factory.SubFactory(StyrdokumentFactory)
    code = factory.Sequence(lambda n: f"5:{n + 1}")
    title = "Stärkt kompetensförsörjning"


class AnnualPlanFactory(DjangoModelFactory[AnnualPlan]):
    class Meta:
        model = AnnualPlan

    body = factory.SubFactory(BodyFactory)
    year = factory.Sequence(lambda n: 2001 + n % 99)
    version = 1
    state = AnnualPlan.State.DRAFT
    introduction = "Verksamhetsplanen beskriver rådets arbete under året."


class AssignmentFactory(DjangoModelFactory[Assignment]):
    class Meta:
        model = Assignment

    plan = factory.SubFactory(AnnualPlanFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = "Följa upp samverkansdokumentet"
    text = "Rådet följer upp samverkansdokumentet och dess aktivitetsplan."


class VisionItemFactory(DjangoModelFactory[VisionItem]):
    class Meta:
        model = VisionItem

    plan = factory.SubFactory(AnnualPlanFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = "Möta arbetskraftsefterfrågan i bristyrken"
    text = "Möt arbetskraftsefterfrågan i bristyrken och regionala styrkeområden."


class ActivityFactory(DjangoModelFactory[Activity]):
    class Meta:
        model = Activity

    plan = factory.SubFactory(AnnualPlanFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = "Utveckla samverkan kring vuxenutbildningen"
    description = "Öka kunskapen om länets vuxenutbildning."
    owner = Activity.Owner.OFFICIALS
    status = Activity.Status.PLANNED
