"""The environment decides the database; production refuses an unsafe start."""

import os
import subprocess
import sys

import pytest

from council.settings import database_config


def test_sqlite_by_default(monkeypatch):
    """Without DATABASE_URL or POSTGRES_* the portal uses a SQLite file."""
    for name in ["DATABASE_URL", "POSTGRES_DB"]:
        monkeypatch.delenv(name, raising=False)
    assert database_config()["ENGINE"] == "django.db.backends.sqlite3"


def test_database_url_gives_postgresql_with_persistent_connections(monkeypatch):
    """DATABASE_URL selects PostgreSQL and keeps connections open."""
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db.example:5433/portal")
    config = database_config()
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["HOST"], config["PORT"]) == (
        "portal",
        "db.example",
        5433,
    )
    assert config["CONN_MAX_AGE"] == 600


def test_postgres_variables_give_postgresql(monkeypatch):
    """POSTGRES_* work as an alternative to DATABASE_URL."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("POSTGRES_DB", "portal")
    monkeypatch.setenv("POSTGRES_USER", "samverkan")
    monkeypatch.setenv("POSTGRES_PASSWORD", "hemligt")
    config = database_config()
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["USER"], config["PASSWORD"]) == (
        "portal",
        "samverkan",
        "hemligt",
    )


def test_swedish_language_and_time_zone(settings):
    assert settings.LANGUAGE_CODE == "sv"
    assert settings.TIME_ZONE == "Europe/Stockholm"
    assert settings.USE_TZ


@pytest.mark.parametrize("debug", ["", "0"])
def test_refuses_to_start_without_secret_key_outside_debug(debug):
    """Outside DEBUG the settings refuse to load without a secret key."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    env["DJANGO_DEBUG"] = debug
    env["DJANGO_SETTINGS_MODULE"] = "council.settings"
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr
