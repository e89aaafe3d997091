"""Fixtures for the plans tests: a council, its officials' group and people in roles."""

from __future__ import annotations

import pytest

from council.models import Body, Membership
from plans.models import AnnualPlan
from tests.factories import (
    ActivityFactory,
    AnnualPlanFactory,
    AssignmentFactory,
    BodyFactory,
    MembershipFactory,
    PersonFactory,
    SuperUserFactory,
    UserFactory,
)


def user_in(body: Body, role: str = Membership.Role.MEMBER):
    user = UserFactory()
    person = PersonFactory(user=user)
    MembershipFactory(person=person, body=body, role=role)
    return user


@pytest.fixture
def council(db) -> Body:
    return BodyFactory(kind=Body.Kind.COUNCIL)


@pytest.fixture
def officials(council) -> Body:
    return BodyFactory(kind=Body.Kind.OFFICIALS, parent=council, short_name="Chefsgr")


@pytest.fixture
def other_body(db) -> Body:
    return BodyFactory(kind=Body.Kind.NETWORK)


@pytest.fixture
def secretary(council):
    return user_in(council, Membership.Role.SECRETARY)


@pytest.fixture
def official(officials):
    return user_in(officials)


@pytest.fixture
def member(council):
    return user_in(council)


@pytest.fixture
def outsider(other_body):
    return user_in(other_body)


@pytest.fixture
def admin_user(db):
    return SuperUserFactory()


@pytest.fixture
def users(secretary, official, member, outsider, admin_user):
    """Every role the permission matrices cover; None is the anonymous visitor."""
    from django.contrib.auth.models import AnonymousUser

    return {
        "anonym": AnonymousUser(),
        "annat organ": outsider,
        "ledamot": member,
        "beredningsgruppen": official,
        "sekreterare": secretary,
        "administratör": admin_user,
    }


@pytest.fixture
def draft(council, officials) -> AnnualPlan:
    plan = AnnualPlanFactory(
        body=council, year=2025, prepared_by=officials, introduction="Hemligt utkast"
    )
    AssignmentFactory(plan=plan, title="Utkastets uppdrag")
    return plan


@pytest.fixture
def published(council, officials) -> AnnualPlan:
    plan = AnnualPlanFactory(
        body=council,
        year=2024,
        prepared_by=officials,
        state=AnnualPlan.State.PUBLISHED,
    )
    AssignmentFactory(plan=plan, title="Publicerat uppdrag")
    ActivityFactory(
        plan=plan,
        title="Genomförd temadag",
        status="genomford",
        follow_up="200 deltagare",
    )
    ActivityFactory(plan=plan, title="Pågående samverkan", status="pagar")
    return plan
