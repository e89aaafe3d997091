"""Where each meeting of a body stands and what its secretary does next: shared by
the protokoll overview and the secretary's part of Att göra, so both say the same.

Everything here reads in a fixed number of queries however many meetings there
are: the meetings with their latest protokoll, its signers and justeringar, and
the ändringsförslag that wait, each in one query.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from council.models import Body, Membership, Person
from council.permissions import is_administrator, person_of
from meetings.models import Meeting, ParagraphComment, Protocol
from meetings.selectors.protocol.review import signing_progress

# A justerat protokoll is announced on the anslagstavla no later than the second
# day after justering (see DOMAIN: Publication).
ANSLAG_WITHIN_DAYS = 2


def bodies_run_by(*, user: Any) -> QuerySet[Body]:
    """The active bodies whose meetings and protokoll the user runs: as their
    secretary, or every active body for an administrator (one query when read)."""
    bodies = Body.objects.filter(is_active=True)
    if is_administrator(user):
        return bodies
    person = person_of(user)
    if person is None:
        return Body.objects.none()
    return bodies.filter(
        pk__in=Membership.objects.current()
        .filter(person=person, role=Membership.Role.SECRETARY)
        .values("body")
    )


def meetings_with_protocols(bodies: QuerySet[Body]) -> QuerySet[Meeting]:
    """The bodies' meetings that are not cancelled, latest first, each with its
    protokoll versions (latest first), their signers and their justeringar."""
    return (
        Meeting.objects.filter(body__in=bodies)
        .exclude(state=Meeting.State.CANCELLED)
        .select_related("body")
        .prefetch_related(
            Prefetch(
                "protocols",
                queryset=Protocol.objects.select_related("chair")
                .prefetch_related("justerare", "justeringar")
                .order_by("-version"),
            )
        )
        .order_by("-starts_at", "-pk")
    )


def waiting_comment_authors(protocols: list[Protocol]) -> dict[int, list[Person]]:
    """Whose ändringsförslag wait for the secretary, by protokoll (one query)."""
    found: dict[int, list[Person]] = {}
    drafts = [p.pk for p in protocols if p.state == Protocol.State.DRAFT]
    if not drafts:
        return found
    comments = (
        ParagraphComment.objects.filter(
            paragraph__protocol__in=drafts, resolved_at__isnull=True
        )
        .select_related("author", "paragraph")
        .order_by("created_at", "pk")
    )
    for comment in comments:
        authors = found.setdefault(comment.paragraph.protocol_id, [])
        if comment.author not in authors:
            authors.append(comment.author)
    return found


def names(people: list[Person]) -> str:
    return ", ".join(person.name for person in people)


@dataclass(frozen=True)
class Signing:
    """How far the justering of one protokoll has come, from prefetched rows."""

    signers: list[Person]
    done: list[Person]
    pending: list[Person]

    @property
    def label(self) -> str:
        return _("%(done)s av %(all)s har justerat") % {
            "done": len(self.done),
            "all": len(self.signers),
        }


def signing(protocol: Protocol) -> Signing:
    """Who must justera (chair, justerare) and who has justerat the current text,
    as the review page shows it; reads `justeringar` as prefetched."""
    steps = signing_progress(
        protocol=protocol, justeringar=list(protocol.justeringar.all())
    )
    return Signing(
        signers=[step.person for step in steps],
        done=[step.person for step in steps if step.justering],
        pending=[step.person for step in steps if not step.justering],
    )


def justering_due(protocol: Protocol) -> datetime.date:
    """The planned justering date, else the last day the rule allows."""
    return protocol.justering_date or protocol.meeting.justering_deadline


@dataclass
class Step:
    """What the secretary does next with a meeting: a link (`url`) or, for
    starting a protokoll, a form posted to `post_url`."""

    action: str
    url: str = ""
    post_url: str = ""
    deadline: datetime.date | None = None
    detail: str = ""
    kind: str = ""


@dataclass
class MeetingStatus:
    """One meeting as the overview shows it."""

    meeting: Meeting
    protocol: Protocol | None
    status: str
    waiting: list[Person] = field(default_factory=list)
    signing: Signing | None = None
    steps: list[Step] = field(default_factory=list)
    deadline: datetime.date | None = None
    overdue: bool = False
    progress: str = ""


def secretary_steps(
    meeting: Meeting,
    protocol: Protocol | None,
    waiting: list[Person],
    *,
    now: datetime.datetime,
) -> list[Step]:
    """What is left for the secretary to do with the meeting, most urgent first."""
    ended = meeting.ends_at < now
    if protocol is None:
        steps = []
        if not ended and not meeting.is_notice_sent:
            steps.append(
                Step(
                    action=_("Skicka kallelsen"),
                    url=reverse("meetings:meeting_plan", kwargs={"pk": meeting.pk}),
                    # No body has a rule for how early the kallelse goes out: at
                    # the latest, it goes before the meeting.
                    deadline=meeting.local_start.date(),
                    kind="kallelse",
                )
            )
        steps.append(
            Step(
                action=_("Skriv protokollet"),
                url=reverse("meetings:meeting_detail", kwargs={"pk": meeting.pk})
                + "#protokoll",
                post_url=reverse("meetings:protocol_start", kwargs={"pk": meeting.pk}),
                deadline=meeting.justering_deadline,
                kind="skriv" if ended else "",
            )
        )
        return steps
    state = protocol.state
    if state == Protocol.State.DRAFT:
        url = reverse("meetings:protocol_edit", kwargs={"pk": protocol.pk})
        deadline = None if protocol.version > 1 else meeting.justering_deadline
        if waiting:
            return [
                Step(
                    action=_("Besvara ändringsförslagen"),
                    url=url,
                    deadline=deadline,
                    detail=_("ändringsförslag väntar (%(names)s)")
                    % {"names": names(waiting)},
                    kind="andringsforslag",
                )
            ]
        action = (
            _("Skriv klart rättelsen")
            if protocol.version > 1
            else _("Skriv klart protokollet")
        )
        return [
            Step(
                action=action,
                url=url,
                deadline=deadline,
                kind="skriv" if ended or protocol.version > 1 else "",
            )
        ]
    review = reverse("meetings:protocol_review", kwargs={"pk": protocol.pk})
    if state == Protocol.State.IN_JUSTERING:
        return [Step(action=_("Följ justeringen"), url=review)]
    if state == Protocol.State.JUSTERAT:
        if meeting.body.uses_anslag:
            return [
                Step(
                    action=_("Publicera protokollet och sätt upp anslaget"),
                    url=review,
                    deadline=(protocol.justering_date or timezone.localdate())
                    + datetime.timedelta(days=ANSLAG_WITHIN_DAYS),
                    kind="publicera",
                )
            ]
        return [Step(action=_("Publicera protokollet"), url=review, kind="publicera")]
    return [
        Step(
            action=_("Läs protokollet"),
            url=reverse("meetings:protocol_detail", kwargs={"pk": protocol.pk}),
        )
    ]


STATUS_LABELS = {
    Protocol.State.DRAFT: gettext_lazy("Utkast"),
    Protocol.State.IN_JUSTERING: gettext_lazy("För justering"),
    Protocol.State.JUSTERAT: gettext_lazy("Justerat"),
    Protocol.State.PUBLISHED: gettext_lazy("Publicerat"),
}


def meeting_statuses(
    meetings: list[Meeting], *, now: datetime.datetime | None = None
) -> list[MeetingStatus]:
    """Each meeting's latest protokoll, its status, signing and next steps."""
    moment = now or timezone.now()
    today = timezone.localdate(moment)
    latest = {}
    for meeting in meetings:
        protocols = list(meeting.protocols.all())
        latest[meeting.pk] = protocols[0] if protocols else None
    waiting = waiting_comment_authors([p for p in latest.values() if p])
    rows = []
    for meeting in meetings:
        protocol = latest[meeting.pk]
        row = MeetingStatus(meeting=meeting, protocol=protocol, status="")
        if protocol is None:
            if meeting.ends_at < moment:
                row.status = str(_("Hållet, inget protokoll"))
            elif meeting.is_notice_sent:
                row.status = str(_("Kallat"))
            else:
                row.status = str(_("Planerat, kallelsen inte skickad"))
        else:
            row.waiting = waiting.get(protocol.pk, [])
            row.status = str(STATUS_LABELS[protocol.state])
            if protocol.version > 1:
                row.status += str(_(", version %(v)s") % {"v": protocol.version})
            if protocol.state == Protocol.State.IN_JUSTERING:
                row.signing = signing(protocol)
                row.progress = row.signing.label
            elif protocol.is_locked and protocol.justering_date:
                row.progress = _("Justerat %(day)s") % {
                    "day": date_format(protocol.justering_date, "j F Y")
                }
        row.steps = secretary_steps(meeting, protocol, row.waiting, now=moment)
        if protocol is not None and protocol.state == Protocol.State.IN_JUSTERING:
            row.deadline = justering_due(protocol)
        else:
            row.deadline = next(
                (s.deadline for s in row.steps if s.deadline is not None), None
            )
        row.overdue = row.deadline is not None and row.deadline < today
        rows.append(row)
    return rows
