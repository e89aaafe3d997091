"""Shared fixtures: Debian's Chromium for the browser tests (Playwright), a staff
client for the admin, and the static files as production collects them."""

import os
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.templatetags.static import static
from django.test import override_settings

from council.models import User
from council.pdf import pdf_rendered
from tests import factories

# pytest-django's live_server runs in a thread beside Playwright's event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = (
    os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
)


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return {
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "sv-SE"}


@pytest.fixture(autouse=True)
def own_media(settings, tmp_path_factory):
    """Each test stores its uploads and rendered PDFs apart, so a PDF a test asks
    for is rendered in that test (council/pdf_store.py keeps them by content)."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture
def renders() -> Iterator[list[str]]:
    """The titles of the PDFs WeasyPrint lays out during the test, in order
    (council.pdf.pdf_rendered), from any thread."""
    titles: list[str] = []
    guard = threading.Lock()

    def count(sender, title: str, **kwargs) -> None:
        with guard:
            titles.append(title)

    pdf_rendered.connect(count, weak=False, dispatch_uid="tests-renders")
    yield titles
    pdf_rendered.disconnect(dispatch_uid="tests-renders")


def at_once(count: int, work: Callable[[], Any]) -> list[Any]:
    """Run `work` in `count` threads that start together; their results. Each
    thread has its own database connection, closed when it is done."""
    start = threading.Barrier(count)
    results: list[Any] = [None] * count
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            start.wait()
            results[index] = work()
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return results


@pytest.fixture(autouse=True)
def _empty_default_cache():
    """Each test starts with an empty default cache (counts of the rate limits)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def demo_data(db):
    """The demo data from the seeds, as `make run` loads it."""
    from django.core.management import call_command

    call_command("load_demo", allow_production=True, verbosity=0)


@pytest.fixture
def superuser(db) -> User:
    return factories.SuperUserFactory()


@pytest.fixture
def staff_client(client, superuser):
    client.force_login(superuser)
    return client


PRODUCTION_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory) -> Path:
    """The static files as `collectstatic` leaves them for production."""
    root = tmp_path_factory.mktemp("staticfiles")
    with override_settings(
        STATIC_ROOT=root,
        STORAGES={**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTION_STORAGE}},
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
    assert (root / "staticfiles.json").exists()
    return root


@pytest.fixture
def production(collected_static) -> Callable[[Callable[[], Any]], Any]:
    """Run a callable as production does: DEBUG off, the manifest storage."""

    def run(work: Callable[[], Any]) -> Any:
        with override_settings(
            DEBUG=False,
            STATIC_ROOT=collected_static,
            STORAGES={
                **settings.STORAGES,
                "staticfiles": {"BACKEND": PRODUCTION_STORAGE},
            },
        ):
            # The templates really get the hashed name, as in production.
            assert re.fullmatch(
                r"/static/css/pdf\.[0-9a-f]{12}\.css", static("css/pdf.css")
            )
            return work()

    return run
