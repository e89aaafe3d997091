"""Planning a meeting: the meeting itself and its dagordning.

A new meeting's dagordning starts from its body's agenda template. Items are
numbered 1..n by `order`; moving swaps neighbours, removing renumbers. Changes
after the kallelse are logged for the members (see `changes`).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from council import workflow
from council.history import attribute, renumber, save_attributed
from council.models import AgendaTemplateItem, Body, ItemKind
from council.personnummer import check_no_personnummer
from meetings import permissions
from meetings.models import AgendaItem, Meeting
from meetings.services.changes import record_change
from meetings.services.notice import notice_send_supplement

# Fields whose change makes calendars update the event (SEQUENCE + 1).
CALENDAR_FIELDS = ("title", "starts_at", "ends_at", "location", "address", "online_url")
EDITABLE_STATES = {Meeting.State.PLANNED, Meeting.State.CALLED}


def _check_editable(meeting: Meeting) -> None:
    if meeting.state not in EDITABLE_STATES:
        raise ValidationError(
            _("Mötet är %(state)s och kan inte längre ändras.")
            % {"state": meeting.get_state_display().lower()}
        )


# Meetings ------------------------------------------------------------------------


@transaction.atomic
def meeting_create(
    *,
    body_id: int,
    actor: Any,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    title: str = "",
    location: str = "",
    address: str = "",
    online_url: str = "",
) -> Meeting:
    """Plan a meeting; its dagordning starts as a copy of the body's template."""
    body = Body.objects.get(pk=body_id)
    if not permissions.can_plan_meetings(actor, body):
        raise PermissionDenied
    meeting = Meeting(
        body=body,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location,
        address=address,
        online_url=online_url,
    )
    save_attributed(meeting, user=actor, reason=_("Mötet planerat"))
    for template in AgendaTemplateItem.objects.filter(body=body).order_by("order"):
        item = AgendaItem(
            meeting=meeting,
            order=template.order,
            title=template.title,
            text=template.text,
            kind=template.kind,
        )
        save_attributed(item, user=actor, reason=_("Från dagordningsmallen"))
    _renumber(meeting, actor=actor)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting_id: int,
    actor: Any,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    title: str = "",
    location: str = "",
    address: str = "",
    online_url: str = "",
) -> Meeting:
    """Change time and place; calendars see a new SEQUENCE when anything changed."""
    meeting = (
        Meeting.objects.select_for_update().select_related("body").get(pk=meeting_id)
    )
    if not permissions.can_manage_meeting(actor, meeting):
        raise PermissionDenied
    _check_editable(meeting)
    before = {name: getattr(meeting, name) for name in CALENDAR_FIELDS}
    meeting.title = title
    meeting.starts_at = starts_at
    meeting.ends_at = ends_at
    meeting.location = location
    meeting.address = address
    meeting.online_url = online_url
    changed = [n for n in CALENDAR_FIELDS if getattr(meeting, n) != before[n]]
    if not changed:
        return meeting
    meeting.sequence += 1
    save_attributed(meeting, user=actor, reason=_("Tid eller plats ändrad"))
    public = [n for n in changed if n != "online_url"]
    if public:
        record_change(
            meeting=meeting,
            actor=actor,
            description=_("Tid eller plats ändrad: %(when)s, %(place)s")
            % {"when": _when(meeting), "place": meeting.place},
            is_public=True,
        )
    if "online_url" in changed:
        record_change(
            meeting=meeting,
            actor=actor,
            description=_("Länken till det digitala mötet ändrad"),
            is_public=False,
        )
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting_id: int, actor: Any, reason: str) -> Meeting:
    """Cancel a meeting, saying why: the reason is shown on the meeting page and in
    the calendars. If the kallelse was sent, everyone called is told by e-mail
    (a tillägg with the reason and a calendar cancellation)."""
    meeting = (
        Meeting.objects.select_for_update().select_related("body").get(pk=meeting_id)
    )
    if not permissions.can_manage_meeting(actor, meeting):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Skriv varför mötet ställs in.")})
    check_no_personnummer({"reason": reason})
    workflow.move(
        meeting, Meeting.State.CANCELLED, message=_("Mötet kan inte ställas in.")
    )
    meeting.cancel_reason = reason
    meeting.sequence += 1
    save_attributed(meeting, user=actor, reason=_("Mötet inställt"))
    record_change(
        meeting=meeting,
        actor=actor,
        description=_("Mötet är inställt: %(reason)s") % {"reason": reason},
        is_public=True,
    )
    if meeting.notice_sent_at is not None:
        notice_send_supplement(meeting_id=meeting.pk, actor=actor)
    return meeting


def _when(meeting: Meeting) -> str:
    start = timezone.localtime(meeting.starts_at)
    end = timezone.localtime(meeting.ends_at)
    return f"{formats.date_format(start, 'l j F Y')} {start:%H.%M}–{end:%H.%M}"


# Agenda items --------------------------------------------------------------------


def _lock_meeting(meeting_id: int, actor: Any) -> Meeting:
    meeting = (
        Meeting.objects.select_for_update().select_related("body").get(pk=meeting_id)
    )
    if not permissions.can_manage_meeting(actor, meeting):
        raise PermissionDenied
    _check_editable(meeting)
    return meeting


