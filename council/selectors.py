"""Reads for the council app: bodies and who sits in them."""

from __future__ import annotations

import datetime
from itertools import groupby

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When

from council.models import Body, Membership, Person


def public_seats() -> QuerySet[Membership]:
    """Seats, current or past, in an active body: what the public may read of them."""
    return Membership.objects.filter(body__is_active=True)


def people_with_public_seat() -> QuerySet[Person]:
    """People with a seat, current or past, in an active body: public people
    (their page, their OParl Person)."""
    return Person.objects.filter(pk__in=public_seats().values("person"))


def bodies_public() -> QuerySet[Body]:
    """Active bodies: the council first, then the officials' group, then networks."""
    rank = Case(
        *(When(kind=kind, then=Value(i)) for i, kind in enumerate(Body.Kind)),
        output_field=IntegerField(),
    )
    return (
        Body.objects.filter(is_active=True)
        .select_related("parent")
        .order_by(rank, "name")
    )


def memberships_for_body(
    *, body: Body, on: datetime.date | None = None
) -> QuerySet[Membership]:
    return (
        Membership.objects.current(on)
        .filter(body=body)
        .select_related("person", "organisation")
        .order_by("person__name")
    )


def memberships_by_role(
    *, body: Body, on: datetime.date | None = None
) -> list[tuple[str, list[Membership]]]:
    """Current members grouped by role, in the order a protokoll lists them."""
    rank = {role: index for index, role in enumerate(Membership.ROLE_ORDER)}
    members = sorted(
        memberships_for_body(body=body, on=on),
        key=lambda m: (
            rank[m.role],
            m.organisation.kind if m.organisation else "",
            m.organisation.name if m.organisation else "",
            m.person.name,
        ),
    )
    return [
        (Membership.Role(role).label, list(group))
        for role, group in groupby(members, key=lambda m: m.role)
    ]


def body_with_relations(*, slug: str) -> Body:
    return (
        Body.objects.select_related("parent", "secretariat")
        .prefetch_related(
            Prefetch(
                "supporting_bodies",
                queryset=Body.objects.filter(is_active=True).order_by("kind", "name"),
            )
        )
        .get(slug=slug, is_active=True)
    )
