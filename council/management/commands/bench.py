"""Measure the public pages under load, against a bare page of the same server.

Starts gunicorn (2 workers) on this database, loads each page with wrk (32
connections, a fixed time) and prints requests per second, p99 latency and each
page's throughput as a share of the bare page's. Targets: at least 0.5 of the
baseline, p99 under 50 ms, a search query under 30 ms in the server.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from council.search import search
from meetings.models import Protocol

TARGET_RATIO = 0.5
TARGET_P99_MS = 50.0
TARGET_SEARCH_MS = 30.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def parse_wrk(output: str) -> tuple[float, float]:
    """Requests/sec and the 99th percentile in ms from `wrk --latency`."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    value, unit = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    return rps, float(value) * scale


class Command(BaseCommand):
    help = "Mäter de publika sidorna under last (make bench)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--seconds", type=int, default=10)
        parser.add_argument("--connections", type=int, default=32)

    def handle(self, *args, **options) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("make bench mäter mot PostgreSQL: sätt DATABASE_URL.")
        if not shutil.which("wrk"):
            raise CommandError("wrk saknas: apt-get install wrk")
        protocol = (
            Protocol.objects.filter(state=Protocol.State.PUBLISHED)
            .order_by("-meeting__starts_at")
            .first()
        )
        if protocol is None:
            raise CommandError("Ingen testdata: kör manage.py bench_data först.")
        pages = [
            ("baslinje /halsa/", "/halsa/"),
            ("/", "/"),
            ("/protokoll/", "/protokoll/"),
            (f"/protokoll/{protocol.pk}/", f"/protokoll/{protocol.pk}/"),
            ("/sok/?q=kompetensförsörjning", "/sok/?q=kompetensf%C3%B6rs%C3%B6rjning"),
            ("/api/oparl/v1.1/meeting", "/api/oparl/v1.1/meeting"),
        ]
        search_ms = self.time_search()
        port = free_port()
        static_root = tempfile.mkdtemp(prefix="samverkan-bench-static-")
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "council.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": os.environ.get(
                "DJANGO_SECRET_KEY", "bench-" + "x" * 50
            ),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_COOKIES": "0",
            "DJANGO_HSTS_SECONDS": "0",
            "STATIC_ROOT": static_root,
            "LOG_LEVEL": "WARNING",
        }
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            env=env,
            check=True,
        )
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "council.wsgi",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            env=env,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            self.wait_for(base + "/halsa/")
            for _label, path in pages:  # warm the workers and their connections
                for _ in range(5):
                    urllib.request.urlopen(base + path, timeout=10).read()
            results = []
            for label, path in pages:
                output = subprocess.run(
                    [
                        "wrk",
                        "-t2",
                        f"-c{options['connections']}",
                        f"-d{options['seconds']}s",
                        "--latency",
                        base + path,
                    ],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                if "Non-2xx" in output:
                    raise CommandError(
                        f"{label} svarade med fel under lasten:\n{output}"
                    )
                results.append((label, *parse_wrk(output)))
        finally:
            server.terminate()
            server.wait(timeout=10)
            shutil.rmtree(static_root, ignore_errors=True)
        self.report(results, search_ms, options)

    def wait_for(self, url: str) -> None:
        for _ in range(100):
            try:
                urllib.request.urlopen(url, timeout=1).read()
                return
            except OSError:
                time.sleep(0.1)
        raise CommandError("gunicorn startade inte.")

    def time_search(self) -> float:
        search("kompetensförsörjning")
        samples = []
        for _ in range(20):
            start = time.perf_counter()
            search("kompetensförsörjning")
            samples.append((time.perf_counter() - start) * 1000)
        return statistics.median(samples)

    def report(self, results, search_ms: float, options) -> None:
        baseline = results[0][1]
        ok = search_ms < TARGET_SEARCH_MS
        self.stdout.write(
            f"\ngunicorn 2 arbetare, wrk {options['connections']} anslutningar, "
            f"{options['seconds']} s per sida, PostgreSQL {connection.settings_dict['NAME']}\n"
        )
        self.stdout.write(f"{'sida':<34} {'req/s':>8} {'p99 ms':>8} {'andel':>6}  mål")
        for label, rps, p99 in results:
            ratio = rps / baseline
            passed = (
                ratio >= TARGET_RATIO or label == results[0][0]
            ) and p99 < TARGET_P99_MS
            ok = ok and passed
            self.stdout.write(
                f"{label:<34} {rps:>8.0f} {p99:>8.1f} {ratio:>6.2f}  {'ok' if passed else 'MISSAR'}"
            )
        self.stdout.write(
            f"sökfråga i servern (median av 20): {search_ms:.1f} ms  "
            f"{'ok' if search_ms < TARGET_SEARCH_MS else 'MISSAR'}"
        )
        self.stdout.write(
            f"mål: minst {TARGET_RATIO} av baslinjen, p99 under {TARGET_P99_MS:.0f} ms, "
            f"sökning under {TARGET_SEARCH_MS:.0f} ms\n"
        )
        if not ok:
            raise CommandError("Minst ett mål missades.")
