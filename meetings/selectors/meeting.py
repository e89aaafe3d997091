"""Reads for meetings: lists, one meeting's agenda as a viewer may see it, attendance.

What a person may see of a meeting depends on who they are (permissions) and how
far the meeting has come (here): the public sees a meeting once its kallelse is
sent, and then only its public items and attachments; members of the body see
everything from the kallelse on; the secretary sees the meeting while planning it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from council.models import AgendaTemplateItem, Body, Membership
from council.permissions import bodies_for, is_administrator, person_of
from meetings import permissions
from meetings.models import (
    AgendaItem,
    Attachment,
    Attendance,
    CalendarToken,
    Meeting,
    MeetingChange,
    NoticeDispatch,
    Protocol,
)


@dataclass(frozen=True)
class Access:
    """What one viewer may see and do on one meeting's page."""

    can_see: bool
    non_public: bool
    manage: bool
    report_absence: bool


def meeting_access(user: Any, meeting: Meeting) -> Access:
    manage = permissions.can_manage_meeting(user, meeting)
    published = meeting.is_public
    non_public = manage or (
        published and permissions.can_view_non_public(user, meeting.body)
    )
    return Access(
        can_see=manage or published,
        non_public=non_public,
        manage=manage,
        report_absence=published and permissions.can_report_absence(user, meeting),
    )


def protocol_to_review(*, user: Any, protocols: list[Protocol]) -> Protocol | None:
    """The latest protokoll (of `protocols`, latest first) that the user reviews as
    its chair or justerare: while in justering, and justerat until published."""
    latest = protocols[0] if protocols else None
    if latest is None or latest.state not in (
        Protocol.State.IN_JUSTERING,
        Protocol.State.JUSTERAT,
    ):
        return None
    return latest if permissions.can_view_protocol_draft(user, latest) else None


def meeting_get(*, pk: int) -> Meeting:
    return Meeting.objects.select_related("body").get(pk=pk)


