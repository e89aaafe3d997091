"""Shared fixtures. Browser tests drive Debian's Chromium through Playwright."""

import os
import shutil

import pytest

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


@pytest.fixture
def demo_data(db):
    """The demo data from the seeds, as `make run` loads it."""
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
