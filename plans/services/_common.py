"""Helpers shared by the plan services: locking, attribution, the lock check."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext as _

from council.models import Body
from plans import permissions
from plans.models import (
    Activity,
    AnnualPlan,
    Assignment,
    VisionItem,
)

# The ordered entries of a plan, by the name used in URLs and forms.
SECTION_MODELS: dict[str, type[Assignment | VisionItem | Activity]] = {
    "uppdrag": Assignment,
    "vision": VisionItem,
    "aktiviteter": Activity,
}


def locked_message() -> str:
    return _(
        "Planen är fastställd och texten kan inte längre ändras. Skapa en ny "
        "version med ett skäl för att göra ändringar."
    )


def plan_for_update(plan_id: int) -> AnnualPlan:
    return AnnualPlan.objects.select_for_update().select_related("body").get(pk=plan_id)


def editable_plan(plan_id: int, actor: Any) -> AnnualPlan:
    """Lock a plan whose text the actor is about to change; refuse if adopted."""
    plan = plan_for_update(plan_id)
    if not permissions.can_edit_plan(actor, plan):
        raise PermissionDenied
    if plan.is_locked:
        raise ValidationError(locked_message())
    return plan


def next_order(plan: AnnualPlan, model: type[models.Model]) -> int:
    last = model.objects.filter(plan=plan).aggregate(top=models.Max("order"))["top"]
    return (last or 0) + 1


def default_preparer(body: Body) -> Body | None:
    groups = permissions.preparing_bodies(body)
    return groups[0] if groups else None
