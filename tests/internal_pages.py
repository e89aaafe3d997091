"""The signed-in side of the site as the checks walk it: the demo data plus what
the daily work has at any time (a protokoll being written, one out for
justering), the roles that walk it, and which addresses are pages.

The accessibility test (tests/browser/test_internal_pages.py) and the Nu HTML
Checker test (tests/test_internal_html_validity.py) both start from here.
"""

from __future__ import annotations

import datetime
import re

from django.utils import timezone

# The roles in the order they are walked: a page type seen by one role is not
# checked again for the next, so the role that reaches most comes first.
ROLES = ("sekreterare", "ordforande", "justerare", "ledamot", "admin")
# Not pages: downloads, feeds, the admin (Django's own), and leaving.
SKIP = re.compile(
    r"^/(admin|logga-ut|static|media)/|\.(pdf|zip|ics|xml|pem|json|txt)$|^/oparl/"
)
MAX_PAGES_PER_ROLE = 60


def page_type(path: str) -> str:
    """One check per kind of page: ids and years stand for each other."""
    return re.sub(r"\d+", "N", path)


def held_meeting(body, secretary, *, days_ago: int):
    from meetings.services.planning import meeting_create

    start = (timezone.localtime() - datetime.timedelta(days=days_ago)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    return meeting_create(
        body_id=body.pk,
        actor=secretary,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        location="Länsgården",
        address="Eklundavägen 1, Örebro",
    )


def drafted(meeting, secretary, chair, justerare):
    """A protokoll with the body's seats present and text in every §."""
    from council.models import Membership
    from meetings.models import Attendance
    from meetings.services.protocol import drafting
    from meetings.services.protocol.attendance import protocol_attendance_save
    from meetings.services.protocol.base import EDITABLE_PARAGRAPH_FIELDS

    protocol = drafting.protocol_create(meeting_id=meeting.pk, actor=secretary)
    seats = Membership.objects.filter(
        body=meeting.body, role__in=[Membership.Role.CHAIR, Membership.Role.MEMBER]
    ).values_list("person_id", flat=True)
    present = {chair.person.pk, justerare.person.pk, *seats}
    protocol = protocol_attendance_save(
        protocol_id=protocol.pk,
        actor=secretary,
        base_version=protocol.lock_version,
        members=[
            {"person_id": pk, "role": Attendance.Role.MEMBER} for pk in sorted(present)
        ],
        others=[],
    )
    rows = []
    for p in protocol.paragraphs.order_by("order"):
        row = {name: getattr(p, name) for name in EDITABLE_PARAGRAPH_FIELDS}
        row["id"] = p.pk
        row["text"] = row["text"] or f"Text till {p.heading}."
        rows.append(row)
    return drafting.protocol_save_draft(
        protocol_id=protocol.pk,
        actor=secretary,
        base_version=protocol.lock_version,
        chair_id=chair.person.pk,
        justerare_ids=[justerare.person.pk],
        justering_date=timezone.localdate(),
        justering_place="Örebro",
        paragraphs=rows,
    )


def load_working_site() -> None:
    """The demo data and, for its council, a protokoll in the making and one out
    for justering."""
    from django.core.management import call_command

    from council.models import Body, User
    from meetings.services.protocol.justering import protocol_send_to_justering

    call_command("load_demo", allow_production=True, verbosity=0)
    body = Body.objects.get(slug="ssr")
    secretary = User.objects.get(username="sekreterare")
    chair = User.objects.get(username="ordforande")
    justerare = User.objects.get(username="justerare")
    drafted(held_meeting(body, secretary, days_ago=3), secretary, chair, justerare)
    sent = drafted(
        held_meeting(body, secretary, days_ago=10), secretary, chair, justerare
    )
    protocol_send_to_justering(protocol_id=sent.pk, actor=secretary)
