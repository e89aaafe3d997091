"""`manage.py check --deploy` refuses what production must not run on: the
generated test CA, a CA that cannot be read, a published secret key. And the
`signing_ca` command that gives an operator a CA of their own."""

from __future__ import annotations

import pytest
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import CommandError, SystemCheckError

from council.signing import authority as authority_module

PASSPHRASE = "en lång lösenfras för test"


def deploy_issue_ids() -> set[str]:
    return {issue.id for issue in run_checks(include_deployment_checks=True)}


@pytest.fixture
def proper_ca(settings, tmp_path, monkeypatch):
    """A CA made as an operator makes it, given in settings."""
    path = tmp_path / "ca" / "signing-ca.p12"
    monkeypatch.setenv("SIGNING_CA_PASSPHRASE", PASSPHRASE)
    call_command("signing_ca", "create", "--out", str(path), verbosity=0)
    settings.SIGNING_CA_PKCS12 = str(path)
    settings.SIGNING_CA_PASSPHRASE = PASSPHRASE
    authority_module.signing_authority.cache_clear()
    tsa_path = tmp_path / "ca" / "tsa.p12"
    monkeypatch.setenv("SIGNING_TSA_PASSPHRASE", PASSPHRASE)
    call_command("signing_tsa", "create", "--out", str(tsa_path), verbosity=0)
    settings.SIGNING_TSA_PKCS12 = str(tsa_path)
    settings.SIGNING_TSA_PASSPHRASE = PASSPHRASE
    yield path
    authority_module.signing_authority.cache_clear()


@pytest.fixture
def production(settings, db, monkeypatch):
    settings.DEBUG = False
    # Set for the browser tests' event loop; Django's own deploy check refuses it.
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)
    settings.SIGNING_CA_PKCS12 = ""
    settings.SIGNING_TSA_PKCS12 = ""
    settings.SIGNING_TSA_URL = ""
    settings.SECRET_KEY = "a-random-key-" + "q7Zx" * 12
    settings.SITE_URL = "https://samverkan.example.se"


def test_generated_test_ca_fails_the_deploy_check(production):
    """DEBUG off and no SIGNING_CA_PKCS12: the test CA would sign, so it fails."""
    with pytest.raises(SystemCheckError, match=r"council\.E001"):
        call_command("check", deploy=True)


def test_test_ca_passes_under_debug(production, settings):
    """With DEBUG on the test CA is what development signs with."""
    settings.DEBUG = True
    assert "council.E001" not in deploy_issue_ids()


def test_proper_ca_passes_the_deploy_check(production, proper_ca):
    """A CA created with `signing_ca create` and given in settings passes."""
    call_command("check", deploy=True)
    assert not {i for i in deploy_issue_ids() if i.startswith(("council.", "portal."))}


def test_unreadable_ca_fails_the_deploy_check(production, proper_ca, settings):
    """A wrong passphrase is found by the check, not by the first signer."""
    settings.SIGNING_CA_PASSPHRASE = "fel"
    with pytest.raises(SystemCheckError, match=r"council\.E002"):
        call_command("check", deploy=True)


def test_copy_of_the_test_ca_fails_the_deploy_check(production, settings, tmp_path):
    """The development CA given as SIGNING_CA_PKCS12 is still the test CA."""
    test_ca = authority_module.generate_authority(
        authority_module.TEST_CA_NAME, is_test=True
    )
    path = tmp_path / "test-ca.p12"
    path.write_bytes(authority_module.authority_pkcs12(test_ca, "x"))
    settings.SIGNING_CA_PKCS12 = str(path)
    settings.SIGNING_CA_PASSPHRASE = "x"
    with pytest.raises(SystemCheckError, match=r"council\.E003"):
        call_command("check", deploy=True)


@pytest.mark.parametrize(
    "key",
    [
        "change-me-to-50-random-characters",
        "insecure-development-key-only-for-debug",
        "django-insecure-" + "k3" * 25,
    ],
)
def test_published_secret_key_fails_the_deploy_check(
    production, proper_ca, settings, key
):
    """The example key of .env.example, the settings' DEBUG fallback and a key
    startproject wrote all fail."""
    settings.SECRET_KEY = key
    with pytest.raises(SystemCheckError, match=r"council\.E004"):
        call_command("check", deploy=True)


