"""Timing the yearly delivery to the e-archive: one package per year of a ten-year body.

For each year of the busiest body, `plans.archive.year_package` builds the
package (every justerat protokoll with its record, the plan, the kallelser
with their PDFs) and `write_zip` writes it, timed together. The bench data's
protokoll have no signed record (signing a thousand would take the bench an
hour): each stands in with the bytes of one real signed protokoll, rendered
and signed once here, so the package carries as many bytes as a real year's.
The kallelser are rendered at their first request and read from the stored
PDFs after, as in production; each year is timed cold (first export) and warm
(the next). Everything made here is rolled back.
"""

from __future__ import annotations

import time

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from council.earkiv.package import write_zip
from council.models import Body, User
from council.portal.bench.signing import _copy_of_demo_protocol
from meetings.archive.protocol import NotArchivable
from meetings.models import Protocol, SignedDocument
from meetings.services.protocol.justering import (
    protocol_justera,
    protocol_send_to_justering,
)
from plans.archive import year_package

TARGET_SECONDS = 5.0


def _stand_in_records(body: Body, data: bytes) -> None:
    protocols = Protocol.objects.filter(
        meeting__body=body, state__in=Protocol.LOCKED_STATES
    ).exclude(documents__kind=SignedDocument.Kind.PROTOCOL)
    for protocol in protocols:
        document = SignedDocument(
            protocol=protocol,
            kind=SignedDocument.Kind.PROTOCOL,
            is_final=True,
            finalised_at=timezone.now(),
        )
        document.set_data(data)
        document.save()


def _signed_protokoll() -> bytes:
    """The demo protokoll of 2018, sent and justerat through the workflow."""
    secretary = User.objects.get(username="sekreterare")
    protocol = _copy_of_demo_protocol()
    protocol_send_to_justering(protocol_id=protocol.pk, actor=secretary)
    protocol_justera(
        protocol_id=protocol.pk, actor=User.objects.get(username="justerare")
    )
    done = protocol_justera(
        protocol_id=protocol.pk, actor=User.objects.get(username="ordforande")
    )
    return bytes(SignedDocument.objects.get(protocol=done, is_final=True).data)


def time_year_packages() -> list[dict]:
    """[{year, cold, warm, size, representations}] for each year of the
    body with the most meetings."""
    body = Body.objects.annotate(held=Count("meetings")).order_by("-held").first()
    years = sorted({d.year for d in body.meetings.dates("starts_at", "year")})
    found = []
    with transaction.atomic():
        _stand_in_records(body, _signed_protokoll())
        for year in years:
            timings = []
            for _ in range(2):
                start = time.perf_counter()
                try:
                    package = year_package(body, year)
                except NotArchivable:
                    break  # a year still ahead: nothing justerat, nothing called
                data = write_zip(package)
                timings.append(time.perf_counter() - start)
            if not timings:
                continue
            found.append(
                {
                    "year": year,
                    "cold": timings[0],
                    "warm": timings[1],
                    "size": len(data),
                    "representations": len(package.representations),
                    "body": body.short_name or body.name,
                }
            )
        transaction.set_rollback(True)
    return found