def _published(qs: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return qs.filter(pk__in=Meeting.objects.public().values("pk"))


def meetings_public() -> QuerySet[Meeting]:
    """Meetings the public may see (Meeting.objects.public)."""
    return Meeting.objects.public().select_related("body")


def split_upcoming(
    meetings: QuerySet[Meeting], *, now: datetime.datetime | None = None
) -> tuple[list[Meeting], list[Meeting]]:
    """Upcoming meetings soonest first, past meetings latest first."""
    moment = now or timezone.now()
    upcoming = list(meetings.filter(ends_at__gte=moment).order_by("starts_at"))
    past = list(meetings.filter(ends_at__lt=moment).order_by("-starts_at"))
    return upcoming, past


def group_by_body(meetings: list[Meeting]) -> list[tuple[Body, list[Meeting]]]:
    groups: dict[int, tuple[Body, list[Meeting]]] = {}
    for meeting in meetings:
        groups.setdefault(meeting.body_id, (meeting.body, []))[1].append(meeting)
    return sorted(groups.values(), key=lambda group: (group[0].kind, group[0].name))


def meetings_for_user(*, user: Any) -> QuerySet[Meeting]:
    """Meetings of the bodies the user sits in: published ones, and every meeting of
    the bodies the user runs as secretary (administrators: every meeting)."""
    if is_administrator(user):
        return Meeting.objects.select_related("body")
    person = person_of(user)
    if person is None:
        return Meeting.objects.none()
    current = Membership.objects.current().filter(person=person)
    managed = current.filter(role=Membership.Role.SECRETARY).values("body")
    return Meeting.objects.filter(
        Q(body__in=current.values("body"), pk__in=Meeting.objects.public().values("pk"))
        | Q(body__in=managed)
    ).select_related("body")


def managed_bodies(*, user: Any) -> list[Body]:
    if is_administrator(user):
        return list(Body.objects.filter(is_active=True).order_by("kind", "name"))
    return [
        body for body in bodies_for(user) if permissions.can_plan_meetings(user, body)
    ]


def agenda(*, meeting: Meeting, non_public: bool) -> list[AgendaItem]:
    """The dagordning with each item's attachments in `visible_attachments`."""
    attachments = Attachment.objects.order_by("pk")
    items = AgendaItem.objects.filter(meeting=meeting)
    if not non_public:
        attachments = attachments.filter(is_public=True)
        items = items.filter(is_public=True)
    return list(
        items.order_by("order", "pk").prefetch_related(
            Prefetch(
                "attachments", queryset=attachments, to_attr="visible_attachments"
            ),
            Prefetch(
                "changes",
                queryset=MeetingChange.objects.order_by("changed_at"),
                to_attr="change_list",
            ),
        )
    )


def meeting_attachments(*, meeting: Meeting, non_public: bool) -> list[Attachment]:
    """Attachments of the meeting as a whole (not of one item)."""
    qs = Attachment.objects.filter(
        meeting=meeting, agenda_item__isnull=True, paragraph__isnull=True
    )
    if not non_public:
        qs = qs.filter(is_public=True)
    return list(qs.order_by("pk"))


def all_visible_attachments(*, meeting: Meeting, non_public: bool) -> list[Attachment]:
    """Every attachment of the meeting the viewer may read, in agenda order."""
    # A protokoll's bilagor come with the published protokoll, not before.
    qs = (
        Attachment.objects.filter(meeting=meeting)
        .filter(
            Q(paragraph__isnull=True)
            | Q(paragraph__protocol__state=Protocol.State.PUBLISHED)
        )
        .select_related("agenda_item")
    )
    if not non_public:
        qs = qs.filter(is_public=True).filter(
            Q(agenda_item__isnull=True) | Q(agenda_item__is_public=True),
            Q(paragraph__isnull=True) | Q(paragraph__is_public=True),
        )
    return sorted(
        qs,
        key=lambda a: (a.agenda_item.order if a.agenda_item else 0, a.pk),
    )


def meeting_changes(*, meeting: Meeting, non_public: bool) -> list[MeetingChange]:
    qs = MeetingChange.objects.filter(meeting=meeting)
    if not non_public:
        qs = qs.filter(is_public=True)
    return list(qs.select_related("dispatch").order_by("changed_at", "pk"))


def pending_changes(*, meeting: Meeting) -> QuerySet[MeetingChange]:
    """Changes after the kallelse that no tillägg has told the members about yet."""
    return MeetingChange.objects.filter(meeting=meeting, dispatch__isnull=True)


def dispatches(*, meeting: Meeting) -> list[NoticeDispatch]:
    return list(
        NoticeDispatch.objects.filter(meeting=meeting)
        .select_related("sent_by")
        .order_by("sent_at", "pk")
    )


def called_memberships(*, body: Body) -> list[Membership]:
    """Current ledamöter and ersättare: who a kallelse goes to."""
    return list(
        Membership.objects.current()
        .filter(body=body, role__in=permissions.CALLED_ROLES)
        .select_related("person__user", "organisation")
        .order_by("person__name", "pk")
    )


@dataclass
class AttendanceRow:
    membership: Membership
    attendance: Attendance | None

    @property
    def absent(self) -> bool:
        return bool(self.attendance and self.attendance.absence_reported_at)


@dataclass
class AttendanceOverview:
    rows: list[AttendanceRow] = field(default_factory=list)

    @property
    def coming(self) -> list[AttendanceRow]:
        return [row for row in self.rows if not row.absent]

    @property
    def absent(self) -> list[AttendanceRow]:
        return [row for row in self.rows if row.absent]


def attendance_overview(*, meeting: Meeting) -> AttendanceOverview:
    """Who is called and who has reported absence, for the secretary."""
    by_person = {
        a.person_id: a
        for a in Attendance.objects.filter(meeting=meeting, person__isnull=False)
    }
    rank = {role: index for index, role in enumerate(Membership.ROLE_ORDER)}
    memberships = sorted(
        called_memberships(body=meeting.body),
        key=lambda m: (rank[m.role], m.person.name),
    )
    return AttendanceOverview(
        rows=[AttendanceRow(m, by_person.get(m.person_id)) for m in memberships]
    )


def own_attendance(*, user: Any, meeting: Meeting) -> Attendance | None:
    person = person_of(user)
    if person is None:
        return None
    return Attendance.objects.filter(meeting=meeting, person=person).first()


def meetings_planned_in_year(*, body: Body, year: int) -> int:
    """Meetings of the body in a calendar year that are not cancelled."""
    return (
        Meeting.objects.filter(body=body, starts_at__year=year)
        .exclude(state=Meeting.State.CANCELLED)
        .count()
    )


@dataclass(frozen=True)
class MinimumWarning:
    body: Body
    year: int
    planned: int
    minimum: int


def minimum_meeting_warnings(
    *, bodies: list[Body], years: list[int]
) -> list[MinimumWarning]:
    """Bodies that have fewer meetings planned in a year than their minimum."""
    warnings = []
    for body in bodies:
        if not body.min_meetings_per_year:
            continue
        for year in years:
            planned = meetings_planned_in_year(body=body, year=year)
            if planned < body.min_meetings_per_year:
                warnings.append(
                    MinimumWarning(body, year, planned, body.min_meetings_per_year)
                )
    return warnings


def agenda_template(*, body: Body) -> list[AgendaTemplateItem]:
    return list(AgendaTemplateItem.objects.filter(body=body).order_by("order"))


def body_get(*, slug: str) -> Body:
    return Body.objects.get(slug=slug, is_active=True)


def active_calendar_token(*, user: Any) -> CalendarToken | None:
    return CalendarToken.objects.filter(user=user, revoked_at__isnull=True).first()


def calendar_token_owner(*, token: str) -> Any | None:
    """The user behind an active personal calendar token, or None."""
    found = (
        CalendarToken.objects.filter(token=token, revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if found is None or not found.user.is_active:
        return None
    return found.user


def feed_meetings_public(*, body: Body) -> QuerySet[Meeting]:
    return (
        _published(Meeting.objects.filter(body=body))
        .select_related("body")
        .prefetch_related(
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.filter(is_public=True).order_by("order"),
                to_attr="feed_items",
            )
        )
        .order_by("starts_at")
    )


def feed_meetings_personal(*, user: Any) -> QuerySet[Meeting]:
    return (
        meetings_for_user(user=user)
        .prefetch_related(
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.order_by("order"),
                to_attr="feed_items",
            )
        )
        .order_by("starts_at")
    )
