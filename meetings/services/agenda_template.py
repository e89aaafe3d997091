"""Editing a body's agenda template: the standard items every new dagordning
starts with. Items are numbered 1..n; the unique (body, order) holds at every step."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from council.history import attribute, renumber, save_attributed
from council.models import AgendaTemplateItem, Body
from council.personnummer import check_no_personnummer
from meetings import permissions


def _lock_body(body_id: int, actor: Any) -> Body:
    body = Body.objects.select_for_update().get(pk=body_id)
    if not permissions.can_edit_agenda_template(actor, body):
        raise PermissionDenied
    return body


def _renumber_template(body: Body, *, actor: Any) -> None:
    renumber(
        AgendaTemplateItem.objects.filter(body=body).order_by("order"),
        user=actor,
        reason=_("Mallen numrerad om"),
    )


@transaction.atomic
def agenda_template_item_create(
    *, body_id: int, actor: Any, title: str, text: str = "", kind: str
) -> AgendaTemplateItem:
    body = _lock_body(body_id, actor)
    check_no_personnummer({"title": title, "text": text})
    last = AgendaTemplateItem.objects.filter(body=body).order_by("-order").first()
    item = AgendaTemplateItem(
        body=body,
        order=(last.order + 1) if last else 1,
        title=title,
        text=text,
        kind=kind,
    )
    save_attributed(item, user=actor, reason=_("Standardpunkt tillagd"))
    return item


@transaction.atomic
def agenda_template_item_update(
    *, item_id: int, actor: Any, title: str, text: str = "", kind: str
) -> AgendaTemplateItem:
    item = AgendaTemplateItem.objects.select_for_update().get(pk=item_id)
    _lock_body(item.body_id, actor)
    check_no_personnummer({"title": title, "text": text})
    item.title, item.text, item.kind = title, text, kind
    save_attributed(item, user=actor, reason=_("Standardpunkt ändrad"))
    return item


@transaction.atomic
def agenda_template_item_move(
    *, item_id: int, actor: Any, up: bool
) -> AgendaTemplateItem:
    item = AgendaTemplateItem.objects.select_for_update().get(pk=item_id)
    body = _lock_body(item.body_id, actor)
    _renumber_template(body, actor=actor)
    item.refresh_from_db()
    target = item.order - 1 if up else item.order + 1
    neighbour = AgendaTemplateItem.objects.filter(body=body, order=target).first()
    if neighbour is None:
        return item
    # Through 0, so the unique order holds while the two trade places.
    old = item.order
    item.order = 0
    attribute(item, user=actor, reason=_("Standardpunkt flyttad"))
    item.save(update_fields=["order"])
    neighbour.order = old
    attribute(neighbour, user=actor, reason=_("Standardpunkt flyttad"))
    neighbour.save(update_fields=["order"])
    item.order = target
    attribute(item, user=actor, reason=_("Standardpunkt flyttad"))
    item.save(update_fields=["order"])
    return item


@transaction.atomic
def agenda_template_item_delete(*, item_id: int, actor: Any) -> None:
    item = AgendaTemplateItem.objects.select_for_update().get(pk=item_id)
    body = _lock_body(item.body_id, actor)
    attribute(item, user=actor, reason=_("Standardpunkt borttagen"))
    item.delete()
    _renumber_template(body, actor=actor)
