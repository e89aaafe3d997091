"""The pieces of make bench that run without load: the baseline page, the parser."""

import pytest

from council.portal.management.commands.bench import parse_wrk

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8000/
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     7.01ms    2.10ms  40.12ms   80.00%
  Latency Distribution
     50%    6.80ms
     75%    7.90ms
     90%    9.10ms
     99%   12.40ms
  45161 requests in 10.00s, 50.00MB read
Requests/sec:   4516.10
Transfer/sec:      5.00MB
"""


def test_parse_wrk_reads_throughput_and_p99():
    assert parse_wrk(WRK_OUTPUT) == (4516.10, 12.40)
    assert parse_wrk(WRK_OUTPUT.replace("12.40ms", "1.20s"))[1] == 1200.0
    assert parse_wrk(WRK_OUTPUT.replace("12.40ms", "850.00us"))[1] == pytest.approx(
        0.85
    )


def test_health_page_uses_no_database(client, db, django_assert_num_queries):
    """The baseline page answers without touching the database."""
    with django_assert_num_queries(0):
        response = client.get("/halsa/")
    assert response.status_code == 200
    assert "I drift" in response.content.decode()


def test_in_process_timings_render_without_the_page_cache(db, settings):
    """Search, each page uncached and the generation read are timed in-process."""
    from council.portal.management.commands.bench import Command

    settings.PUBLIC_CACHE_SECONDS = 60
    search_ms, uncached, generation_us = Command().time_in_process(
        [("baslinje /halsa/", "/halsa/"), ("/", "/")]
    )
    assert search_ms >= 0 and generation_us > 0
    assert set(uncached) == {"baslinje /halsa/", "/"}
    assert all(ms > 0 for ms in uncached.values())


def test_report_marks_missed_targets_and_uncached_pages():
    """The table shows each page's share, whether it was cached and its miss time."""
    import io

    from django.core.management.base import CommandError

    from council.portal.management.commands.bench import Command

    command = Command(stdout=io.StringIO())
    results = [
        ("baslinje /halsa/", 4000.0, 12.0, False),
        ("/", 3900.0, 14.0, True),
        ("/sok/", 1000.0, 80.0, False),
    ]
    uncached = {"baslinje /halsa/": 1.0, "/": 20.0, "/sok/": 40.0}
    with pytest.raises(CommandError):
        command.report(
            results, 25.0, uncached, 15.0, {"connections": 32, "seconds": 10}
        )
    lines = command.stdout.getvalue().splitlines()
    (home,) = [line for line in lines if line.startswith("/ ")]
    (search,) = [line for line in lines if line.startswith("/sok/")]
    assert home.split()[-3:] == ["ja", "20.0", "ok"]
    assert search.split()[-3:] == ["nej", "40.0", "MISSAR"]
    assert any("15.0 µs" in line for line in lines)


def test_the_higher_baseline_run_is_the_yardstick():
    """The baseline runs first and last; shares are of the faster run."""
    import io

    from council.portal.management.commands.bench import Command

    command = Command(stdout=io.StringIO())
    results = [
        ("baslinje /halsa/", 1000.0, 12.0, False),
        ("/", 1500.0, 14.0, True),
        ("baslinje /halsa/ (igen)", 2000.0, 12.0, False),
    ]
    uncached = dict.fromkeys([row[0] for row in results], 1.0)
    command.report(results, 5.0, uncached, 15.0, {"connections": 32, "seconds": 10})
    (home,) = [
        line for line in command.stdout.getvalue().splitlines() if line[:2] == "/ "
    ]
    assert home.split()[3] == "0.75"


def test_report_shows_the_signing_time_against_its_target():
    """The signed PDF's time, last justering to stored file, is judged at 1.5 s."""
    import io

    from django.core.management.base import CommandError

    from council.portal.management.commands.bench import Command

    results = [("baslinje /halsa/", 1000.0, 12.0, False), ("/", 1500.0, 14.0, True)]
    uncached = dict.fromkeys([row[0] for row in results], 1.0)
    options = {"connections": 32, "seconds": 10}
    quick = {"median": 0.49, "worst": 0.6, "paragraphs": 14, "bytes": 91_000}
    command = Command(stdout=io.StringIO())
    command.report(results, 5.0, uncached, 15.0, options, signing=quick)
    (line,) = [
        line
        for line in command.stdout.getvalue().splitlines()
        if "lagrad signerad" in line
    ]
    assert "14 §§" in line and "0.49 s" in line and line.endswith("ok")
    slow = {**quick, "worst": 2.0}
    command = Command(stdout=io.StringIO())
    with pytest.raises(CommandError):
        command.report(results, 5.0, uncached, 15.0, options, signing=slow)
    assert "MISSAR" in command.stdout.getvalue()


