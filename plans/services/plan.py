"""Plans as a whole: create, carry forward, adopt, publish, new version."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council import workflow
from council.history import save_attributed
from council.models import Body
from council.personnummer import (
    PersonnummerPlace,
    check_no_personnummer,
    personnummer_places,
    where_list,
)
from meetings.models import Meeting, Paragraph
from plans import permissions
from plans.models import (
    Activity,
    AnnualPlan,
    Assignment,
    Styrdokument,
    VisionItem,
)
from plans.services._common import (
    default_preparer,
    editable_plan,
    plan_for_update,
)

# Plans ------------------------------------------------------------------------------


@transaction.atomic
def plan_create(
    *, body_id: int, year: int, actor: Any, prepared_by_id: int | None = None
) -> AnnualPlan:
    """Start an empty draft plan for a body and a year that has none."""
    body = Body.objects.select_for_update().get(pk=body_id)
    if not permissions.can_create_plan(actor, body):
        raise PermissionDenied
    if AnnualPlan.objects.filter(body=body, year=year).exists():
        raise ValidationError(
            _("Det finns redan en verksamhetsplan för %(year)s.") % {"year": year}
        )
    prepared_by = (
        Body.objects.get(pk=prepared_by_id)
        if prepared_by_id
        else default_preparer(body)
    )
    plan = AnnualPlan(body=body, year=year, prepared_by=prepared_by)
    save_attributed(plan, user=actor, reason=_("Ny verksamhetsplan"))
    return plan


@transaction.atomic
def plan_create_from_previous(*, plan_id: int, actor: Any) -> AnnualPlan:
    """ "Ny plan från föregående år": copy the structure, carry unfinished activities.

    The new plan gets the following year, the same preparing group, introduction,
    styrdokument, uppdrag and vision items. Every activity that is not genomförd
    or struken continues in the new plan, linked to the one it continues.
    """
    given = plan_for_update(plan_id)
    body = Body.objects.select_for_update().get(pk=given.body_id)
    if not permissions.can_create_plan(actor, body):
        raise PermissionDenied
    # Copy the newest version of that year, whichever version was asked for.
    source = (
        AnnualPlan.objects.filter(body=body, year=given.year)
        .order_by("-version")
        .first()
    )
    year = source.year + 1
    if AnnualPlan.objects.filter(body=body, year=year).exists():
        raise ValidationError(
            _("Det finns redan en verksamhetsplan för %(year)s.") % {"year": year}
        )
    reason = _("Ny plan från %(year)s") % {"year": source.year}
    plan = AnnualPlan(
        body=body,
        year=year,
        prepared_by=source.prepared_by,
        introduction=source.introduction,
    )
    save_attributed(plan, user=actor, reason=reason)
    plan.styrdokument.set(source.styrdokument.all())
    _copy_structure(source, plan, actor=actor, reason=reason)
    carried = [a for a in source.activities.all() if not a.is_finished]
    for order, activity in enumerate(carried, start=1):
        status = (
            Activity.Status.ONGOING
            if activity.status == Activity.Status.ONGOING
            else Activity.Status.PLANNED
        )
        save_attributed(
            Activity(
                plan=plan,
                order=order,
                title=activity.title,
                description=activity.description,
                owner=activity.owner,
                owner_body=activity.owner_body,
                owner_text=activity.owner_text,
                status=status,
                carried_from=activity,
            ),
            user=actor,
            reason=reason,
        )
    return plan


def _copy_structure(
    source: AnnualPlan, target: AnnualPlan, *, actor: Any, reason: str
) -> None:
    for assignment in source.assignments.all():
        save_attributed(
            Assignment(
                plan=target,
                order=assignment.order,
                title=assignment.title,
                text=assignment.text,
            ),
            user=actor,
            reason=reason,
        )
    for item in source.vision_items.prefetch_related("styrdokument", "strategy_areas"):
        copy = VisionItem(
            plan=target, order=item.order, title=item.title, text=item.text
        )
        save_attributed(copy, user=actor, reason=reason)
        copy.styrdokument.set(item.styrdokument.all())
        copy.strategy_areas.set(item.strategy_areas.all())


@transaction.atomic
def plan_update(
    *,
    plan_id: int,
    actor: Any,
    introduction: str,
    follow_up_summary: str,
    styrdokument_ids: Iterable[int],
) -> AnnualPlan:
    """Change a draft's introduction, overall follow-up and styrdokument served."""
    plan = editable_plan(plan_id, actor)
    check_no_personnummer(
        {"introduction": introduction, "follow_up_summary": follow_up_summary}
    )
    plan.introduction = introduction
    plan.follow_up_summary = follow_up_summary
    save_attributed(plan, user=actor, reason=_("Planens uppgifter ändrade"))
    plan.styrdokument.set(Styrdokument.objects.filter(pk__in=list(styrdokument_ids)))
    return plan


