"""The benchmark dataset: ten years of a busy council, for `make bench`.

Four bodies, ten meetings a year with fifteen published paragraphs each, called
agendas, attendance, published plans; the networks come from the demo data.
Rows are bulk-created: this is load, not history.
"""

from __future__ import annotations

import datetime
import json
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction

from council.models import Body, Membership, Organisation, Person
from council.portal.demo.data.meetings import PROTOKOLL_JSON
from council.portal.demo.load import load_demo
from meetings.models import (
    JUSTERING_DAYS,
    AgendaItem,
    Attendance,
    Meeting,
    Paragraph,
    Protocol,
)
from plans.models import Activity, AnnualPlan, Assignment, VisionItem

BODIES = 4
YEARS = 10
MEETINGS_PER_YEAR = 10
PARAGRAPHS = 15
MONTHS = [1, 2, 3, 4, 5, 6, 9, 10, 11, 12]


@transaction.atomic
def bench_data_create(*, first_year: int = 2016) -> dict[str, int]:
    """Create the dataset once; a second call finds it and does nothing."""
    load_demo()
    if Body.objects.filter(slug__startswith="bench-").exists():
        return counts()
    tz = ZoneInfo(settings.TIME_ZONE)
    seed = json.loads(PROTOKOLL_JSON.read_text(encoding="utf-8"))["paragraphs"]
    texts = [p for p in seed if p["text"]]
    organisations = list(Organisation.objects.filter(is_member=True).order_by("name"))
    council = Body.objects.get(slug="ssr")
    bodies = [council] + [
        Body.objects.create(
            name=f"Specifikt samverkansråd {n} för kompetensförsörjning",
            short_name=f"SSR{n}",
            slug=f"bench-{n}",
            kind=Body.Kind.COUNCIL,
            numbering=Body.Numbering.PER_YEAR,
            office="Förv. Regional utveckling",
            min_meetings_per_year=4,
        )
        for n in range(1, BODIES)
    ]
    for body in bodies[1:]:
        people = Person.objects.bulk_create(
            Person(name=f"Ledamot {body.short_name}-{i}", party="S", organisation=org)
            for i, org in enumerate(organisations)
        )
        Membership.objects.bulk_create(
            Membership(
                person=person,
                body=body,
                role=Membership.Role.MEMBER,
                organisation=person.organisation,
                party="S",
                starts=datetime.date(first_year, 1, 1),
            )
            for person in people
        )
    for body in bodies:
        members = list(
            Membership.objects.filter(
                body=body, role__in=Membership.VOTING_ROLES
            ).select_related("person")
        )
        for year in range(first_year, first_year + YEARS):
            meetings = Meeting.objects.bulk_create(
                Meeting(
                    body=body,
                    starts_at=datetime.datetime(year, month, 15, 9, 0, tzinfo=tz),
                    ends_at=datetime.datetime(year, month, 15, 12, 0, tzinfo=tz),
                    location="Konferenslokal Lärken",
                    address="Eklundavägen 1, Örebro",
                    state=Meeting.State.HELD,
                    notice_sent_at=datetime.datetime(year, month, 1, 9, 0, tzinfo=tz),
                )
                for month in MONTHS
            )
            items = AgendaItem.objects.bulk_create(
                AgendaItem(
                    meeting=meeting,
                    order=n,
                    title=texts[(n + i) % len(texts)]["heading"][:300],
                    text=texts[(n + i) % len(texts)]["text"],
                    kind="information",
                )
                for i, meeting in enumerate(meetings)
                for n in range(1, PARAGRAPHS + 1)
            )
            Attendance.objects.bulk_create(
                Attendance(
                    meeting=meeting,
                    person=m.person,
                    role=Attendance.Role.MEMBER,
                    party=m.party,
                    organisation_id=m.organisation_id,
                    order=order,
                )
                for meeting in meetings
                for order, m in enumerate(members, start=1)
            )
            protocols = Protocol.objects.bulk_create(
                Protocol(
                    meeting=meeting,
                    state=Protocol.State.PUBLISHED,
                    justering_method=Protocol.JusteringMethod.PAPER,
                    justering_date=meeting.starts_at.date()
                    + datetime.timedelta(JUSTERING_DAYS),
                    published_at=meeting.starts_at + datetime.timedelta(days=15),
                )
                for meeting in meetings
            )
            by_meeting = {}
            for item in items:
                by_meeting.setdefault(item.meeting_id, []).append(item)
            Paragraph.objects.bulk_create(
                Paragraph(
                    protocol=protocol,
                    order=item.order,
                    number=item.order + index * PARAGRAPHS
                    if body.numbering == Body.Numbering.PER_YEAR
                    else item.order,
                    heading=item.title,
                    text=item.text,
                    agenda_item=item,
                )
                for index, protocol in enumerate(protocols)
                for item in by_meeting[protocol.meeting_id]
            )
            if body != council or not AnnualPlan.objects.filter(body=body, year=year):
                plan = AnnualPlan.objects.create(
                    body=body,
                    year=year,
                    state=AnnualPlan.State.PUBLISHED,
                    published_at=datetime.datetime(year, 2, 1, tzinfo=tz),
                    introduction="Verksamhetsplan för kompetensförsörjning och skola.",
                )
                Assignment.objects.bulk_create(
                    Assignment(
                        plan=plan, order=n, title=f"Uppdrag {n}", text=texts[n]["text"]
                    )
                    for n in range(6)
                )
                VisionItem.objects.bulk_create(
                    VisionItem(
                        plan=plan,
                        order=n,
                        title=f"Inriktning {n}",
                        text="Stärkt kompetensförsörjning.",
                    )
                    for n in range(7)
                )
                Activity.objects.bulk_create(
                    Activity(
                        plan=plan,
                        order=n,
                        title=f"Aktivitet {n}",
                        description=texts[n + 3]["text"],
                    )
                    for n in range(8)
                )
    # Bulk inserts leave the planner's statistics empty; measure what production has.
    transaction.on_commit(_analyze)
    return counts()


def _analyze() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def counts() -> dict[str, int]:
    return {
        "organ": Body.objects.count(),
        "möten": Meeting.objects.count(),
        "paragrafer": Paragraph.objects.count(),
        "planer": AnnualPlan.objects.count(),
    }
