"""The internal protokoll pages read in a fixed number of queries: a protokoll of
15 paragraphs and 15 people costs as many as one of one paragraph and one person.

Each protokoll is made through the services the way the secretary makes it, with
everything a page shows per paragraph (action items, bilagor, jäv, ändringsförslag)
and per person (partial presence, an ersättare, övriga närvarande).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from council.models import Membership, User
from meetings.models import Attendance, Meeting, Protocol
from meetings.services.protocol import attachments as paragraph_attachments
from meetings.services.protocol import drafting
from meetings.services.protocol.attendance import protocol_attendance_save
from meetings.services.protocol.justering import (
    protocol_comment,
    protocol_send_to_justering,
)
from tests import factories
from tests.meetings.helpers import editor_values, hold
from tests.upload_files import PDF

pytestmark = pytest.mark.django_db

# Generous, so that a new feature needs no change here; growth is what fails.
MAX_QUERIES = 45


@dataclass
class Built:
    protocol: Protocol
    secretary: User
    justerare: User


Page = Callable[[Built], tuple[User, str]]


def person_with_user(body: Any, role: str) -> tuple[User, Any]:
    user = factories.UserFactory()
    person = factories.PersonFactory(user=user)
    factories.MembershipFactory(person=person, body=body, role=role)
    return user, person


def build(size: int) -> Built:
    """A protokoll sent back with ändringsförslag and edited again: a draft with
    numbers, comments and a history, `size` paragraphs and `size` other people."""
    body = factories.BodyFactory()
    secretary, _ = person_with_user(body, Membership.Role.SECRETARY)
    _, chair = person_with_user(body, Membership.Role.CHAIR)
    justerare_user, justerare = person_with_user(body, Membership.Role.MEMBER)
    members = [
        factories.MembershipFactory(body=body, role=Membership.Role.MEMBER).person
        for _ in range(size)
    ]
    substitute = factories.MembershipFactory(
        body=body, role=Membership.Role.SUBSTITUTE
    ).person
    # Held: a protokoll is sent for justering once its meeting has ended.
    meeting = hold(factories.MeetingFactory(body=body, state=Meeting.State.HELD))
    for order in range(1, size + 1):
        factories.AgendaItemFactory(
            meeting=meeting, order=order, title=f"Punkt {order}"
        )
    protocol = drafting.protocol_create(meeting_id=meeting.pk, actor=secretary)

    def attendance(paragraphs: list[int]) -> None:
        protocol.refresh_from_db()
        protocol_attendance_save(
            protocol_id=protocol.pk,
            actor=secretary,
            base_version=protocol.lock_version,
            members=[
                {"person_id": chair.pk, "role": Attendance.Role.MEMBER},
                {"person_id": justerare.pk, "role": Attendance.Role.MEMBER},
                *[
                    {
                        "person_id": person.pk,
                        "role": Attendance.Role.MEMBER,
                        "paragraphs": paragraphs,
                    }
                    for person in members
                ],
                {
                    "person_id": substitute.pk,
                    "role": Attendance.Role.SERVING_SUBSTITUTE,
                    "replaces_id": members[0].pk,
                },
            ],
            others=[
                {
                    "id": None,
                    "name": f"Gäst {n}",
                    "title": "utvecklingsledare",
                    "organisation": "Region Örebro län",
                }
                for n in range(size)
            ],
        )

    def save(text: str) -> None:
        protocol.refresh_from_db()
        values = editor_values(protocol)
        for row in values:
            row["text"] = f"{text} {row['heading']}."
            row["recused"] = [members[0].pk]
        drafting.protocol_save_draft(
            protocol_id=protocol.pk,
            actor=secretary,
            base_version=protocol.lock_version,
            chair_id=chair.pk,
            justerare_ids=[justerare.pk],
            justering_date=None,
            justering_place="Örebro",
            paragraphs=values,
        )

    attendance([1])
    save("Första lydelsen av")
    for paragraph in protocol.paragraphs.all():
        drafting.protocol_action_item_add(
            paragraph_id=paragraph.pk,
            actor=secretary,
            description="Återkom med en rapport.",
            assignee_id=members[0].pk,
        )
        paragraph_attachments.paragraph_attachment_upload(
            paragraph_id=paragraph.pk,
            actor=secretary,
            uploaded=SimpleUploadedFile("underlag.pdf", PDF),
        )
    protocol_send_to_justering(protocol_id=protocol.pk, actor=secretary)
    protocol_comment(
        protocol_id=protocol.pk,
        actor=justerare_user,
        comments={p.pk: "Förtydliga." for p in protocol.paragraphs.all()},
    )
    attendance([1, 2] if size > 1 else [])
    save("Andra lydelsen av")
    protocol.refresh_from_db()
    return Built(protocol=protocol, secretary=secretary, justerare=justerare_user)


def queries(client: Any, user: User, url: str) -> list[str]:
    client.force_login(user)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return [q["sql"] for q in context.captured_queries]


def counts(client: Any, built: Built, pages: dict[str, Page]) -> dict[str, list[str]]:
    return {name: queries(client, *page(built)) for name, page in pages.items()}


def assert_no_growth(client: Any, pages: dict[str, Page], *, send: bool = False):
    # Both exist before either is measured, so that only their size differs.
    built = {size: build(size) for size in (1, 15)}
    if send:
        for one in built.values():
            protocol_send_to_justering(protocol_id=one.protocol.pk, actor=one.secretary)
    small = counts(client, built[1], pages)
    large = counts(client, built[15], pages)
    grown = {
        name: f"{len(small[name])} queries with 1 paragraph, {len(large[name])} "
        f"with 15:\n" + "\n".join(large[name])
        for name in pages
        if len(large[name]) != len(small[name])
    }
    assert not grown, "\n\n".join(f"{k}: {v}" for k, v in grown.items())
    too_many = {k: len(v) for k, v in large.items() if len(v) > MAX_QUERIES}
    assert not too_many, too_many


DRAFT_PAGES: dict[str, Page] = {
    "editor": lambda b: (b.secretary, f"/protokoll/{b.protocol.pk}/utkast/"),
    "attendance": lambda b: (b.secretary, f"/protokoll/{b.protocol.pk}/narvaro/"),
    "preview": lambda b: (
        b.secretary,
        f"/protokoll/{b.protocol.pk}/forhandsvisning/",
    ),
    "history": lambda b: (b.secretary, f"/protokoll/{b.protocol.pk}/historik/"),
    "overview": lambda b: (b.secretary, "/protokoll/oversikt/"),
    "review": lambda b: (b.secretary, f"/protokoll/{b.protocol.pk}/granska/"),
}


def test_the_secretarys_pages_do_not_grow_with_paragraphs_and_people(client):
    """Editor, attendance, preview, history, overview and review of a draft."""
    assert_no_growth(client, DRAFT_PAGES)


def test_the_justerares_review_page_does_not_grow(client):
    """In justering again, with the changes since the justerare's last look."""
    assert_no_growth(
        client,
        {
            "review": lambda b: (b.justerare, f"/protokoll/{b.protocol.pk}/granska/"),
            "history": lambda b: (
                b.justerare,
                f"/protokoll/{b.protocol.pk}/historik/",
            ),
            "preview": lambda b: (
                b.justerare,
                f"/protokoll/{b.protocol.pk}/forhandsvisning/",
            ),
        },
        send=True,
    )
