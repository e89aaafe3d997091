"""Timing the protokoll editor on a long protokoll: 40 paragraphs.

A copy of the demo protokoll of 2018 is filled up to 40 paragraphs of text and
left a draft. Measured in this process, with DEBUG off: the bytes of the editor
page as the secretary gets it, and the server time of an autosave (the POST the
page sends a moment after typing stops), each with a changed text and the version
the previous one returned. Everything made here is rolled back.
"""

from __future__ import annotations

import statistics
import time

from django.db import transaction
from django.test import Client
from django.test.utils import override_settings

from council.models import User
from council.portal.bench.signing import _copy_of_demo_protocol
from meetings.models import Paragraph, Protocol

PARAGRAPHS = 40
SAMPLES = 40
FILLER = (
    "Kommunerna redovisade läget i gymnasiesamverkan och vuxenutbildningen. "
    "Rådet diskuterade kompetensförsörjningen i länet och hur arbetet följs upp. "
)


def _long_protocol() -> Protocol:
    protocol = _copy_of_demo_protocol()
    count = protocol.paragraphs.count()
    Paragraph.objects.bulk_create(
        Paragraph(
            protocol=protocol,
            order=order,
            heading=f"Lägesrapport {order}",
            text=FILLER * 4,
            outcome="Rådet ställer sig bakom förslaget.",
        )
        for order in range(count + 1, PARAGRAPHS + 1)
    )
    return protocol


def _form(protocol: Protocol, changed: str) -> dict[str, object]:
    """The editor's form as the page posts it, one paragraph's text changed."""
    data: dict[str, object] = {
        "lock_version": str(protocol.lock_version),
        "chair": str(protocol.chair_id or ""),
        "justerare": [str(pk) for pk in protocol.justerare.values_list("pk", flat=1)],
        "justering_date": "",
        "justering_place": protocol.justering_place,
    }
    paragraphs = list(protocol.paragraphs.order_by("order"))
    for p in paragraphs:
        prefix = f"p{p.pk}-"
        data[prefix + "heading"] = p.heading
        data[prefix + "text"] = p.text
        data[prefix + "outcome"] = p.outcome
        data[prefix + "is_public"] = "on"
    data[f"p{paragraphs[len(paragraphs) // 2].pk}-text"] = changed
    return data


def time_editor(samples: int = SAMPLES) -> dict[str, float]:
    """The editor page's bytes and time, and the autosave's p95 and median (ms)."""
    secretary = User.objects.get(username="sekreterare")
    with override_settings(DEBUG=False), transaction.atomic():
        protocol = _long_protocol()
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(secretary)
        url = f"/protokoll/{protocol.pk}/utkast/"
        page = client.get(url)
        if page.status_code != 200:
            raise RuntimeError(f"{url} svarade {page.status_code}.")
        page_times = []
        for _ in range(5):
            start = time.perf_counter()
            client.get(url)
            page_times.append((time.perf_counter() - start) * 1000)
        autosave_url = f"/protokoll/{protocol.pk}/utkast/autospara/"
        times = []
        for n in range(samples + 1):
            protocol.refresh_from_db()
            data = _form(protocol, f"{FILLER}Ändring {n}.")
            start = time.perf_counter()
            response = client.post(autosave_url, data)
            elapsed = (time.perf_counter() - start) * 1000
            if response.status_code != 200:
                raise RuntimeError(f"{autosave_url} svarade {response.status_code}.")
            if n:  # the first warms up
                times.append(elapsed)
        transaction.set_rollback(True)
    times.sort()
    return {
        "paragraphs": PARAGRAPHS,
        "bytes": len(page.content),
        "page_ms": statistics.median(page_times),
        "autosave_p95": times[max(0, round(0.95 * len(times)) - 1)],
        "autosave_median": statistics.median(times),
        "samples": samples,
    }
