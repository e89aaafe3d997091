"""Who may read and write annual plans, as predicates over memberships.

A plan is edited by the secretary of its body and by the members of the
officials' group that prepares it (e.g. Chefsgruppen); administrators may do
everything. Adopting and publishing record the council's own decision, so they
belong to the secretary and administrators. These predicates never look at the
plan's state: the services do.
"""

from __future__ import annotations

from typing import Any

from council.models import Body
from council.permissions import (
    can_manage_body,
    is_administrator,
    is_member,
    is_secretary,
)
from plans.models import AnnualPlan


def preparing_bodies(body: Body) -> list[Body]:
    """The officials' groups that prepare the plans of `body`."""
    return list(body.supporting_bodies.filter(kind=Body.Kind.OFFICIALS, is_active=True))


def can_create_plan(user: Any, body: Body) -> bool:
    """The body's secretary, a member of a group preparing its plans, or an admin."""
    if is_administrator(user) or is_secretary(user, body):
        return True
    return any(is_member(user, group) for group in preparing_bodies(body))


def can_edit_plan(user: Any, plan: AnnualPlan) -> bool:
    """The body's secretary, the members of the preparing group, or an admin."""
    if is_administrator(user) or is_secretary(user, plan.body):
        return True
    return plan.prepared_by is not None and is_member(user, plan.prepared_by)


def can_adopt_plan(user: Any, plan: AnnualPlan) -> bool:
    """Recording the council's adoption is the secretary's (or an admin's) task."""
    return can_manage_body(user, plan.body)


def can_publish_plan(user: Any, plan: AnnualPlan) -> bool:
    return can_manage_body(user, plan.body)


def can_revise_plan(user: Any, plan: AnnualPlan) -> bool:
    """Starting a new version of an adopted plan, with a reason."""
    return can_manage_body(user, plan.body)


def can_view_plan(user: Any, plan: AnnualPlan) -> bool:
    """Published plans are public; anything else only for the body's insiders."""
    if plan.state == AnnualPlan.State.PUBLISHED:
        return True
    if is_administrator(user) or is_member(user, plan.body):
        return True
    return plan.prepared_by is not None and is_member(user, plan.prepared_by)


def can_edit_styrdokument(user: Any) -> bool:
    """The register is kept by administrators (secretaries use the admin)."""
    return is_administrator(user)
