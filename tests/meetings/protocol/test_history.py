"""A protokoll's history: what changed between two revisions, and what a signer
sees changed since their last look (paragraphs, attendance, justering).
"""

from __future__ import annotations

import datetime

import pytest

from meetings.models import Attendance, Protocol
from meetings.selectors.protocol import history as history_selectors
from meetings.services.protocol import drafting
from meetings.services.protocol.attendance import protocol_attendance_save
from meetings.services.protocol.justering import (
    protocol_comment,
    protocol_send_to_justering,
)
from tests.meetings.helpers import (
    editor_values,
    save_draft,
)

pytestmark = pytest.mark.django_db


def test_history_lists_changes_and_shows_a_difference(client, cast, justerat):
    client.force_login(cast.secretary)
    page = client.get(f"/protokoll/{justerat.pk}/historik/").content.decode()
    assert "Skickat för justering" in page
    assert "Justerat av alla" in page
    revisions = list(justerat.history.order_by("history_date"))
    response = client.get(
        f"/protokoll/{justerat.pk}/historik/",
        {"fran": revisions[0].history_id, "till": revisions[-1].history_id},
    )
    page = response.content.decode()
    assert "Tillagt: " in page
    added = page.split("Skillnad")[1].split("Alla ändringar")[0]
    assert (
        '<ins><span class="visually-hidden">Tillagt: </span>§ 1 Mötet öppnas' in added
    )


def send_back(cast, protocol: Protocol) -> datetime.datetime:
    """The justerare comments (their last look); returns when."""
    paragraph = protocol.paragraphs.order_by("order").first()
    [comment] = protocol_comment(
        protocol_id=protocol.pk,
        actor=cast.member,
        comments={paragraph.pk: "Stämmer närvaron?"},
    )
    return comment.created_at


def save_attendance(cast, protocol: Protocol, members, others) -> Protocol:
    protocol.refresh_from_db()
    return protocol_attendance_save(
        protocol_id=protocol.pk,
        actor=cast.secretary,
        base_version=protocol.lock_version,
        members=members,
        others=others,
    )


def save_justering(cast, protocol: Protocol, *, place: str, day) -> Protocol:
    protocol.refresh_from_db()
    return save_draft(cast, protocol, place=place, day=day)


def test_a_change_without_a_user_shows_as_unknown(client, cast, draft):
    """A history row saved outside the portal (a migration, a script) has no
    user; the history page lists it as "okänd" instead of failing."""
    Protocol.objects.get(pk=draft.pk).save()
    assert draft.history.filter(history_user=None).exists()
    client.force_login(cast.secretary)

    response = client.get(f"/protokoll/{draft.pk}/historik/")

    assert response.status_code == 200
    assert "okänd (ingen användare sparad)" in response.content.decode()


def test_attendance_and_justering_changes_show_to_the_justerare(
    client, cast, in_justering
):
    """A new ersättare, someone present only for some §§, someone removed and a
    new place and date for justering all show as added and removed lines."""
    since = send_back(cast, in_justering)
    chair, member = cast.chair.person, cast.member.person
    substitute = cast.substitute.person
    save_attendance(
        cast,
        in_justering,
        members=[
            {
                "person_id": chair.pk,
                "role": Attendance.Role.MEMBER,
                "paragraphs": [1, 2, 3],
            },
            {"person_id": member.pk, "role": Attendance.Role.MEMBER},
            {
                "person_id": substitute.pk,
                "role": Attendance.Role.SERVING_SUBSTITUTE,
                "replaces_id": chair.pk,
            },
        ],
        others=[
            {
                "id": Attendance.objects.get(name="Eva Sund").pk,
                "name": "Eva Sund",
                "title": "",
                "organisation": "",
                "delete": True,
            }
        ],
    )
    day = datetime.date(2030, 1, 15)
    save_justering(cast, in_justering, place="Kumla stadshus", day=day)
    protocol_send_to_justering(protocol_id=in_justering.pk, actor=cast.secretary)
    in_justering.refresh_from_db()

    changes = dict(
        history_selectors.changed_attendance_since(protocol=in_justering, since=since)
    )
    added = {line.text for line in changes["Närvaro"] if line.kind == "added"}
    removed = {line.text for line in changes["Närvaro"] if line.kind == "removed"}
    assert any(
        text.startswith(f"Tjänstgörande ersättare: {substitute.name}")
        and f"ersätter {chair.name}" in text
        for text in added
    )
    assert any(
        text.startswith(f"Ledamot: {chair.name}") and "närvarande §§ 1–3" in text
        for text in added
    )
    assert any(text.startswith("Övrig närvarande: Eva Sund") for text in removed)
    assert not any(text.startswith(f"Ledamot: {member.name}") for text in added)
    justering = {(line.kind, line.text) for line in changes["Justering"]}
    assert ("added", "Justering, plats: Kumla stadshus") in justering
    assert ("removed", "Justering, plats: Örebro") in justering
    assert ("added", "Justering, datum: 2030-01-15") in justering

    client.force_login(cast.member)
    page = client.get(f"/protokoll/{in_justering.pk}/granska/").content.decode()
    section = page.split("Ändrat sedan ditt senaste ändringsförslag")[1]
    section = section.split("</section>")[0]
    assert "<h3>Närvaro</h3>" in section
    assert "<h3>Justering</h3>" in section
    assert "Tillagt: </span>Justering, plats: Kumla stadshus" in section
    assert "Borttaget: </span>Övrig närvarande: Eva Sund" in section


