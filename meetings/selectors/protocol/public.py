"""What the public reads of the protokoll: the published list and the
anslagstavla.
"""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from meetings.models import (
    Notice,
    Protocol,
)


def protocols_published(
    *, body_slug: str = "", year: int | None = None
) -> QuerySet[Protocol]:
    """The public protokoll (Protocol.objects.public), newest meeting first."""
    protocols = Protocol.objects.public()
    if body_slug:
        protocols = protocols.filter(meeting__body__slug=body_slug)
    if year:
        protocols = protocols.filter(meeting__starts_at__year=year)
    return protocols.select_related("meeting__body").order_by(
        "-meeting__starts_at", "-version"
    )


def notices_current(*, today: datetime.date | None = None) -> QuerySet[Notice]:
    """Anslag that are up: from the day posted until the day they come down."""
    day = today or timezone.localdate()
    return (
        Notice.objects.filter(posted_on__lte=day, removed_on__gt=day)
        .select_related("protocol__meeting__body")
        .order_by("-posted_on", "-pk")
    )
