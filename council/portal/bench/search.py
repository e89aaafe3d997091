"""Timing the search: the words readers type, on this database and on the
embedded default with the demo data.

Each query is run in this process with DEBUG off and timed as the median of
`SAMPLES` runs (the names, the counts and the page, and the page's texts). On
PostgreSQL that is the ten-year bench data; `time_on_sqlite` makes a fresh
SQLite database beside it, loads the demo data (`make run`'s) and times the same
queries there, in a process of its own.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.test.utils import override_settings

from council.portal.search import search

TARGET_MS = 30.0
SAMPLES = 20
QUERIES = (
    "kompetensförsörjning",
    "handlingsplaner",
    "FÖRSLAG",
    "yrkesmässan",
    "Lejgren",
    "Ingmar Ångman",
    "överenskommelse om samverkan",
)


def time_queries() -> dict[str, float]:
    """Each query's median time in ms, in this process, on this database."""
    timings = {}
    with override_settings(DEBUG=False):
        for query in QUERIES:
            search(query)  # once first: the compiled query, the stemmer's memory
            runs = []
            for _ in range(SAMPLES):
                start = time.perf_counter()
                results = search(query)
                list(results.page.object_list)
                runs.append((time.perf_counter() - start) * 1000)
            timings[query] = statistics.median(runs)
    return timings


def time_on_sqlite() -> dict[str, float]:
    """The same queries on a new SQLite database with the demo data."""
    with tempfile.TemporaryDirectory(prefix="samverkan-bench-sqlite-") as folder:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{Path(folder) / 'demo.sqlite3'}",
            "DJANGO_DEBUG": "1",
        }
        manage = [sys.executable, "manage.py"]
        for step in (["migrate", "--noinput", "-v0"], ["load_demo"]):
            subprocess.run(manage + step, env=env, check=True, capture_output=True)
        done = subprocess.run(
            [*manage, "bench", "--search-here"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        return json.loads(done.stdout)
