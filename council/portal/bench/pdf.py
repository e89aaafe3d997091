"""The PDFs under load: a PDF fetched over 64 connections, the start page beside it.

The reviewer's case: many anonymous readers fetch the kallelse or the plan as a
PDF at once, and the rest of the portal must still answer. For each PDF, wrk
loads it with PDF_CONNECTIONS connections while a second wrk loads `/` with
HOME_CONNECTIONS at the same time; both figures are printed, and the target is
`/` under TARGET_HOME_P99_MS at the 99th percentile. Each PDF is loaded twice:
as an anonymous visitor (served from the page cache after the first request, as
in production) and with a session cookie that no session matches, which passes
by the page cache, so every request goes through the view and reads the stored
file (council/pdf_store.py). The first request of each PDF, which renders it, is
timed on its own before the load.
"""

from __future__ import annotations

import re
import subprocess
import time
import urllib.request
from dataclasses import dataclass

from meetings.models import Meeting
from plans.models import AnnualPlan

PDF_CONNECTIONS = 64
HOME_CONNECTIONS = 4
TARGET_HOME_P99_MS = 50.0
# A cookie that makes the page cache step aside (no session matches it).
BYPASS_COOKIE = "sessionid=bench-bypasses-the-page-cache"


def parse_wrk(output: str) -> tuple[float, float]:
    """Requests/sec and the 99th percentile in ms from `wrk --latency`."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    value, unit = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    return rps, float(value) * scale


def timeouts(output: str) -> int:
    """Requests wrk gave up on (its default timeout is 2 s)."""
    found = re.search(r"Socket errors:.*timeout (\d+)", output)
    return int(found.group(1)) if found else 0


def wrk_command(
    url: str, *, connections: int, seconds: int, cookie: str = ""
) -> list[str]:
    threads = 2 if connections >= 2 else 1
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    return [*command, "--latency", url]


@dataclass(frozen=True)
class PdfLoad:
    label: str
    first_ms: float  # the first request: renders and stores the PDF
    pdf_rps: float
    pdf_p99: float
    home_rps: float
    home_p99: float
    errors: str  # wrk's "Non-2xx" lines, if any
    pdf_timeouts: int = 0
    home_timeouts: int = 0
    judged: bool = True  # False for the comparison row of the bare page

    @property
    def met(self) -> bool:
        """`/` answered in time, every time, and at least once a second on each
        of its connections (a stalled `/` shows few, fast answers)."""
        return (
            not self.errors
            and self.home_rps >= HOME_CONNECTIONS
            and self.home_timeouts == 0
            and self.home_p99 < TARGET_HOME_P99_MS
        )


def pdf_paths() -> list[tuple[str, str]]:
    """The newest public kallelse and the newest published plan, as paths."""
    meeting = (
        Meeting.objects.filter(notice_sent_at__isnull=False)
        .exclude(state=Meeting.State.CANCELLED)
        .filter(body__is_active=True)
        .order_by("-starts_at")
        .first()
    )
    plan = (
        AnnualPlan.objects.filter(AnnualPlan.public_q())
        .select_related("body")
        .order_by("-year", "-version")
        .first()
    )
    paths = []
    if meeting is not None:
        paths.append(("kallelse.pdf", f"/moten/{meeting.pk}/kallelse.pdf"))
    if plan is not None:
        paths.append(("planens PDF", f"/planer/{plan.body.slug}/{plan.year}/pdf/"))
    return paths


def first_fetch_ms(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        response.read()
    return (time.perf_counter() - start) * 1000


def load_beside(
    base: str,
    label: str,
    path: str,
    *,
    seconds: int,
    bypass: bool = False,
    judged: bool = True,
) -> PdfLoad:
    """wrk on the PDF and on `/` at the same time; the PDF's first fetch is
    timed first (it renders unless an earlier run stored it)."""
    cookie = BYPASS_COOKIE if bypass else ""
    first_ms = first_fetch_ms(base + path)
    pdf = subprocess.Popen(
        wrk_command(
            base + path, connections=PDF_CONNECTIONS, seconds=seconds, cookie=cookie
        ),
        stdout=subprocess.PIPE,
        text=True,
    )
    home = subprocess.Popen(
        wrk_command(base + "/", connections=HOME_CONNECTIONS, seconds=seconds),
        stdout=subprocess.PIPE,
        text=True,
    )
    pdf_out, _ = pdf.communicate(timeout=seconds + 60)
    home_out, _ = home.communicate(timeout=seconds + 60)
    errors = "\n".join(
        line for line in (pdf_out + home_out).splitlines() if "Non-2xx" in line
    )
    pdf_rps, pdf_p99 = parse_wrk(pdf_out)
    home_rps, home_p99 = parse_wrk(home_out)
    return PdfLoad(
        label=label + (" (förbi sidcachen)" if bypass else ""),
        first_ms=first_ms,
        pdf_rps=pdf_rps,
        pdf_p99=pdf_p99,
        home_rps=home_rps,
        home_p99=home_p99,
        errors=errors,
        pdf_timeouts=timeouts(pdf_out),
        home_timeouts=timeouts(home_out),
        judged=judged,
    )


def load_all(base: str, *, seconds: int) -> list[PdfLoad]:
    """The bare page in the PDF's place first (what `/` can do beside 64
    connections of the cheapest page of this server, on this machine now), then
    each PDF, as a visitor and past the page cache."""
    loads = [
        load_beside(
            base,
            "/halsa/ i stället (jämförelse)",
            "/halsa/",
            seconds=seconds,
            judged=False,
        )
    ]
    for label, path in pdf_paths():
        for bypass in (False, True):
            loads.append(load_beside(base, label, path, seconds=seconds, bypass=bypass))
    return loads


def report_lines(loads: list[PdfLoad]) -> list[str]:
    lines = [
        f"\nPDF under {PDF_CONNECTIONS} anslutningar, / samtidigt med "
        f"{HOME_CONNECTIONS} anslutningar",
        f"{'PDF':<34} {'req/s':>8} {'p99 ms':>8} {'timeout':>8} {'första ms':>10} "
        f"{'/ req/s':>8} {'/ p99 ms':>9} {'/ timeout':>10}  mål",
    ]
    for load in loads:
        lines.append(
            f"{load.label:<34} {load.pdf_rps:>8.0f} {load.pdf_p99:>8.1f} "
            f"{load.pdf_timeouts:>8} {load.first_ms:>10.0f} {load.home_rps:>8.0f} "
            f"{load.home_p99:>9.1f} {load.home_timeouts:>10}  "
            f"{('ok' if load.met else 'MISSAR') if load.judged else '–'}"
        )
        if load.errors:
            lines.append(f"  fel under lasten: {load.errors.strip()}")
    lines.append(
        f"mål: / under {TARGET_HOME_P99_MS:.0f} ms p99 (utan tidsgränser, minst "
        f"{HOME_CONNECTIONS} svar/s) medan {PDF_CONNECTIONS} anslutningar hämtar en PDF"
    )
    return lines