def test_a_change_of_justerare_and_chair_shows(cast, in_justering):
    since = send_back(cast, in_justering)
    in_justering.refresh_from_db()
    drafting.protocol_save_draft(
        protocol_id=in_justering.pk,
        actor=cast.secretary,
        base_version=in_justering.lock_version,
        chair_id=cast.member.person.pk,
        justerare_ids=[cast.chair.person.pk],
        justering_date=in_justering.justering_date,
        justering_place=in_justering.justering_place,
        paragraphs=editor_values(in_justering),
    )
    in_justering.refresh_from_db()
    changes = dict(
        history_selectors.changed_attendance_since(protocol=in_justering, since=since)
    )
    justering = {(line.kind, line.text) for line in changes["Justering"]}
    assert ("added", f"Ordförande: {cast.member.person.name}") in justering
    assert ("added", f"Justerare: {cast.chair.person.name}") in justering
    assert ("removed", f"Justerare: {cast.member.person.name}") in justering
    assert "Närvaro" not in changes


def test_nothing_shows_when_only_the_text_changed(client, cast, in_justering):
    """Saving the draft again without touching attendance or justering shows no
    such section; the changed paragraph still shows."""
    since = send_back(cast, in_justering)
    save_attendance(
        cast,
        in_justering,
        members=[
            {"person_id": cast.chair.person.pk, "role": Attendance.Role.MEMBER},
            {"person_id": cast.member.person.pk, "role": Attendance.Role.MEMBER},
            {"person_id": cast.substitute.person.pk, "role": ""},
        ],
        others=[
            {
                "id": Attendance.objects.get(name="Eva Sund").pk,
                "name": "Eva Sund",
                "title": "utvecklingsledare",
                "organisation": "Region Örebro län",
            }
        ],
    )
    in_justering.refresh_from_db()
    values = editor_values(in_justering, **{"Övriga frågor": "Inga övriga frågor."})
    drafting.protocol_save_draft(
        protocol_id=in_justering.pk,
        actor=cast.secretary,
        base_version=in_justering.lock_version,
        chair_id=in_justering.chair_id,
        justerare_ids=[cast.member.person.pk],
        justering_date=in_justering.justering_date,
        justering_place=in_justering.justering_place,
        paragraphs=values,
    )
    protocol_send_to_justering(protocol_id=in_justering.pk, actor=cast.secretary)
    in_justering.refresh_from_db()
    assert (
        history_selectors.changed_attendance_since(protocol=in_justering, since=since)
        == []
    )
    client.force_login(cast.member)
    page = client.get(f"/protokoll/{in_justering.pk}/granska/").content.decode()
    section = page.split("Ändrat sedan ditt senaste ändringsförslag")[1]
    assert "Inga övriga frågor." in section
    assert "<h3>Närvaro</h3>" not in section
    assert "<h3>Justering</h3>" not in section
