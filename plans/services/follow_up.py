"""Follow-up of activities: status and text, until the next plan is adopted."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from council.history import save_attributed
from council.personnummer import check_no_personnummer
from plans import permissions
from plans.models import (
    Activity,
    AnnualPlan,
)

# Follow-up ----------------------------------------------------------------------------


def follow_up_is_locked(activity: Activity) -> bool:
    """Whether the follow-up of `activity` is fixed.

    It is once the following year's plan, which presents it, has been adopted,
    or once a newer version replaces the activity's plan.
    """
    plan = activity.plan
    if AnnualPlan.objects.filter(corrects=plan).exists():
        return True
    return AnnualPlan.objects.filter(
        body_id=plan.body_id,
        year=plan.year + 1,
        state__in=AnnualPlan.LOCKED_STATES,
    ).exists()


@dataclass
class FollowUp:
    activity_id: int
    status: str
    follow_up: str


@transaction.atomic
def activities_follow_up(*, actor: Any, entries: Iterable[FollowUp]) -> list[Activity]:
    """Record status and follow-up text of activities, e.g. last year's.

    The follow-up of a published plan is public as soon as it is saved, so it may
    never hold a personnummer.
    """
    changed = []
    for entry in entries:
        activity = (
            Activity.objects.select_for_update()
            .select_related("plan__body")
            .get(pk=entry.activity_id)
        )
        if not permissions.can_edit_plan(actor, activity.plan):
            raise PermissionDenied
        if entry.status == activity.status and entry.follow_up == activity.follow_up:
            continue
        if follow_up_is_locked(activity):
            raise ValidationError(
                _(
                    "Uppföljningen av ”%(title)s” ingår i en fastställd plan och "
                    "kan inte längre ändras."
                )
                % {"title": activity.title}
            )
        check_no_personnummer({"follow_up": entry.follow_up})
        activity.status = entry.status
        activity.follow_up = entry.follow_up
        save_attributed(activity, user=actor, reason=_("Uppföljning"))
        changed.append(activity)
    return changed