def test_signing_ca_create_gives_an_encrypted_ca_the_portal_signs_with(
    proper_ca, settings
):
    """The file needs the passphrase, is readable only by its owner, and becomes
    the portal's (non-test) signing CA."""
    assert proper_ca.stat().st_mode & 0o077 == 0
    with pytest.raises(authority_module.SigningError):
        authority_module.load_authority(proper_ca, "")
    authority_module.signing_authority.cache_clear()
    try:
        authority = authority_module.signing_authority()
    finally:
        authority_module.signing_authority.cache_clear()
    assert not authority.is_test
    assert "signerings-CA" in authority.certificate.subject.rfc4514_string()


def test_signing_ca_create_never_overwrites(proper_ca):
    """An existing CA file is left as it was."""
    before = proper_ca.read_bytes()
    with pytest.raises(CommandError, match="finns redan"):
        call_command("signing_ca", "create", "--out", str(proper_ca))
    assert proper_ca.read_bytes() == before


def test_signing_ca_create_needs_a_passphrase(tmp_path, monkeypatch):
    """Without SIGNING_CA_PASSPHRASE and no terminal to ask, nothing is written."""
    monkeypatch.delenv("SIGNING_CA_PASSPHRASE", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    with pytest.raises(CommandError, match="SIGNING_CA_PASSPHRASE"):
        call_command("signing_ca", "create", "--out", str(tmp_path / "ca.p12"))
    assert not (tmp_path / "ca.p12").exists()


def test_signing_ca_show_names_the_ca_in_use(proper_ca):
    """`show` gives the configured CA's name and SHA-256 fingerprint."""
    from io import StringIO

    from council.management.commands.signing_ca import fingerprint

    out = StringIO()
    authority_module.signing_authority.cache_clear()
    try:
        call_command("signing_ca", "show", stdout=out)
        expected = fingerprint(authority_module.signing_authority())
    finally:
        authority_module.signing_authority.cache_clear()
    assert str(proper_ca) in out.getvalue()
    assert expected in out.getvalue()
    assert "test-CA" not in out.getvalue()


def test_signing_ca_show_makes_no_test_ca(settings, tmp_path):
    """Without a CA, `show` says so and creates none."""
    settings.SIGNING_CA_PKCS12 = ""
    settings.SIGNING_DEV_CA_DIR = tmp_path / "test-ca"
    with pytest.raises(CommandError, match="Inget CA"):
        call_command("signing_ca", "show")
    assert not settings.SIGNING_DEV_CA_DIR.exists()


def test_a_missing_timestamping_authority_fails_the_deploy_check(
    production, proper_ca, settings
):
    """Without SIGNING_TSA_PKCS12 or SIGNING_TSA_URL signatures would have no
    timestamp: the check says so; a wrong passphrase is found too."""
    settings.SIGNING_TSA_PKCS12 = ""
    assert "council.E004" in deploy_issue_ids()
    settings.SIGNING_TSA_URL = "https://tsa.example.se/"
    assert "council.E004" not in deploy_issue_ids()
    settings.SIGNING_TSA_URL = ""
    settings.SIGNING_TSA_PKCS12 = str(proper_ca.parent / "tsa.p12")
    settings.SIGNING_TSA_PASSPHRASE = "fel"
    assert "council.E005" in deploy_issue_ids()


def test_a_real_ca_never_gets_a_timestamping_authority_on_the_fly(
    production, proper_ca, settings
):
    """Signing under the council's CA with no TSA configured is refused with a
    clear message, and no key is made."""
    from council.signing import SigningError
    from council.signing.tsa import timestamping_authority

    settings.SIGNING_TSA_PKCS12 = ""
    with pytest.raises(SigningError, match="signing_tsa create"):
        timestamping_authority()


def test_signing_tsa_shows_the_authority_in_use_and_never_overwrites(
    production, proper_ca, capsys
):
    """`signing_tsa show` names the timestamping authority and its CA; `create`
    refuses a file that exists."""
    call_command("signing_tsa", "show")
    out = capsys.readouterr().out
    assert "tidsstämpeltjänst" in out
    assert "Utfärdat av: " in out
    with pytest.raises(CommandError, match="finns redan"):
        call_command(
            "signing_tsa", "create", "--out", str(proper_ca.parent / "tsa.p12")
        )
