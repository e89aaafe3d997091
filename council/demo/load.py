"""Loading the demo data: the seeds' facts, one upcoming meeting and demo users.

Idempotent: every record is looked up by its natural key and created only when
missing, so a second run changes nothing and never overwrites an edit.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import Permission
from django.db import models, transaction
from django.utils import timezone

from council.demo import data
from council.history import attribute, save_attributed
from council.models import (
    AgendaTemplateItem,
    Body,
    Membership,
    Organisation,
    Person,
    User,
)
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
from networks.models import (
    Achievement,
    AgreementTopic,
    FocusArea,
    NetworkLink,
    NetworkProfile,
    SupportingNetwork,
)
from plans.models import (
    Activity,
    AnnualPlan,
    Assignment,
    StrategyArea,
    Styrdokument,
    VisionItem,
)

REASON = "Demodata från källdokumenten"
PROTOKOLL_JSON = Path(__file__).with_name("protokoll_2018_09_28.json")
TZ = ZoneInfo(settings.TIME_ZONE)

M = TypeVar("M", bound=models.Model)


@dataclass
class DemoUser:
    username: str
    role: str
    person: str


def ensure(
    model: type[M], *, defaults: dict[str, Any] | None = None, **lookup: Any
) -> M:
    """Return the record matching `lookup`, creating it (attributed) if missing."""
    existing = model._default_manager.filter(**lookup).first()
    if existing is not None:
        return existing
    obj = model(**lookup, **(defaults or {}))
    save_attributed(obj, user=None, reason=REASON)
    obj._demo_created = True  # type: ignore[attr-defined]
    return obj


def was_created(obj: models.Model) -> bool:
    return getattr(obj, "_demo_created", False)


def local(value: str) -> datetime.datetime:
    return datetime.datetime.strptime(value, "%Y-%m-%d %H:%M").replace(tzinfo=TZ)


def day(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


@transaction.atomic
def load_demo(*, today: datetime.date | None = None) -> list[DemoUser]:
    """Load everything; return the demo users for printing."""
    organisations = load_organisations()
    council, chefsgruppen = load_bodies(organisations)
    people = load_people(council, organisations)
    load_meeting_2018(council, people, organisations)
    load_networks(chefsgruppen)
    load_plans(council, chefsgruppen)
    load_upcoming_meeting(council, today or timezone.localdate())
    return load_users(people)


def load_organisations() -> dict[str, Organisation]:
    found = {}
    for name, short, kind, aliases in data.ORGANISATIONS:
        found[name] = ensure(
            Organisation,
            name=name,
            defaults={
                "short_name": short,
                "kind": kind,
                "aliases": aliases,
                "is_member": True,
            },
        )
    for name, short, kind, aliases in data.OTHER_ORGANISATIONS:
        found[name] = ensure(
            Organisation,
            name=name,
            defaults={"short_name": short, "kind": kind, "aliases": aliases},
        )
    return found


def load_bodies(organisations: dict[str, Organisation]) -> tuple[Body, Body]:
    region = organisations[data.REGION]
    council = ensure(
        Body,
        slug=data.COUNCIL["slug"],
        defaults={**_body_fields(data.COUNCIL), "secretariat": region},
    )
    chefsgruppen = ensure(
        Body,
        slug=data.CHEFSGRUPPEN["slug"],
        defaults={
            **_body_fields(data.CHEFSGRUPPEN),
            "secretariat": region,
            "parent": council,
        },
    )
    for order, (title, kind, text) in enumerate(data.AGENDA_TEMPLATE, start=1):
        ensure(
            AgendaTemplateItem,
            body=council,
            order=order,
            defaults={"title": title, "kind": kind, "text": text},
        )
    return council, chefsgruppen


def _body_fields(spec: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in spec.items() if key != "slug"}


def load_people(
    council: Body, organisations: dict[str, Organisation]
) -> dict[str, Person]:
    people: dict[str, Person] = {}
    region = organisations[data.REGION]
    starts = day(data.TERM_STARTS)
    for name, aliases, party, org_name, role in data.LEDAMOTER_2018:
        organisation = organisations[org_name]
        title = data.CHAIR_TITLE if role == Membership.Role.CHAIR else ""
        person = ensure(
            Person,
            name=name,
            defaults={
                "aliases": aliases,
                "party": party,
                "organisation": organisation,
                "title": title,
            },
        )
        ensure(
            Membership,
            person=person,
            body=council,
            role=role,
            defaults={"organisation": organisation, "party": party, "starts": starts},
        )
        people[name] = person
    name, title, org_name = data.SECRETARY
    secretary = ensure(
        Person,
        name=name,
        defaults={"title": title, "organisation": organisations[org_name]},
    )
    ensure(
        Membership,
        person=secretary,
        body=council,
        role=Membership.Role.SECRETARY,
        defaults={"organisation": region, "starts": starts},
    )
    people[name] = secretary
    for name, aliases, title in data.OTHERS_2018:
        people[name] = ensure(
            Person,
            name=name,
            defaults={"aliases": aliases, "title": title, "organisation": region},
        )
    for name, aliases, title, org_name in data.GUESTS_2018:
        people[name] = ensure(
            Person,
            name=name,
            defaults={
                "aliases": aliases,
                "title": title,
                "organisation": organisations[org_name] if org_name else None,
            },
        )
    return people


def load_meeting_2018(
    council: Body, people: dict[str, Person], organisations: dict[str, Organisation]
) -> Protocol:
    spec = data.MEETING_2018
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
        data.LEDAMOTER_2018, start=1
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
    for order, (name, _aliases, title) in enumerate(data.OTHERS_2018, start=1):
        ensure(
            Attendance,
            meeting=meeting,
            person=people[name],
            defaults={
                "role": Attendance.Role.OTHER,
                "order": order,
                "organisation": organisations[data.REGION],
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
            "secretary": people[data.SECRETARY[0]],
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


def load_networks(chefsgruppen: Body) -> None:
    for spec in data.NETWORKS:
        body = ensure(
            Body,
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "short_name": spec["short_name"],
                "kind": Body.Kind.NETWORK,
                "parent": chefsgruppen,
                "area": "Utbildning och arbetsmarknad",
                "secretariat": chefsgruppen.secretariat,
                "description": spec["purpose"],
            },
        )
        profile = ensure(
            NetworkProfile,
            body=body,
            defaults={
                key: spec[key]
                for key in (
                    "full_name",
                    "purpose",
                    "composition",
                    "size",
                    "meeting_frequency",
                    "meetings_per_year",
                    "working_notes",
                    "agreement_title",
                )
            },
        )
        for order, title in enumerate(spec["focus_areas"], start=1):
            ensure(FocusArea, profile=profile, title=title, defaults={"order": order})
        for order, title in enumerate(spec["agreement_topics"], start=1):
            ensure(
                AgreementTopic, profile=profile, title=title, defaults={"order": order}
            )
        for order, title in enumerate(spec["supporting_networks"], start=1):
            ensure(
                SupportingNetwork,
                profile=profile,
                title=title,
                defaults={"order": order},
            )
        for order, achievement in enumerate(spec["achievements"], start=1):
            ensure(
                Achievement,
                profile=profile,
                title=achievement["title"],
                defaults={
                    "order": order,
                    "description": achievement["description"],
                    "date": day(achievement["date"])
                    if achievement.get("date")
                    else None,
                    "participants": achievement.get("participants"),
                    "url": achievement.get("url", ""),
                },
            )
        for order, (title, url) in enumerate(spec["links"], start=1):
            ensure(
                NetworkLink,
                profile=profile,
                title=title,
                defaults={"order": order, "url": url},
            )


def load_plans(council: Body, chefsgruppen: Body) -> None:
    documents = {}
    for title, short, kind, start, end, status, note, description in data.STYRDOKUMENT:
        documents[title] = ensure(
            Styrdokument,
            title=title,
            defaults={
                "short_name": short,
                "kind": kind,
                "period_start": start,
                "period_end": end,
                "status": status,
                "status_note": note,
                "description": description,
            },
        )
    kunskapslyft = documents[data.KUNSKAPSLYFT]
    if kunskapslyft.successor_id is None:
        kunskapslyft.successor = documents[data.KRAFTSAMLING]
        attribute(kunskapslyft, user=None, reason=REASON)
        kunskapslyft.save()
    aktivitetsplan = documents[data.AKTIVITETSPLAN]
    if aktivitetsplan.part_of_id is None:
        aktivitetsplan.part_of = kunskapslyft
        attribute(aktivitetsplan, user=None, reason=REASON)
        aktivitetsplan.save()
    areas = [
        ensure(StrategyArea, styrdokument=documents[data.RUS], code=code)
        for code in data.RUS_AREAS
    ]

    published = datetime.datetime(2023, 3, 1, 12, 0, tzinfo=TZ)
    plan_2022 = ensure(
        AnnualPlan,
        body=council,
        year=2022,
        version=1,
        defaults={
            "state": AnnualPlan.State.PUBLISHED,
            "prepared_by": chefsgruppen,
            "introduction": data.PLAN_2022_INTRODUCTION,
            "published_at": published,
        },
    )
    activities_2022 = {}
    for order, (title, status, follow_up) in enumerate(data.ACTIVITIES_2022, start=1):
        activities_2022[title] = ensure(
            Activity,
            plan=plan_2022,
            title=title,
            defaults={
                "order": order,
                "status": status,
                "follow_up": follow_up,
                "owner": Activity.Owner.OFFICIALS,
                "owner_body": chefsgruppen,
            },
        )

    spec = data.PLAN_2023
    plan = ensure(
        AnnualPlan,
        body=council,
        year=spec["year"],
        version=1,
        defaults={
            "state": AnnualPlan.State.PUBLISHED,
            "prepared_by": chefsgruppen,
            "introduction": spec["introduction"],
            "follow_up_summary": spec["follow_up_summary"],
            "published_at": published,
        },
    )
    if was_created(plan):
        plan.styrdokument.set(
            [documents[data.RUS], documents[data.HANDLINGSPLAN], kunskapslyft]
        )
    for order, (title, text) in enumerate(spec["assignments"], start=1):
        ensure(
            Assignment, plan=plan, title=title, defaults={"order": order, "text": text}
        )
    for order, (title, text) in enumerate(spec["vision_items"], start=1):
        item = ensure(
            VisionItem, plan=plan, title=title, defaults={"order": order, "text": text}
        )
        if was_created(item):
            item.styrdokument.set([documents[data.RUS]])
            item.strategy_areas.set(areas)
    for order, (title, description, status, continues) in enumerate(
        spec["activities"], start=1
    ):
        ensure(
            Activity,
            plan=plan,
            title=title,
            defaults={
                "order": order,
                "description": description,
                "status": status,
                "owner": Activity.Owner.OFFICIALS,
                "owner_body": chefsgruppen,
                "carried_from": activities_2022[continues] if continues else None,
            },
        )


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
            "location": data.MEETING_2018["location"],
            "address": data.MEETING_2018["address"],
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


def load_users(people: dict[str, Person]) -> list[DemoUser]:
    password = settings.DEMO_PASSWORD
    secretary_permissions = Permission.objects.filter(
        content_type__app_label__in=["council", "meetings", "plans", "networks"]
    ).exclude(content_type__model="user")
    users = []
    for username, person_name, role in data.DEMO_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, email=f"{username}@example.org")
            if person_name:
                first, _, last = person_name.partition(" ")
                user.first_name, user.last_name = first, last
            user.is_superuser = user.is_staff = person_name is None
            user.is_staff = user.is_staff or username == "sekreterare"
            user.set_password(password)
            user.save()
            if username == "sekreterare":
                user.user_permissions.set(secretary_permissions)
        elif not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        if person_name:
            person = people[person_name]
            if person.user_id is None:
                person.user = user
                person.email = person.email or user.email
                attribute(person, user=None, reason=REASON)
                person.save()
        users.append(DemoUser(username=username, role=role, person=person_name or "–"))
    return users