def _renumber(meeting: Meeting, *, actor: Any) -> None:
    renumber(
        AgendaItem.objects.filter(meeting=meeting).order_by("order", "pk"),
        user=actor,
        reason=_("Dagordningen numrerad om"),
    )


@transaction.atomic
def agenda_item_create(
    *,
    meeting_id: int,
    actor: Any,
    title: str,
    text: str = "",
    kind: str = ItemKind.INFORMATION,
    presenter: str = "",
    is_public: bool = True,
) -> AgendaItem:
    """Add an item to the dagordning, before "Övriga frågor" and the closing items
    if the dagordning has them, else last. Never with a personnummer."""
    meeting = _lock_meeting(meeting_id, actor)
    check_no_personnummer({"title": title, "text": text, "presenter": presenter})
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("order", "pk"))
    position = len(items) + 1
    for index, existing in enumerate(items):
        if existing.kind == ItemKind.OTHER_MATTERS:
            position = index + 1
            break
    for existing in items[position - 1 :]:
        existing.order += 1
        attribute(existing, user=actor, reason=_("Dagordningen numrerad om"))
        existing.save(update_fields=["order"])
    item = AgendaItem(
        meeting=meeting,
        order=position,
        title=title,
        text=text,
        kind=kind,
        presenter=presenter,
        is_public=is_public,
    )
    save_attributed(item, user=actor, reason=_("Punkt tillagd"))
    record_change(
        meeting=meeting,
        actor=actor,
        description=_("Ny punkt: %(title)s") % {"title": title}
        if is_public
        else _("Ny punkt (ej offentlig): %(title)s") % {"title": title},
        is_public=is_public,
        agenda_item=item,
    )
    return item


@transaction.atomic
def agenda_item_update(
    *,
    item_id: int,
    actor: Any,
    title: str,
    text: str = "",
    kind: str = ItemKind.INFORMATION,
    presenter: str = "",
    is_public: bool = True,
) -> AgendaItem:
    """Change an item; never to text that holds a personnummer."""
    item = AgendaItem.objects.select_for_update().get(pk=item_id)
    meeting = _lock_meeting(item.meeting_id, actor)
    check_no_personnummer({"title": title, "text": text, "presenter": presenter})
    was_public = item.is_public
    fields = {
        "title": title,
        "text": text,
        "kind": kind,
        "presenter": presenter,
        "is_public": is_public,
    }
    if all(getattr(item, name) == value for name, value in fields.items()):
        return item
    for name, value in fields.items():
        setattr(item, name, value)
    save_attributed(item, user=actor, reason=_("Punkt ändrad"))
    record_change(
        meeting=meeting,
        actor=actor,
        description=_("Punkt %(number)s ändrad: %(title)s")
        % {"number": item.order, "title": item.title},
        is_public=is_public and was_public,
        agenda_item=item,
    )
    return item


@transaction.atomic
def agenda_item_move(*, item_id: int, actor: Any, up: bool) -> AgendaItem:
    """Swap an item with its neighbour above (up) or below."""
    item = AgendaItem.objects.select_for_update().get(pk=item_id)
    meeting = _lock_meeting(item.meeting_id, actor)
    _renumber(meeting, actor=actor)
    item.refresh_from_db()
    target = item.order - 1 if up else item.order + 1
    neighbour = AgendaItem.objects.filter(meeting=meeting, order=target).first()
    if neighbour is None:
        return item
    neighbour.order, item.order = item.order, target
    for moved in (neighbour, item):
        attribute(moved, user=actor, reason=_("Punkt flyttad"))
        moved.save(update_fields=["order"])
    record_change(
        meeting=meeting,
        actor=actor,
        description=_("Punkten ”%(title)s” flyttad till nummer %(number)s")
        % {"title": item.title, "number": item.order},
        is_public=item.is_public and neighbour.is_public,
        agenda_item=item,
    )
    return item


def agenda_item_delete_refusal(item: AgendaItem) -> str | None:
    """Why `item` cannot be removed, or None: one with attachments or a protokoll
    paragraph stays. The confirmation page asks before the removal is tried."""
    if item.attachments.exists():
        return _("Punkten har bilagor. Ta bort eller flytta bilagorna först.")
    if item.paragraphs.exists():
        return _("Punkten finns redan i protokollet.")
    return None


@transaction.atomic
def agenda_item_delete(*, item_id: int, actor: Any) -> None:
    """Remove an item; one with attachments or a protokoll paragraph stays."""
    item = AgendaItem.objects.select_for_update().get(pk=item_id)
    meeting = _lock_meeting(item.meeting_id, actor)
    refusal = agenda_item_delete_refusal(item)
    if refusal:
        raise ValidationError(refusal)
    title, was_public = item.title, item.is_public
    attribute(item, user=actor, reason=_("Punkt borttagen"))
    item.delete()
    _renumber(meeting, actor=actor)
    record_change(
        meeting=meeting,
        actor=actor,
        description=_("Punkten ”%(title)s” är borttagen") % {"title": title},
        is_public=was_public,
    )
