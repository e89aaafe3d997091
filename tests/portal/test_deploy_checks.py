"""The demo never reaches production unnoticed: `load_demo` refuses with DEBUG
off unless told, and `check --deploy` fails while its users exist."""

from __future__ import annotations

import pytest
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import CommandError, SystemCheckError

from council.models import User
from council.signing import authority as authority_module
from council.signing import tsa as tsa_module


@pytest.fixture
def production(settings, db, monkeypatch, tmp_path):
    """DEBUG off with a proper CA and key, so only the demo can fail the check."""
    settings.DEBUG = False
    # Set for the browser tests' event loop; Django's own deploy check refuses it.
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)
    path = tmp_path / "ca.p12"
    path.write_bytes(
        authority_module.authority_pkcs12(
            authority_module.generate_authority("Region signerings-CA"), "hemligt"
        )
    )
    settings.SIGNING_CA_PKCS12 = str(path)
    settings.SIGNING_CA_PASSPHRASE = "hemligt"
    authority_module.signing_authority.cache_clear()
    tsa_path = tmp_path / "tsa.p12"
    tsa_path.write_bytes(
        tsa_module.tsa_pkcs12(
            tsa_module.issue_tsa(authority_module.signing_authority()), "hemligt"
        )
    )
    settings.SIGNING_TSA_PKCS12 = str(tsa_path)
    settings.SIGNING_TSA_PASSPHRASE = "hemligt"
    settings.SIGNING_TSA_URL = ""
    settings.SITE_URL = "https://samverkan.example.se"
    settings.SECRET_KEY = "a-random-key-" + "q7Zx" * 12
    yield
    authority_module.signing_authority.cache_clear()


def test_load_demo_refuses_with_debug_off(production):
    """Without the flag nothing is loaded and the message says why and how."""
    with pytest.raises(CommandError) as refused:
        call_command("load_demo", verbosity=0)
    assert "DJANGO_DEBUG är av" in str(refused.value)
    assert "--allow-production" in str(refused.value)
    assert not User.objects.exists()


def test_load_demo_runs_with_debug_on(production, settings):
    """Development (`make run`) needs no flag."""
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    assert User.objects.filter(username="admin", is_superuser=True).exists()


def test_demo_users_fail_the_deploy_check(production):
    """Loaded with --allow-production, the demo users fail `check --deploy`."""
    call_command("load_demo", allow_production=True, verbosity=0)
    assert User.objects.filter(username="admin", is_superuser=True).exists()
    with pytest.raises(SystemCheckError, match=r"portal\.E001.*admin"):
        call_command("check", deploy=True)


def test_deactivated_or_reclaimed_demo_names_pass(production, settings):
    """A deactivated demo user, or a real account that happens to be called
    "admin" with its own password and address, passes."""
    call_command("load_demo", allow_production=True, verbosity=0)
    User.objects.exclude(username="admin").update(is_active=False)
    admin = User.objects.get(username="admin")
    admin.email = "it@region.example.se"
    admin.set_password("ett eget lösenord för drift")
    admin.save()
    ids = {issue.id for issue in run_checks(include_deployment_checks=True)}
    assert "portal.E001" not in ids
    call_command("check", deploy=True)


def test_clean_database_passes(production):
    """No demo users: the check has nothing to say."""
    call_command("check", deploy=True)
