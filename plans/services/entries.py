"""Entries of a draft plan: uppdrag, vision items and activities."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from council.history import attribute, save_attributed
from council.models import Body
from council.personnummer import check_no_personnummer
from meetings.models import Paragraph
from plans.models import (
    Activity,
    Assignment,
    StrategyArea,
    Styrdokument,
    VisionItem,
)
from plans.services._common import (
    SECTION_MODELS,
    editable_plan,
    next_order,
)

# Entries of a plan: uppdrag, vision items, activities --------------------------------


@transaction.atomic
def assignment_create(*, plan_id: int, actor: Any, title: str, text: str) -> Assignment:
    plan = editable_plan(plan_id, actor)
    check_no_personnummer({"title": title, "text": text})
    assignment = Assignment(
        plan=plan, order=next_order(plan, Assignment), title=title, text=text
    )
    save_attributed(assignment, user=actor, reason=_("Uppdrag tillagt"))
    return assignment


@transaction.atomic
def assignment_update(
    *, assignment_id: int, actor: Any, title: str, text: str
) -> Assignment:
    assignment = Assignment.objects.select_for_update().get(pk=assignment_id)
    editable_plan(assignment.plan_id, actor)
    check_no_personnummer({"title": title, "text": text})
    assignment.title, assignment.text = title, text
    save_attributed(assignment, user=actor, reason=_("Uppdrag ändrat"))
    return assignment


@transaction.atomic
def vision_item_create(
    *,
    plan_id: int,
    actor: Any,
    title: str,
    text: str,
    styrdokument_ids: Iterable[int] = (),
    strategy_area_ids: Iterable[int] = (),
) -> VisionItem:
    plan = editable_plan(plan_id, actor)
    check_no_personnummer({"title": title, "text": text})
    item = VisionItem(
        plan=plan, order=next_order(plan, VisionItem), title=title, text=text
    )
    save_attributed(item, user=actor, reason=_("Vision/strategi tillagd"))
    item.styrdokument.set(Styrdokument.objects.filter(pk__in=list(styrdokument_ids)))
    item.strategy_areas.set(StrategyArea.objects.filter(pk__in=list(strategy_area_ids)))
    return item


@transaction.atomic
def vision_item_update(
    *,
    vision_item_id: int,
    actor: Any,
    title: str,
    text: str,
    styrdokument_ids: Iterable[int] = (),
    strategy_area_ids: Iterable[int] = (),
) -> VisionItem:
    item = VisionItem.objects.select_for_update().get(pk=vision_item_id)
    editable_plan(item.plan_id, actor)
    check_no_personnummer({"title": title, "text": text})
    item.title, item.text = title, text
    save_attributed(item, user=actor, reason=_("Vision/strategi ändrad"))
    item.styrdokument.set(Styrdokument.objects.filter(pk__in=list(styrdokument_ids)))
    item.strategy_areas.set(StrategyArea.objects.filter(pk__in=list(strategy_area_ids)))
    return item


def _check_owner(
    *, owner: str, owner_body: Body | None, owner_text: str
) -> dict[str, str]:
    errors = {}
    if owner == Activity.Owner.NETWORK and (
        owner_body is None or owner_body.kind != Body.Kind.NETWORK
    ):
        errors["owner_body"] = _("Välj vilket nätverk som är ansvarigt.")
    if owner == Activity.Owner.EXTERNAL and not owner_text.strip():
        errors["owner_text"] = _("Ange vilken extern part som är ansvarig.")
    return errors


@dataclass
class ActivityFields:
    """What a person types about an activity."""

    title: str
    description: str = ""
    owner: str = Activity.Owner.OFFICIALS
    owner_body_id: int | None = None
    owner_text: str = ""
    status: str = Activity.Status.PLANNED
    follow_up: str = ""
    paragraph_ids: Iterable[int] = ()


def _apply_activity(activity: Activity, fields: ActivityFields) -> None:
    owner_body = (
        Body.objects.get(pk=fields.owner_body_id) if fields.owner_body_id else None
    )
    errors = _check_owner(
        owner=fields.owner, owner_body=owner_body, owner_text=fields.owner_text
    )
    if errors:
        raise ValidationError(errors)
    check_no_personnummer(
        {
            "title": fields.title,
            "description": fields.description,
            "owner_text": fields.owner_text,
            "follow_up": fields.follow_up,
        }
    )
    activity.title = fields.title
    activity.description = fields.description
    activity.owner = fields.owner
    activity.owner_body = owner_body
    activity.owner_text = fields.owner_text
    activity.status = fields.status
    activity.follow_up = fields.follow_up


@transaction.atomic
def activity_create(*, plan_id: int, actor: Any, fields: ActivityFields) -> Activity:
    plan = editable_plan(plan_id, actor)
    activity = Activity(plan=plan, order=next_order(plan, Activity))
    _apply_activity(activity, fields)
    save_attributed(activity, user=actor, reason=_("Aktivitet tillagd"))
    activity.paragraphs.set(Paragraph.objects.filter(pk__in=list(fields.paragraph_ids)))
    return activity


@transaction.atomic
def activity_update(
    *, activity_id: int, actor: Any, fields: ActivityFields
) -> Activity:
    activity = Activity.objects.select_for_update().get(pk=activity_id)
    editable_plan(activity.plan_id, actor)
    _apply_activity(activity, fields)
    save_attributed(activity, user=actor, reason=_("Aktivitet ändrad"))
    activity.paragraphs.set(Paragraph.objects.filter(pk__in=list(fields.paragraph_ids)))
    return activity


def _section_item(kind: str, item_id: int) -> models.Model:
    try:
        model = SECTION_MODELS[kind]
    except KeyError as exc:
        raise ValidationError(_("Okänd del av planen.")) from exc
    return model.objects.select_for_update().get(pk=item_id)


@transaction.atomic
def plan_item_delete(*, kind: str, item_id: int, actor: Any) -> None:
    """Remove an uppdrag, vision item or activity from a draft."""
    item = _section_item(kind, item_id)
    editable_plan(item.plan_id, actor)
    attribute(item, user=actor, reason=_("Borttagen ur planen"))
    item.delete()


@transaction.atomic
def plan_item_move(*, kind: str, item_id: int, actor: Any, direction: str) -> None:
    """Move an entry one step up or down within its section of a draft."""
    item = _section_item(kind, item_id)
    plan = editable_plan(item.plan_id, actor)
    if direction not in {"upp", "ned"}:
        raise ValidationError(_("Okänd riktning."))
    model = type(item)
    items = list(
        model.objects.select_for_update().filter(plan=plan).order_by("order", "pk")
    )
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index - 1 if direction == "upp" else index + 1
    if not 0 <= target < len(items):
        return
    items[index], items[target] = items[target], items[index]
    for position, entry in enumerate(items, start=1):
        if entry.order != position:
            entry.order = position
            save_attributed(entry, user=actor, reason=_("Ordningen ändrad"))