@transaction.atomic
def plan_adopt(
    *,
    plan_id: int,
    actor: Any,
    paragraph_id: int | None = None,
    meeting_id: int | None = None,
    adopted_on: datetime.date | None = None,
) -> AnnualPlan:
    """Record that the council adopted the plan at a meeting, in a paragraph.

    From now on the text is fixed.
    """
    plan = plan_for_update(plan_id)
    if not permissions.can_adopt_plan(actor, plan):
        raise PermissionDenied
    if not workflow.may_move(AnnualPlan, plan.state, AnnualPlan.State.ADOPTED):
        raise ValidationError(
            _("Planen kan inte fastställas eftersom den redan är %(state)s.")
            % {"state": plan.get_state_display().lower()}
        )
    paragraph = None
    if paragraph_id is not None:
        paragraph = Paragraph.objects.select_related("protocol__meeting").get(
            pk=paragraph_id
        )
        if meeting_id is not None and paragraph.protocol.meeting_id != meeting_id:
            raise ValidationError(
                {"paragraph": _("Paragrafen hör inte till det valda mötet.")}
            )
        meeting = paragraph.protocol.meeting
    elif meeting_id is not None:
        meeting = Meeting.objects.get(pk=meeting_id)
    else:
        raise ValidationError(
            _("Ange mötet eller paragrafen där rådet fastställde planen.")
        )
    if meeting.body_id != plan.body_id:
        raise ValidationError(
            _("Mötet är inte %(body)s möte; planen fastställs av %(body)s.")
            % {"body": plan.body.short_name}
        )
    workflow.move(plan, AnnualPlan.State.ADOPTED)
    plan.adopted_at_meeting = meeting
    plan.adopted_in_paragraph = paragraph
    plan.adopted_on = adopted_on or meeting.local_start.date()
    where = str(paragraph) if paragraph else str(meeting)
    save_attributed(
        plan, user=actor, reason=_("Fastställd (%(where)s)") % {"where": where}
    )
    return plan


def plan_texts(plan: AnnualPlan) -> list[tuple[str, str]]:
    """Every text of the plan that is published, with where it stands."""
    texts = [
        (_("inledningen"), plan.introduction),
        (_("den sammanfattande uppföljningen"), plan.follow_up_summary),
        (_("skälet till ny version"), plan.change_reason),
    ]
    for kind, entries in (
        (_("uppdrag"), plan.assignments.order_by("order", "pk")),
        (_("vision/strategi"), plan.vision_items.order_by("order", "pk")),
    ):
        for entry in entries:
            where = f"{kind} {entry.order}"
            texts += [(where, entry.title), (where, entry.text)]
    for activity in plan.activities.order_by("order", "pk"):
        where = _("aktivitet %(order)s") % {"order": activity.order}
        for text in (
            activity.title,
            activity.description,
            activity.owner_text,
            activity.follow_up,
        ):
            texts.append((where, text))
    return texts


def plan_personnummer(plan: AnnualPlan) -> list[PersonnummerPlace]:
    """Everything in the plan that looks like a personnummer, and where."""
    return personnummer_places(plan_texts(plan))


def personnummer_refusal(places: list[PersonnummerPlace]) -> str:
    return _(
        "Planen publiceras inte: den innehåller något som ser ut som ett "
        "personnummer (%(where)s). Personnummer får aldrig publiceras. Skapa en ny "
        "version utan det och fastställ den i stället."
    ) % {"where": where_list(places)}


@transaction.atomic
def plan_publish(*, plan_id: int, actor: Any) -> AnnualPlan:
    """Make an adopted plan public; refused while it holds a personnummer."""
    plan = plan_for_update(plan_id)
    if not permissions.can_publish_plan(actor, plan):
        raise PermissionDenied
    if not workflow.may_move(AnnualPlan, plan.state, AnnualPlan.State.PUBLISHED):
        if plan.state == AnnualPlan.State.DRAFT:
            raise ValidationError(
                _("Planen måste fastställas innan den kan publiceras.")
            )
        raise ValidationError(_("Planen är redan publicerad."))
    places = plan_personnummer(plan)
    if places:
        raise ValidationError(personnummer_refusal(places))
    workflow.move(plan, AnnualPlan.State.PUBLISHED)
    plan.published_at = timezone.now()
    save_attributed(plan, user=actor, reason=_("Publicerad"))
    return plan


@transaction.atomic
def plan_create_version(*, plan_id: int, actor: Any, reason: str) -> AnnualPlan:
    """Start a new draft version of an adopted plan; the adopted one is kept."""
    plan = plan_for_update(plan_id)
    if not permissions.can_revise_plan(actor, plan):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Ange varför planen behöver ändras.")})
    check_no_personnummer({"reason": reason})
    if not plan.is_locked:
        raise ValidationError(
            _("Planen är ett utkast och kan ändras direkt; ingen ny version behövs.")
        )
    if AnnualPlan.objects.filter(corrects=plan).exists():
        raise ValidationError(_("Det finns redan en nyare version av planen."))
    text = _("Ny version: %(reason)s") % {"reason": reason}
    version = AnnualPlan(
        body=plan.body,
        year=plan.year,
        version=plan.version + 1,
        corrects=plan,
        change_reason=reason,
        prepared_by=plan.prepared_by,
        introduction=plan.introduction,
        follow_up_summary=plan.follow_up_summary,
    )
    save_attributed(version, user=actor, reason=text)
    version.styrdokument.set(plan.styrdokument.all())
    _copy_structure(plan, version, actor=actor, reason=text)
    for activity in plan.activities.prefetch_related("paragraphs"):
        copy = Activity(
            plan=version,
            order=activity.order,
            title=activity.title,
            description=activity.description,
            owner=activity.owner,
            owner_body=activity.owner_body,
            owner_text=activity.owner_text,
            status=activity.status,
            follow_up=activity.follow_up,
            carried_from=activity.carried_from,
        )
        save_attributed(copy, user=actor, reason=text)
        copy.paragraphs.set(activity.paragraphs.all())
    return version
