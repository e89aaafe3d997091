"""Att göra: what awaits one signed-in user, each with its deadline and one link.

- the chair and the justerare: each protokoll in justering they have not justerat;
- the secretary (an administrator: of every body): kallelser to send, protokoll to
  write or to finish, ändringsförslag to answer, justerade protokoll to publish
  (and, where the body uses anslag, to announce);
- whoever is named as responsible for an uppdrag in a published protokoll: the
  uppdrag that are not done.

The list is read in a fixed number of queries, however many meetings there are.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from council.permissions import person_of
from meetings.models import ActionItem, Meeting, Protocol
from meetings.selectors.protocol import steps


@dataclass(frozen=True)
class Task:
    """One thing to do: `action` on `meeting`, by `deadline`, at `url`."""

    kind: str
    action: str
    meeting: Meeting
    url: str
    deadline: datetime.date | None
    overdue: bool
    detail: str = ""


def _sorted(tasks: list[Task]) -> list[Task]:
    return sorted(
        tasks,
        key=lambda t: (t.deadline is None, t.deadline or datetime.date.max, t.action),
    )


def tasks_for(*, user: Any, now: datetime.datetime | None = None) -> list[Task]:
    """Everything that waits for `user`, the earliest deadline first."""
    if not getattr(user, "is_authenticated", False):
        return []
    moment = now or timezone.now()
    today = timezone.localdate(moment)

    def task(kind: str, action: str, meeting: Meeting, url: str, **rest) -> Task:
        deadline = rest.pop("deadline", None)
        return Task(
            kind=kind,
            action=action,
            meeting=meeting,
            url=url,
            deadline=deadline,
            overdue=deadline is not None and deadline < today,
            **rest,
        )

    found = []
    meetings = list(
        steps.meetings_with_protocols(steps.bodies_run_by(user=user))
        .filter(
            # Once published, a protokoll leaves nothing for the secretary to do
            # but a correction, which is a newer version and so still listed.
            ~Q(protocols__state=Protocol.State.PUBLISHED)
            | Q(protocols__state__in=_UNFINISHED)
        )
        .distinct()
    )
    for row in steps.meeting_statuses(meetings, now=moment):
        for step in row.steps:
            if step.kind:
                found.append(
                    task(
                        step.kind,
                        step.action,
                        row.meeting,
                        step.url,
                        deadline=step.deadline,
                        detail=step.detail,
                    )
                )
    person = person_of(user)
    if person is not None:
        found += [
            task(
                "justera",
                _("Justera protokollet"),
                protocol.meeting,
                reverse("meetings:protocol_review", kwargs={"pk": protocol.pk}),
                deadline=steps.justering_due(protocol),
                detail=progress.label,
            )
            for protocol in _in_justering_for(person)
            if person in (progress := steps.signing(protocol)).pending
        ]
        found += [
            task(
                "uppdrag",
                _("Följ upp uppdraget"),
                item.paragraph.protocol.meeting,
                item.paragraph.get_absolute_url(),
                deadline=item.due,
                detail=_("§ %(number)s: %(text)s")
                % {
                    "number": item.paragraph.number or item.paragraph.order,
                    "text": item.description,
                },
            )
            for item in ActionItem.objects.filter(
                assignee=person,
                done=False,
                paragraph__protocol__in=Protocol.objects.public(),
            ).select_related("paragraph__protocol__meeting__body")
        ]
    return _sorted(found)


_UNFINISHED = [
    Protocol.State.DRAFT,
    Protocol.State.IN_JUSTERING,
    Protocol.State.JUSTERAT,
]


def _in_justering_for(person: Any) -> list[Protocol]:
    """The protokoll in justering with `person` as chair or justerare."""
    return list(
        Protocol.objects.filter(
            Q(chair=person) | Q(justerare=person),
            state=Protocol.State.IN_JUSTERING,
            meeting__body__is_active=True,
        )
        .distinct()
        .select_related("meeting__body", "chair")
        .prefetch_related("justerare", "justeringar")
    )