def test_pdf_loads_are_judged_by_the_start_page_beside_them():
    """A PDF row is met when `/`, loaded at the same time, stays under 50 ms p99."""
    from council.portal.bench.pdf import PdfLoad, report_lines

    fast = PdfLoad("kallelse.pdf", 900.0, 3000.0, 30.0, 400.0, 12.0, "")
    slow = PdfLoad("planens PDF", 1500.0, 26.0, 2000.0, 3.0, 2500.0, "")
    failing = PdfLoad("kallelse.pdf", 900.0, 3000.0, 30.0, 400.0, 12.0, "Non-2xx")
    starved = PdfLoad("kallelse.pdf", 59.0, 9.0, 1830.0, 0.0, 0.0, "", 0, 40)
    assert fast.met and not slow.met and not failing.met and not starved.met
    control = PdfLoad("/halsa/", 1.0, 3000.0, 30.0, 3.0, 90.0, "", judged=False)
    lines = report_lines([control, fast, slow])
    assert lines[2].split()[-1] == "–"
    assert lines[3].split()[-1] == "ok"
    assert lines[4].split()[-1] == "MISSAR"
    assert "64 anslutningar hämtar en PDF" in lines[-1]


def test_wrk_timeouts_are_counted():
    from council.portal.bench.pdf import timeouts

    assert timeouts(WRK_OUTPUT) == 0
    starved = WRK_OUTPUT + "  Socket errors: connect 0, read 0, write 0, timeout 739\n"
    assert timeouts(starved) == 739


def test_pdf_paths_are_a_called_meeting_and_a_published_plan(db):
    from council.portal.bench.pdf import BYPASS_COOKIE, pdf_paths, wrk_command
    from meetings.models import Meeting
    from plans.models import AnnualPlan
    from tests.factories import AnnualPlanFactory, MeetingFactory

    assert pdf_paths() == []
    meeting = MeetingFactory(notice_sent_at="2026-01-01T09:00Z")
    plan = AnnualPlanFactory(year=2026, state=AnnualPlan.State.PUBLISHED)
    assert Meeting.objects.count() == 1
    assert pdf_paths() == [
        ("kallelse.pdf", f"/moten/{meeting.pk}/kallelse.pdf"),
        ("planens PDF", f"/planer/{plan.body.slug}/2026/pdf/"),
    ]
    command = wrk_command("http://x/", connections=64, seconds=5, cookie=BYPASS_COOKIE)
    assert command[:4] == ["wrk", "-t2", "-c64", "-d5s"]
    assert f"Cookie: {BYPASS_COOKIE}" in command


def test_report_judges_each_years_archive_package_at_five_seconds():
    """The yearly delivery to the e-archive: each year's package, first and
    second export, under 5 s; a slow first export is a missed target."""
    import io

    from django.core.management.base import CommandError

    from council.portal.management.commands.bench import Command

    results = [("baslinje /halsa/", 1000.0, 12.0, False), ("/", 1500.0, 14.0, True)]
    uncached = dict.fromkeys([row[0] for row in results], 1.0)
    options = {"connections": 32, "seconds": 10}
    year = {
        "year": 2018,
        "cold": 1.4,
        "warm": 1.1,
        "size": 1_285_000,
        "representations": 14,
        "body": "SSR",
    }
    command = Command(stdout=io.StringIO())
    command.report(results, 5.0, uncached, 15.0, options, earkiv=[year])
    (line,) = [
        line
        for line in command.stdout.getvalue().splitlines()
        if line.startswith("arkivpaket ")
    ]
    assert "SSR 2018" in line and "14 representationer" in line
    assert "1.40 s" in line and line.endswith("ok")
    command = Command(stdout=io.StringIO())
    with pytest.raises(CommandError):
        command.report(
            results, 5.0, uncached, 15.0, options, earkiv=[{**year, "cold": 6.2}]
        )
    assert "MISSAR" in command.stdout.getvalue()
