"""Writes of the plans app: the verksamhetsplan from draft to adopted and published.

Each use case is one function: it locks the changed row, checks who may act
(`plans.permissions`) and when (the plan's TRANSITIONS and its lock), attributes
the history row and validates before saving. From adoption on, the text of a
version is fixed; a change needs a new version with a reason. The follow-up of an
activity (status and follow-up text) is not part of the adopted text: it may be
written until the plan of the following year is adopted, because that plan
presents it.
"""

from plans.services._common import SECTION_MODELS, locked_message
from plans.services.entries import (
    ActivityFields,
    activity_create,
    activity_update,
    assignment_create,
    assignment_update,
    plan_item_delete,
    plan_item_move,
    vision_item_create,
    vision_item_update,
)
from plans.services.follow_up import FollowUp, activities_follow_up, follow_up_is_locked
from plans.services.plan import (
    plan_adopt,
    plan_create,
    plan_create_from_previous,
    plan_create_version,
    plan_publish,
    plan_update,
)

__all__ = [
    "SECTION_MODELS",
    "ActivityFields",
    "FollowUp",
    "activities_follow_up",
    "activity_create",
    "activity_update",
    "assignment_create",
    "assignment_update",
    "follow_up_is_locked",
    "locked_message",
    "plan_adopt",
    "plan_create",
    "plan_create_from_previous",
    "plan_create_version",
    "plan_item_delete",
    "plan_item_move",
    "plan_publish",
    "plan_update",
    "vision_item_create",
    "vision_item_update",
]
