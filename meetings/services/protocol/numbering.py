"""§ numbers: fixed when the protokoll goes to justering, never reused.

A body numbers its paragraphs per protokoll or per calendar year
(`Body.numbering`). Numbers are given under a lock on the body, so two
protokoll of one year never get the same ones.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from council.history import attribute
from council.models import Body
from meetings.models import (
    Paragraph,
    Protocol,
)


def _next_number(protocol: Protocol) -> int:
    """The first free § number: per protokoll, or per body and calendar year."""
    meeting = protocol.meeting
    body = meeting.body
    if body.numbering == Body.Numbering.PER_YEAR:
        year = meeting.local_start.year
        start = timezone.make_aware(datetime.datetime(year, 1, 1))
        end = timezone.make_aware(datetime.datetime(year + 1, 1, 1))
        used = Paragraph.objects.filter(
            protocol__meeting__body=body,
            protocol__meeting__starts_at__gte=start,
            protocol__meeting__starts_at__lt=end,
        )
    else:
        used = Paragraph.objects.filter(protocol__meeting=meeting)
    return (used.aggregate(top=Max("number"))["top"] or 0) + 1


def assign_numbers(protocol: Protocol, *, actor: Any) -> None:
    """Give every paragraph without a number the next free one, in order.

    Called under a lock on the body, so two protokoll of one year never get the
    same numbers. A number once given stays with its paragraph.
    """
    Body.objects.select_for_update().get(pk=protocol.meeting.body_id)
    number = _next_number(protocol)
    for paragraph in Paragraph.objects.filter(protocol=protocol).order_by("order"):
        if paragraph.number is None:
            paragraph.number = number
            number += 1
            attribute(paragraph, user=actor, reason=_("Paragrafnummer fastställt"))
            paragraph.save(update_fields=["number"])


def predicted_numbers(protocol: Protocol) -> dict[int, int]:
    """The § number each paragraph has, or will get when sent for justering as
    things stand now (by paragraph id). A read, for the draft to show its numbers
    as they will be: with per-year numbering that is not 1, 2, 3 ….
    """
    paragraphs = list(
        Paragraph.objects.filter(protocol=protocol)
        .order_by("order")
        .values_list("pk", "number")
    )
    numbers = {pk: number for pk, number in paragraphs if number is not None}
    if len(numbers) < len(paragraphs):
        number = _next_number(protocol)
        for pk, fixed in paragraphs:
            if fixed is None:
                numbers[pk] = number
                number += 1
    return numbers
