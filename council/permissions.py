"""Who may do what, as predicates over memberships.

Each app adds its own `can_<verb>_<entity>(user, obj) -> bool` in its
`permissions.py`, built on these. They never look at workflow state: services
check state, these check who.
"""

from __future__ import annotations

import datetime
from typing import Any

from council.models import Body, Membership, Person


def person_of(user: Any) -> Person | None:
    """The Person behind a logged-in user, if any."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user.person_or_none


def is_administrator(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_superuser)


def current_roles(
    user: Any, body: Body, *, on: datetime.date | None = None
) -> set[str]:
    """The roles the user's person holds in `body` today (or on `on`)."""
    person = person_of(user)
    if person is None:
        return set()
    cache = user.__dict__.setdefault("_roles_cache", {})
    key = (body.pk, on)
    if key not in cache:
        cache[key] = set(
            Membership.objects.current(on)
            .filter(person=person, body=body)
            .values_list("role", flat=True)
        )
    return cache[key]


def is_member(user: Any, body: Body) -> bool:
    """Anyone with a current seat in the body: ledamot, ersättare, chair, secretary."""
    return bool(current_roles(user, body))


def is_secretary(user: Any, body: Body) -> bool:
    return Membership.Role.SECRETARY in current_roles(user, body)


def is_chair(user: Any, body: Body) -> bool:
    return Membership.Role.CHAIR in current_roles(user, body)


def can_manage_body(user: Any, body: Body) -> bool:
    """The secretary of the body, or an administrator, runs its meetings."""
    return is_administrator(user) or is_secretary(user, body)


def bodies_for(user: Any) -> list[Body]:
    """The bodies the user currently sits in."""
    person = person_of(user)
    if person is None:
        return []
    return list(
        Body.objects.filter(
            pk__in=Membership.objects.current().filter(person=person).values("body")
        ).order_by("name")
    )


def can_remove_passkey(user: Any, passkey: Any) -> bool:
    """A user removes their own passkeys; an administrator, or a user given the
    right to delete passkeys, removes a lost one of anybody's."""
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return False
    return (
        passkey.user_id == user.pk
        or is_administrator(user)
        or user.has_perm("passkeys.delete_passkey")
    )


def can_revoke_certificate(user: Any) -> bool:
    """An administrator, or a user given the right to add revocations, may revoke
    a certificate of the signing CA."""
    return is_administrator(user) or bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.has_perm("council.add_revokedcertificate")
    )
