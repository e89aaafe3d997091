"""Loading the demo data: the seeds' facts, one upcoming meeting and demo users.

Idempotent: every record is looked up by its natural key and created only when
missing, so a second run changes nothing and never overwrites an edit.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from council.portal.demo.load.meetings import load_meeting_2018, load_upcoming_meeting
from council.portal.demo.load.networks import load_networks
from council.portal.demo.load.people import (
    DemoUser,
    load_bodies,
    load_organisations,
    load_people,
    load_users,
)
from council.portal.demo.load.plans import load_plans


@transaction.atomic
def load_demo(*, today: datetime.date | None = None) -> list[DemoUser]:
    """Load everything; return the demo users for printing."""
    organisations = load_organisations()
    council, chefsgruppen = load_bodies(organisations)
    people = load_people(council, organisations)
    load_meeting_2018(council, people, organisations)
    load_networks(chefsgruppen)
    load_plans(council, chefsgruppen)
    load_upcoming_meeting(council, today or timezone.localdate())
    return load_users(people)
