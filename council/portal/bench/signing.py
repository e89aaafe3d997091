"""Timing the document of record: from "the last signer justerar" to the stored file.

A copy of the 14-paragraph demo protokoll of 2018 (its attendance, texts and
signers) is taken through the workflow: the secretary sends it for justering
(the PDF is rendered and signed "Vid protokollet"), the justerare justerar, and
the chair's justering, the last, is timed: the content hash, the signature with
its RFC 3161 timestamp, its validation, the justeringsbevis, validation data and
document timestamp that close the file (PAdES B-LTA), and the final file stored
with its SHA-256. Each run is rolled back.
"""

from __future__ import annotations

import datetime
import statistics
import time

from django.db import transaction

from council.models import User
from meetings.models import (
    AgendaItem,
    Attendance,
    Meeting,
    Paragraph,
    Protocol,
    SignedDocument,
)
from meetings.services.protocol.justering import (
    protocol_justera,
    protocol_send_to_justering,
)

DEMO_MEETING_DAY = datetime.date(2018, 9, 28)


def _copy_of_demo_protocol() -> Protocol:
    source = Protocol.objects.get(meeting__starts_at__date=DEMO_MEETING_DAY, version=1)
    old_meeting = source.meeting
    meeting = Meeting.objects.get(pk=old_meeting.pk)
    meeting.pk = None
    meeting.starts_at = old_meeting.starts_at + datetime.timedelta(days=7)
    meeting.ends_at = old_meeting.ends_at + datetime.timedelta(days=7)
    meeting.state = Meeting.State.HELD
    meeting.save()
    items = {}
    for item in AgendaItem.objects.filter(meeting=old_meeting):
        old_pk = item.pk
        item.pk = None
        item.meeting = meeting
        item.save()
        items[old_pk] = item
    for row in Attendance.objects.filter(meeting=old_meeting):
        row.pk = None
        row.meeting = meeting
        row.save()
    protocol = Protocol.objects.create(
        meeting=meeting,
        secretary=source.secretary,
        chair=source.chair,
        justering_place=source.justering_place,
    )
    protocol.justerare.set(source.justerare.all())
    Paragraph.objects.bulk_create(
        Paragraph(
            protocol=protocol,
            order=p.order,
            agenda_item=items.get(p.agenda_item_id),
            heading=p.heading,
            text=p.text,
            outcome=p.outcome,
            presenter=p.presenter,
        )
        for p in source.paragraphs.order_by("order")
    )
    return protocol


def time_last_justering(runs: int = 3) -> dict[str, float]:
    """Median and worst seconds of the last signer's justering, over `runs`."""
    secretary = User.objects.get(username="sekreterare")
    justerare = User.objects.get(username="justerare")
    chair = User.objects.get(username="ordforande")
    seconds = []
    size = 0
    for _ in range(runs):
        with transaction.atomic():  # everything made here is rolled back
            protocol = _copy_of_demo_protocol()
            protocol_send_to_justering(protocol_id=protocol.pk, actor=secretary)
            protocol_justera(protocol_id=protocol.pk, actor=justerare)
            start = time.perf_counter()
            done = protocol_justera(protocol_id=protocol.pk, actor=chair)
            document = SignedDocument.objects.get(protocol=done, is_final=True)
            seconds.append(time.perf_counter() - start)
            size = document.size
            transaction.set_rollback(True)
    return {
        "median": statistics.median(seconds),
        "worst": max(seconds),
        "paragraphs": Paragraph.objects.filter(
            protocol__meeting__starts_at__date=DEMO_MEETING_DAY, protocol__version=1
        ).count(),
        "bytes": size,
    }
