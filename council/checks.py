"""Deployment checks (`manage.py check --deploy`) for what production must not
run on: the development signing CA and a secret key anyone can read; and, on
every check, a SITE_URL nobody else can reach.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Warning, register

from council.signing.authority import load_authority
from council.signing.common import SigningError
from council.signing.tsa import load_tsa

# Keys that are published: the example in .env.example and the settings' own
# fallback under DEBUG.
EXAMPLE_SECRET_KEYS = frozenset(
    {
        "change-me-to-50-random-characters",
        "insecure-development-key-only-for-debug",
    }
)
# Host names that only ever mean the machine itself.
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "0.0.0.0"})
# What Django's startproject writes before a generated key.
DJANGO_INSECURE_PREFIX = "django-insecure-"


@register(deploy=True)
def check_signing_authority(app_configs=None, **kwargs) -> list[Error]:
    """Outside DEBUG the portal signs with a CA given in settings, never the
    test CA it would otherwise make on first use."""
    if settings.DEBUG:
        return []
    hint = (
        "Create the council's CA with `manage.py signing_ca create --out PATH` "
        "(or use an existing one) and set SIGNING_CA_PKCS12 and "
        "SIGNING_CA_PASSPHRASE."
    )
    if not settings.SIGNING_CA_PKCS12:
        return [
            Error(
                "SIGNING_CA_PKCS12 is not set: documents would be signed by a test "
                "CA generated on first use.",
                hint=hint,
                id="council.E001",
            )
        ]
    try:
        authority = load_authority(
            settings.SIGNING_CA_PKCS12, settings.SIGNING_CA_PASSPHRASE
        )
    except SigningError as exc:
        return [
            Error(
                f"The signing CA cannot be read: {exc}",
                hint="Check the path in SIGNING_CA_PKCS12 and SIGNING_CA_PASSPHRASE.",
                id="council.E002",
            )
        ]
    if authority.is_test:
        return [
            Error(
                "SIGNING_CA_PKCS12 is a copy of the development test CA.",
                hint=hint,
                id="council.E003",
            )
        ]
    return []


@register(deploy=True)
def check_timestamping_authority(app_configs=None, **kwargs) -> list[Error]:
    """Outside DEBUG every signature's timestamp comes from a TSA given in
    settings: the portal's own (a PKCS#12 file issued by the CA) or a URL."""
    if settings.DEBUG or settings.SIGNING_TSA_URL:
        return []
    if not settings.SIGNING_TSA_PKCS12:
        return [
            Error(
                "Neither SIGNING_TSA_PKCS12 nor SIGNING_TSA_URL is set: signatures "
                "would get no timestamp.",
                hint="Create the portal's timestamping authority with `manage.py "
                "signing_tsa create --out PATH` and set SIGNING_TSA_PKCS12 and "
                "SIGNING_TSA_PASSPHRASE, or set SIGNING_TSA_URL.",
                id="council.E004",
            )
        ]
    try:
        load_tsa(settings.SIGNING_TSA_PKCS12, settings.SIGNING_TSA_PASSPHRASE)
    except SigningError as exc:
        return [
            Error(
                f"The timestamping authority cannot be read: {exc}",
                hint="Check SIGNING_TSA_PKCS12 and SIGNING_TSA_PASSPHRASE.",
                id="council.E005",
            )
        ]
    return []


@register(deploy=True)
def check_secret_key_not_published(app_configs=None, **kwargs) -> list[Error]:
    """The secret key is not the documented example nor a startproject key."""
    key = settings.SECRET_KEY
    if key in EXAMPLE_SECRET_KEYS or key.startswith(DJANGO_INSECURE_PREFIX):
        return [
            Error(
                "SECRET_KEY is a published example key: anyone can forge sessions "
                "and password reset links.",
                hint=(
                    "Set DJANGO_SECRET_KEY to a long random value, e.g. from "
                    '`python -c "import secrets; print(secrets.token_urlsafe(50))"`.'
                ),
                id="council.E004",
            )
        ]
    return []


@register()
def check_site_url_is_public(app_configs=None, **kwargs) -> list[Warning]:
    """Outside DEBUG, SITE_URL is an address others can reach: it goes into
    e-mails and calendars, and into every signer certificate as the address of
    the CA certificate and its revocation list (/pki/)."""
    if settings.DEBUG:
        return []
    host = (urlsplit(settings.SITE_URL).hostname or "").lower()
    if host in LOOPBACK_HOSTS or host.endswith(".localhost") or host == "":
        return [
            Warning(
                f"SITE_URL is {settings.SITE_URL!r}: links in e-mails and "
                "calendars, and the CA certificate and revocation list addresses "
                "written into signer certificates, would not reach anyone else.",
                hint="Set SITE_URL to the portal's public address, e.g. "
                "https://samverkan.example.se.",
                id="council.W001",
            )
        ]
    return []
