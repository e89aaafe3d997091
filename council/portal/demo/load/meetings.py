"""The meeting of 2018-09-28 with its protokoll justerat on paper, and one upcoming
meeting."""

from __future__ import annotations

import datetime
import json

from council.models import Body, Membership, Organisation, Person
from council.portal.demo.data.meetings import MEETING_2018, PROTOKOLL_JSON
from council.portal.demo.data.people import (
    LEDAMOTER_2018,
    OTHERS_2018,
    REGION,
    SECRETARY,
)
from council.portal.demo.load.records import TZ, day, ensure, local, was_created
from meetings.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Justering,
    Meeting,
    Paragraph,
    Protocol,
)
from meetings.services.protocol.record import issue_paper_record


def load_meeting_2018(
    council: Body, people: dict[str, Person], organisations: dict[str, Organisation]
) -> Protocol:
    spec = MEETING_2018
    meeting = ensure(
        Meeting,
        body=council,
        starts_at=local(spec["starts"]),
        defaults={
            "ends_at": local(spec["ends"]),
            "location": spec["location"],
            "address": spec["address"],
            "state": Meeting.State.HELD,
        },
    )
    seed = json.loads(PROTOKOLL_JSON.read_text(encoding="utf-8"))["paragraphs"]
    items = {}
    for entry in seed:
        items[entry["number"]] = ensure(
            AgendaItem,
            meeting=meeting,
            order=entry["number"],
            defaults={
                "title": entry["heading"],
                "kind": entry["kind"],
                "presenter": entry["presenter"],
            },
        )
    for order, (name, _aliases, party, org_name, role) in enumerate(
        LEDAMOTER_2018, start=1
    ):
        ensure(
            Attendance,
            meeting=meeting,
            person=people[name],
            defaults={
                "role": Attendance.Role.MEMBER,
                "party": party,
                "order": order,
                "organisation": organisations[org_name],
                "role_note": "vice ordförande"
                if role == Membership.Role.VICE_CHAIR
                else "",
            },
        )
    for order, (name, _aliases, title) in enumerate(OTHERS_2018, start=1):
        ensure(
            Attendance,
            meeting=meeting,
            person=people[name],
            defaults={
                "role": Attendance.Role.OTHER,
                "order": order,
                "organisation": organisations[REGION],
                "title": title,
            },
        )

    justerat_on = day(spec["justerat_on"])
    signed_at = datetime.datetime.combine(justerat_on, datetime.time(12, 0), tzinfo=TZ)
    chair = people["Irén Lejegren"]
    justerare = people["Håkan Söderman"]
    protocol = ensure(
        Protocol,
        meeting=meeting,
        version=1,
        defaults={
            "state": Protocol.State.PUBLISHED,
            "secretary": people[SECRETARY[0]],
            "chair": chair,
            "justering_date": justerat_on,
            "justering_method": Protocol.JusteringMethod.PAPER,
            "published_at": signed_at,
        },
    )
    if was_created(protocol):
        protocol.justerare.set([justerare])
    for entry in seed:
        ensure(
            Paragraph,
            protocol=protocol,
            order=entry["number"],
            defaults={
                "number": entry["number"],
                "heading": entry["heading"],
                "text": entry["text"],
                "outcome": entry["outcome"],
                "presenter": entry["presenter"],
                "agenda_item": items[entry["number"]],
            },
        )
    paragraph_13 = protocol.paragraphs.get(number=13)
    ensure(
        ActionItem,
        paragraph=paragraph_13,
        assignee=people["Ewa Lindberg"],
        defaults={
            "description": "Vara med som stöd i processen kring en "
            "uppdragsutbildning för lärare med Örebro universitet, och följa "
            "med till nästa träff med ORU.",
            "assignee_text": "Ewa Lindberg, Region Örebro län",
        },
    )
    for person, role in (
        (chair, Justering.Role.CHAIR),
        (justerare, Justering.Role.JUSTERARE),
    ):
        ensure(
            Justering,
            protocol=protocol,
            person=person,
            role=role,
            defaults={
                "method": Protocol.JusteringMethod.PAPER,
                "justerat_at": signed_at,
            },
        )
    # The paper original stays the record; the portal issues a certified copy.
    issue_paper_record(protocol, certifier=protocol.secretary)
    return protocol


def next_meeting_day(today: datetime.date) -> datetime.date:
    """A Friday at least two weeks ahead, as the council tends to meet on Fridays."""
    candidate = today + datetime.timedelta(days=14)
    return candidate + datetime.timedelta(days=(4 - candidate.weekday()) % 7)


def load_upcoming_meeting(council: Body, today: datetime.date) -> Meeting | None:
    now = datetime.datetime.combine(today, datetime.time(0, 0), tzinfo=TZ)
    if council.meetings.filter(starts_at__gte=now).exists():
        return None
    meeting_day = next_meeting_day(today)
    starts = datetime.datetime.combine(meeting_day, datetime.time(9, 0), tzinfo=TZ)
    meeting = ensure(
        Meeting,
        body=council,
        starts_at=starts,
        defaults={
            "ends_at": starts + datetime.timedelta(hours=3),
            "location": MEETING_2018["location"],
            "address": MEETING_2018["address"],
        },
    )
    for template in council.agenda_template_items.order_by("order"):
        ensure(
            AgendaItem,
            meeting=meeting,
            order=template.order,
            defaults={"title": template.title, "kind": template.kind},
        )
    return meeting
