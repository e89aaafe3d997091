"""Shared fixtures: Debian's Chromium for the browser tests (Playwright), a staff
client for the admin, and the static files as production collects them."""

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.templatetags.static import static
from django.test import override_settings

from council.models import User
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
def _empty_default_cache():
    """Each test starts with an empty default cache (counts of the rate limits)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def demo_data(db):
    """The demo data from the seeds, as `make run` loads it."""
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)


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
