"""The signing CA's public addresses, /pki/ca.crt and /pki/ca.crl, as validators
fetch them: anonymous, over plain HTTP with production's settings (the HTTPS
redirect on), GET and HEAD, no cookie, cacheable but not past the CRL's next
update; 503 in Swedish when the CA cannot be read. And the back office, where a
revocation goes through the same service."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone

from council import signing
from council.models import RevocationList, RevokedCertificate
from council.portal.public_cache import HIT_HEADER, current_generation
from council.signing import revocation
from tests import factories
from tests.admin_helpers import admin_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_authority")]

CRL = "/pki/ca.crl"
CERTIFICATE = "/pki/ca.crt"


@pytest.fixture
def production(settings):
    """Production's transport settings: DEBUG off, HTTPS redirect, HSTS, secure
    cookies and the public page cache on; the redirect's exemptions as
    council/settings.py sets them."""
    settings.DEBUG = False
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.PUBLIC_CACHE_SECONDS = 60
    settings.ALLOWED_HOSTS = ["samverkan.example.se"]


def fetch(client, method: str, path: str, **extra):
    return getattr(client, method)(path, HTTP_HOST="samverkan.example.se", **extra)


def test_urls_are_named():
    assert reverse("council:pki_certificate") == CERTIFICATE
    assert reverse("council:pki_crl") == CRL


def test_production_settings_exempt_pki_from_the_https_redirect(tmp_path):
    """council/settings.py with DEBUG off (as production starts it) redirects to
    HTTPS but not /pki/."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SIGNING_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="council.settings",
        DJANGO_SECRET_KEY="production-check-" + "k" * 40,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    script = (
        "import re, django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.SECURE_SSL_REDIRECT, "
        "[bool(re.search(p, 'pki/ca.crl')) for p in s.SECURE_REDIRECT_EXEMPT], "
        "[bool(re.search(p, 'moten/')) for p in s.SECURE_REDIRECT_EXEMPT])"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "False True [True] [False]"


def test_pages_redirect_to_https_but_pki_does_not(client, production):
    assert fetch(client, "get", "/").status_code == 301
    assert fetch(client, "get", CRL).status_code == 200
    assert fetch(client, "get", CERTIFICATE).status_code == 200


def test_ca_certificate_is_served_as_der(client, production):
    response = fetch(client, "get", CERTIFICATE)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pkix-cert"
    ca = signing.signing_authority().certificate
    assert response.content == ca.public_bytes(Encoding.DER)
    assert x509.load_der_x509_certificate(response.content) == ca
    assert "public" in response["Cache-Control"]
    assert not response.cookies
    assert "Strict-Transport-Security" not in response


def test_crl_is_served_as_der(client, production):
    response = fetch(client, "get", CRL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pkix-crl"
    assert response.content == bytes(RevocationList.objects.latest().der)
    crl = x509.load_der_x509_crl(response.content)
    ca = signing.signing_authority().certificate
    assert crl.is_signature_valid(ca.public_key())
    assert not response.cookies
    assert "Set-Cookie" not in response


def test_crl_may_be_kept_for_hours_but_not_past_its_next_update(client, production):
    response = fetch(client, "get", CRL)
    crl = RevocationList.objects.latest()
    directives = dict(
        part.strip().partition("=")[::2]
        for part in response["Cache-Control"].split(",")
    )
    assert "public" in directives
    max_age = int(directives["max-age"])
    remaining = (crl.next_update - timezone.now()).total_seconds()
    assert 60 * 60 <= max_age <= min(4 * 60 * 60, remaining)
    assert response["Expires"]
    assert response["Last-Modified"]


def test_a_revocation_is_on_the_next_fetch(client, production):
    first = x509.load_der_x509_crl(fetch(client, "get", CRL).content)
    revocation.revoke(
        serial_number="0xdead", reason=RevokedCertificate.Reason.KEY_COMPROMISE
    )
    second = x509.load_der_x509_crl(fetch(client, "get", CRL).content)
    assert first.get_revoked_certificate_by_serial_number(0xDEAD) is None
    assert second.get_revoked_certificate_by_serial_number(0xDEAD) is not None


@pytest.mark.parametrize(
    ("path", "content_type"),
    [(CRL, "application/pkix-crl"), (CERTIFICATE, "application/pkix-cert")],
)
def test_head_answers_like_get_without_a_body(client, production, path, content_type):
    response = fetch(client, "head", path)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response.content == b""
    assert not response.cookies


@pytest.mark.parametrize("path", [CRL, CERTIFICATE])
def test_unchanged_copy_gets_304_and_post_is_refused(client, production, path):
    etag = fetch(client, "get", path)["ETag"]
    assert fetch(client, "get", path, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert fetch(client, "post", path).status_code == 405


@pytest.mark.parametrize("path", [CRL, CERTIFICATE])
def test_logged_in_users_get_it_too(client, production, path):
    client.force_login(factories.UserFactory())
    response = fetch(client, "get", path)
    assert response.status_code == 200
    assert response.content


def test_not_kept_by_the_page_cache_and_no_page_is_dropped(client, production):
    """/pki/ is not a cached page, and issuing a CRL leaves the page cache's
    generation as it was."""
    fetch(client, "get", CRL)
    generation = current_generation()
    assert HIT_HEADER not in fetch(client, "get", CRL)
    revocation.issue_crl()
    assert current_generation() == generation


@pytest.mark.parametrize("path", [CRL, CERTIFICATE])
def test_unreadable_ca_gives_503_in_swedish(
    client, production, settings, tmp_path, path
):
    (tmp_path / "broken.p12").write_bytes(b"not a pkcs12 file")
    settings.SIGNING_CA_PKCS12 = str(tmp_path / "broken.p12")
    signing.signing_authority.cache_clear()
    response = fetch(client, "get", path)
    assert response.status_code == 503
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "kan inte läsas just nu" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert "broken.p12" not in response.content.decode()


# The back office -----------------------------------------------------------------


def test_admin_revokes_through_the_service(admin_client, admin_user):
    """The add form takes a hex serial, saves the revocation attributed to the
    administrator and issues a CRL listing it at once."""
    response = admin_client.post(
        admin_url(RevokedCertificate, "add"),
        {"serial_number": "0a:bc:de", "reason": "superseded", "note": "Ny roll"},
    )
    assert response.status_code == 302
    revoked = RevokedCertificate.objects.get()
    assert revoked.serial_number == str(0x0ABCDE)
    assert revoked.revoked_by == admin_user
    assert revoked.history.get().history_change_reason == (
        "Certifikatet återkallat (Ersatt av ett annat certifikat)"
    )
    crl = x509.load_der_x509_crl(bytes(RevocationList.objects.latest().der))
    assert crl.get_revoked_certificate_by_serial_number(0x0ABCDE) is not None


def test_admin_refuses_a_bad_or_repeated_serial(admin_client):
    url = admin_url(RevokedCertificate, "add")
    response = admin_client.post(url, {"serial_number": "x1", "reason": "superseded"})
    assert response.status_code == 200
    assert "serienumret" in response.content.decode()
    admin_client.post(url, {"serial_number": "77", "reason": "superseded"})
    response = admin_client.post(url, {"serial_number": "0x4d", "reason": "superseded"})
    assert response.status_code == 200
    assert RevokedCertificate.objects.count() == 1
    assert RevocationList.objects.count() == 1


def test_admin_amends_only_the_note_and_never_deletes(admin_client):
    revoked = revocation.revoke(
        serial_number="99", reason=RevokedCertificate.Reason.SUPERSEDED
    )
    url = admin_url(RevokedCertificate, "change", revoked.pk)
    response = admin_client.post(
        url,
        {
            "serial_number": "100",
            "reason": "keyCompromise",
            "note": "Tillagd anteckning",
            "history_reason": "Komplettering",
        },
    )
    assert response.status_code == 302
    revoked.refresh_from_db()
    assert (revoked.serial_number, revoked.reason, revoked.note) == (
        "99",
        RevokedCertificate.Reason.SUPERSEDED,
        "Tillagd anteckning",
    )
    assert revoked.history.first().history_change_reason == "Komplettering"
    delete = admin_client.post(admin_url(RevokedCertificate, "delete", revoked.pk))
    assert delete.status_code == 403
    assert RevokedCertificate.objects.filter(pk=revoked.pk).exists()


def test_admin_shows_crls_read_only(admin_client):
    revocation.revoke(serial_number="5", reason=RevokedCertificate.Reason.SUPERSEDED)
    crl = RevocationList.objects.latest()
    assert admin_client.get(admin_url(RevocationList, "add")).status_code == 403
    change = admin_client.get(admin_url(RevocationList, "change", crl.pk))
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
    listing = admin_client.get(admin_url(RevocationList, "changelist"))
    assert listing.status_code == 200
    delete = admin_client.post(admin_url(RevocationList, "delete", crl.pk))
    assert delete.status_code == 403
