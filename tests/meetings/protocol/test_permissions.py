"""Who may do what with a protokoll: a matrix of roles and predicates; an
unpublished protokoll is invisible to everyone else.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from council.models import Membership
from meetings import permissions
from tests.meetings.helpers import (
    seat,
)

pytestmark = pytest.mark.django_db


ROLES = [
    "anonym",
    "ledamot i annat organ",
    "ledamot",
    "sekreterare",
    "ordförande",
    "justerare",
    "administratör",
]


# Who may do what; the chair and justerare are those named on the protokoll.
MATRIX = {
    "can_view_protocol_draft": {
        "sekreterare",
        "ordförande",
        "justerare",
        "administratör",
    },
    "can_edit_protocol": {"sekreterare", "administratör"},
    "can_send_protocol": {"sekreterare", "administratör"},
    "can_comment_protocol": {"ordförande", "justerare"},
    "can_justera_protocol": {"ordförande", "justerare"},
    "can_publish_protocol": {"sekreterare", "administratör"},
    "can_correct_protocol": {"sekreterare", "administratör"},
}


@pytest.fixture
def people(cast):
    ledamot, _ = seat(cast.body, Membership.Role.MEMBER, username="vanlig")
    return {
        "anonym": AnonymousUser(),
        "ledamot i annat organ": cast.outsider,
        "ledamot": ledamot,
        "sekreterare": cast.secretary,
        "ordförande": cast.chair,
        "justerare": cast.member,
        "administratör": cast.admin,
    }


@pytest.mark.parametrize("predicate", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(people, in_justering, predicate, role):
    check = getattr(permissions, predicate)
    assert check(people[role], in_justering) is (role in MATRIX[predicate])


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonym", 302),
        ("ledamot i annat organ", 404),
        ("ledamot", 404),
        ("sekreterare", 200),
        ("ordförande", 200),
        ("justerare", 200),
        ("administratör", 200),
    ],
)
def test_only_those_working_on_it_see_an_unpublished_protokoll(
    client, people, in_justering, role, status
):
    if role != "anonym":
        client.force_login(people[role])
    response = client.get(f"/protokoll/{in_justering.pk}/granska/")
    assert response.status_code == status
    # The public address never shows it, whoever asks.
    assert client.get(f"/protokoll/{in_justering.pk}/").status_code == 404
    assert client.get("/protokoll/").content.decode().count("/granska/") == 0
