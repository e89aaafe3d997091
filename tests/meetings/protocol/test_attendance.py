"""Attendance as the protokoll records it, from its page."""

from __future__ import annotations

import pytest

from meetings.models import Protocol

pytestmark = pytest.mark.django_db


def test_attendance_page_records_who_was_there(client, cast, meeting):
    client.force_login(cast.secretary)
    client.post(f"/moten/{meeting.pk}/protokoll/")
    protocol = Protocol.objects.get(meeting=meeting)
    page = client.get(f"/protokoll/{protocol.pk}/narvaro/").content.decode()
    assert cast.member.person.name in page
    chair, member, sub = (
        cast.chair.person.pk,
        cast.member.person.pk,
        cast.substitute.person.pk,
    )
    data = {
        "lock_version": protocol.lock_version,
        f"role_{chair}": "ledamot",
        f"role_{member}": "",
        f"role_{sub}": "tjg_ersattare",
        f"replaces_{sub}": str(member),
        f"paragraphs_{sub}": "1–3",
        "other_0_name": "Eva Sund",
        "other_0_title": "utvecklingsledare",
        "other_0_organisation": "Region Örebro län",
    }
    for other in cast.memberships.values():
        data.setdefault(f"role_{other.person_id}", "")
    response = client.post(f"/protokoll/{protocol.pk}/narvaro/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    rows = {a.display_name: a for a in meeting.attendances.all()}
    assert rows[cast.substitute.person.name].replaces == cast.member.person
    assert cast.member.person.name not in rows  # absent: not in the protokoll
    assert rows["Eva Sund"].role == "ovrig"
    assert [i.order for i in rows[cast.substitute.person.name].present_for.all()] == [
        1,
        2,
        3,
    ]
    page = client.get(f"/protokoll/{protocol.pk}/forhandsvisning/").content.decode()
    assert "närvarande §§ 1–3" in page
