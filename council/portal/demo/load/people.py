"""Organisations, bodies with their standard agenda, people and their seats, and the
demo users."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Permission

from council.history import attribute
from council.models import (
    AgendaTemplateItem,
    Body,
    Membership,
    Organisation,
    Person,
    User,
)
from council.portal.demo.data.people import (
    AGENDA_TEMPLATE,
    CHAIR_TITLE,
    CHEFSGRUPPEN,
    COUNCIL,
    DEMO_USERS,
    GUESTS_2018,
    LEDAMOTER_2018,
    ORGANISATIONS,
    OTHER_ORGANISATIONS,
    OTHERS_2018,
    REGION,
    SECRETARY,
    TERM_STARTS,
)
from council.portal.demo.load.records import REASON, day, ensure


@dataclass
class DemoUser:
    username: str
    role: str
    person: str


def load_organisations() -> dict[str, Organisation]:
    found = {}
    for name, short, kind, aliases in ORGANISATIONS:
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
    for name, short, kind, aliases in OTHER_ORGANISATIONS:
        found[name] = ensure(
            Organisation,
            name=name,
            defaults={"short_name": short, "kind": kind, "aliases": aliases},
        )
    return found


def load_bodies(organisations: dict[str, Organisation]) -> tuple[Body, Body]:
    region = organisations[REGION]
    council = ensure(
        Body,
        slug=COUNCIL["slug"],
        defaults={**_body_fields(COUNCIL), "secretariat": region},
    )
    chefsgruppen = ensure(
        Body,
        slug=CHEFSGRUPPEN["slug"],
        defaults={
            **_body_fields(CHEFSGRUPPEN),
            "secretariat": region,
            "parent": council,
        },
    )
    for order, (title, kind, text) in enumerate(AGENDA_TEMPLATE, start=1):
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
    region = organisations[REGION]
    starts = day(TERM_STARTS)
    for name, aliases, party, org_name, role in LEDAMOTER_2018:
        organisation = organisations[org_name]
        title = CHAIR_TITLE if role == Membership.Role.CHAIR else ""
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
    name, title, org_name = SECRETARY
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
    for name, aliases, title in OTHERS_2018:
        people[name] = ensure(
            Person,
            name=name,
            defaults={"aliases": aliases, "title": title, "organisation": region},
        )
    for name, aliases, title, org_name in GUESTS_2018:
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


def load_users(people: dict[str, Person]) -> list[DemoUser]:
    password = settings.DEMO_PASSWORD
    secretary_permissions = Permission.objects.filter(
        content_type__app_label__in=["council", "meetings", "plans", "networks"]
    ).exclude(content_type__model="user")
    users = []
    for username, person_name, role in DEMO_USERS:
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
