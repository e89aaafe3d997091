"""The base predicates: who sits where, decided by current memberships."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from council import permissions
from council.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def body():
    return factories.BodyFactory()


def seat(body, role, **kwargs):
    user = factories.UserFactory()
    person = factories.PersonFactory(user=user)
    factories.MembershipFactory(person=person, body=body, role=role, **kwargs)
    return user


def test_roles_matrix(body):
    """Secretary, chair, member, other body's member, anonymous and administrator."""
    secretary = seat(body, Membership.Role.SECRETARY)
    chair = seat(body, Membership.Role.CHAIR)
    member = seat(body, Membership.Role.MEMBER)
    outsider = seat(factories.BodyFactory(), Membership.Role.MEMBER)
    admin = factories.SuperUserFactory()
    anonymous = AnonymousUser()
    table = {
        "secretary": (secretary, True, True, False, True),
        "chair": (chair, True, False, True, False),
        "member": (member, True, False, False, False),
        "outsider": (outsider, False, False, False, False),
        "anonymous": (anonymous, False, False, False, False),
        "admin": (admin, False, False, False, True),
    }
    for name, (user, member_, secretary_, chair_, manage) in table.items():
        assert permissions.is_member(user, body) is member_, name
        assert permissions.is_secretary(user, body) is secretary_, name
        assert permissions.is_chair(user, body) is chair_, name
        assert permissions.can_manage_body(user, body) is manage, name


def test_ended_term_gives_no_rights(body):
    """A membership that has ended no longer counts."""
    ended = datetime.date.today() - datetime.timedelta(days=1)
    user = seat(
        body,
        Membership.Role.SECRETARY,
        starts=ended - datetime.timedelta(365),
        ends=ended,
    )
    assert not permissions.is_member(user, body)
    assert not permissions.can_manage_body(user, body)
    assert permissions.bodies_for(user) == []


def test_user_without_person_has_no_seat(body):
    """A login without a Person record sits nowhere."""
    user = factories.UserFactory()
    assert not permissions.is_member(user, body)
    assert permissions.bodies_for(user) == []
