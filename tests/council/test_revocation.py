"""The signing CA's revocation list (CRL): issued signed by the CA, numbered,
listing every revoked certificate with its reason, valid for
SIGNING_CRL_VALID_DAYS; revoking goes through one service, from the admin or
`manage.py signing_ca revoke`; and the check that SITE_URL can be reached."""

from __future__ import annotations

import datetime
import subprocess
import threading
from io import StringIO

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from django.core.checks import run_checks
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections
from django.utils import timezone

from council import signing
from council.models import RevocationList, RevokedCertificate
from council.signing import revocation
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_authority")]

Reason = RevokedCertificate.Reason


def parsed(row: RevocationList) -> x509.CertificateRevocationList:
    return x509.load_der_x509_crl(bytes(row.der))


def test_crl_is_signed_by_the_ca():
    """The CRL parses, names the CA as issuer, and its signature verifies with the
    CA certificate's public key."""
    ca = signing.signing_authority().certificate
    crl = parsed(revocation.issue_crl())
    assert crl.issuer == ca.subject
    assert crl.is_signature_valid(ca.public_key())
    ca.public_key().verify(
        crl.signature, crl.tbs_certlist_bytes, ec.ECDSA(crl.signature_hash_algorithm)
    )


def test_crl_names_the_ca_key_and_carries_its_number():
    """The authority key identifier is the CA's subject key identifier; the CRL
    number extension equals the stored number."""
    ca = signing.signing_authority().certificate
    row = revocation.issue_crl()
    crl = parsed(row)
    aki = crl.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
    ski = ca.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    assert aki.key_identifier == ski.digest
    assert row.authority_key_id == ski.digest.hex()
    assert crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number == (
        row.number
    )


def test_crl_numbers_increase():
    """Each CRL issued gets the next number."""
    numbers = [revocation.issue_crl().number for _ in range(3)]
    assert numbers == [1, 2, 3]
    assert RevocationList.objects.latest().number == 3


@pytest.mark.django_db(transaction=True)
def test_crls_issued_at_once_get_distinct_numbers():
    """Workers issuing at the same moment (each its own connection) are
    serialised by the lock: every number once, none lost."""
    signing.signing_authority()  # the test CA, made once before the race
    errors: list[BaseException] = []

    def issue() -> None:
        try:
            revocation.issue_crl()
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    numbers = sorted(RevocationList.objects.values_list("number", flat=True))
    assert numbers == [1, 2, 3, 4]


@pytest.mark.parametrize("days", [1, 7, 30])
def test_next_update_follows_the_setting(settings, days):
    """this_update is the time of issue (whole seconds), next_update that plus
    SIGNING_CRL_VALID_DAYS, in the row and in the signed list alike."""
    settings.SIGNING_CRL_VALID_DAYS = days
    now = timezone.now()
    row = revocation.issue_crl(now=now)
    crl = parsed(row)
    assert crl.last_update_utc == now.replace(microsecond=0)
    assert crl.next_update_utc - crl.last_update_utc == datetime.timedelta(days=days)
    assert (row.this_update, row.next_update) == (
        crl.last_update_utc,
        crl.next_update_utc,
    )


def test_revoked_serial_is_listed_with_its_reason():
    """A revocation puts the serial on a CRL issued at once, with its reason code;
    "unspecified" is said by leaving the reason code out (RFC 5280 5.3.1)."""
    before = RevocationList.objects.count()
    revocation.revoke(serial_number=0x1A2B3C, reason=Reason.KEY_COMPROMISE)
    revocation.revoke(serial_number="4711", reason=Reason.UNSPECIFIED)
    assert RevocationList.objects.count() == before + 2
    crl = parsed(RevocationList.objects.latest())
    entry = crl.get_revoked_certificate_by_serial_number(0x1A2B3C)
    assert entry is not None
    assert entry.extensions.get_extension_for_class(x509.CRLReason).value.reason == (
        x509.ReasonFlags.key_compromise
    )
    unspecified = crl.get_revoked_certificate_by_serial_number(4711)
    assert unspecified is not None
    with pytest.raises(x509.ExtensionNotFound):
        unspecified.extensions.get_extension_for_class(x509.CRLReason)
    assert len(crl) == 2


def test_revocation_history_names_who_and_why():
    """The history row is attributed to the user, with the reason in Swedish."""
    admin = factories.SuperUserFactory()
    revoked = revocation.revoke(
        serial_number="0x99", reason=Reason.SUPERSEDED, user=admin, note="Ny roll"
    )
    assert revoked.serial_number == "153"
    assert revoked.revoked_by == admin
    row = revoked.history.get()
    assert row.history_user == admin
    assert row.history_change_reason == (
        "Certifikatet återkallat (Ersatt av ett annat certifikat)"
    )


def test_revoking_needs_the_right_to():
    """A user without the right to revoke is refused and nothing is written."""
    user = factories.UserFactory()
    with pytest.raises(PermissionDenied):
        revocation.revoke(serial_number="12", reason=Reason.SUPERSEDED, user=user)
    assert not RevokedCertificate.objects.exists()
    assert not RevocationList.objects.exists()


def test_revoking_twice_is_refused_in_swedish():
    revocation.revoke(serial_number="12", reason=Reason.SUPERSEDED)
    with pytest.raises(ValidationError, match="redan återkallat"):
        revocation.revoke(serial_number="0xc", reason=Reason.KEY_COMPROMISE)
    assert RevokedCertificate.objects.get().reason == Reason.SUPERSEDED


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4711", "4711"),
        (" 0x1A2B ", str(0x1A2B)),
        ("1a:2b", str(0x1A2B)),
        ("7f3e9a", str(0x7F3E9A)),
        (4711, "4711"),
    ],
)
def test_serials_are_read_in_decimal_or_hex(text, expected):
    assert revocation.parse_serial(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "0", "-5", "0x", "12g", "1a:", "٣٤", "1" * 60, "0x" + "f" * 41, "9" * 5000],
)
def test_bad_serials_are_refused_in_swedish(text):
    with pytest.raises(ValidationError) as caught:
        revocation.parse_serial(text)
    assert "serienum" in " ".join(caught.value.messages).lower()


def test_is_revoked():
    revocation.revoke(serial_number="0xabc", reason=Reason.SUPERSEDED)
    assert revocation.is_revoked(0xABC)
    assert revocation.is_revoked("abc")
    assert not revocation.is_revoked(0xABD)
    assert not revocation.is_revoked("inte ett nummer")


def test_current_crl_is_kept_while_valid():
    first = revocation.current_crl()
    assert revocation.current_crl() == first
    assert revocation.current_crl_der() == bytes(first.der)


def test_current_crl_is_renewed_when_expired_or_near_it(settings):
    """A CRL past, or within a day of, its next update is replaced."""
    settings.SIGNING_CRL_VALID_DAYS = 7
    old = revocation.issue_crl(now=timezone.now() - datetime.timedelta(days=8))
    renewed = revocation.current_crl()
    assert renewed.number == old.number + 1
    near = revocation.issue_crl(
        now=timezone.now() - datetime.timedelta(days=6, hours=1)
    )
    assert revocation.current_crl().number == near.number + 1


def test_current_crl_is_renewed_after_a_revocation():
    first = revocation.current_crl()
    factories.RevokedCertificateFactory(
        serial_number="31337", revoked_at=timezone.now() + datetime.timedelta(seconds=2)
    )
    renewed = revocation.current_crl()
    assert renewed.number == first.number + 1
    assert parsed(renewed).get_revoked_certificate_by_serial_number(31337)


def test_current_crl_of_another_ca_is_not_served(settings, tmp_path):
    """After the CA is replaced, a CRL signed by the old key is never current."""
    old = revocation.current_crl()
    settings.SIGNING_DEV_CA_DIR = tmp_path / "other-ca"
    signing.signing_authority.cache_clear()
    new_ca = signing.signing_authority().certificate
    current = revocation.current_crl()
    assert current.number == old.number + 1
    assert current.authority_key_id != old.authority_key_id
    assert parsed(current).is_signature_valid(new_ca.public_key())


def test_openssl_reads_the_crl(tmp_path):
    """`openssl crl -inform DER -noout -text` accepts it and shows the entries."""
    revocation.revoke(serial_number="0x1a2b3c4d", reason=Reason.KEY_COMPROMISE)
    path = tmp_path / "ca.crl"
    path.write_bytes(revocation.current_crl_der())
    text = subprocess.run(
        ["openssl", "crl", "-inform", "DER", "-noout", "-text", "-in", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Certificate Revocation List" in text
    assert "1A2B3C4D" in text.upper()
    assert "Key Compromise" in text
    assert "X509v3 CRL Number" in text
    assert "Authority Key Identifier" in text


def test_command_crl_issues_and_reports(settings):
    settings.SIGNING_CRL_VALID_DAYS = 7
    out = StringIO()
    call_command("signing_ca", "crl", stdout=out)
    call_command("signing_ca", "crl", stdout=out)
    latest = RevocationList.objects.latest()
    assert latest.number == 2
    assert "Spärrlista nr 1 utfärdad" in out.getvalue()
    assert "Spärrlista nr 2 utfärdad" in out.getvalue()
    next_update = timezone.localtime(latest.next_update)
    assert f"nästa uppdatering {next_update:%Y-%m-%d %H:%M}" in out.getvalue()


def test_command_revoke_goes_through_the_service():
    out = StringIO()
    call_command(
        "signing_ca",
        "revoke",
        "7f:3e",
        "--reason",
        "keyCompromise",
        "--note",
        "Borttappad dator",
        stdout=out,
    )
    revoked = RevokedCertificate.objects.get()
    assert (revoked.serial_number, revoked.reason, revoked.note) == (
        str(0x7F3E),
        Reason.KEY_COMPROMISE,
        "Borttappad dator",
    )
    assert revoked.revoked_by is None
    assert "Återkallat: serienummer 32574" in out.getvalue()
    assert "Spärrlista nr 1 utfärdad" in out.getvalue()
    assert parsed(
        RevocationList.objects.latest()
    ).get_revoked_certificate_by_serial_number(0x7F3E)


def test_command_revoke_refuses_bad_input():
    with pytest.raises(CommandError, match="serienumret"):
        call_command("signing_ca", "revoke", "inte-ett-nummer")
    call_command("signing_ca", "revoke", "12", stdout=StringIO())
    with pytest.raises(CommandError, match="redan återkallat"):
        call_command("signing_ca", "revoke", "12")
    with pytest.raises(CommandError):
        call_command("signing_ca", "revoke", "13", "--reason", "påhittat")
    assert RevokedCertificate.objects.count() == 1


def test_command_crl_says_when_the_ca_cannot_be_read(settings, tmp_path):
    (tmp_path / "broken.p12").write_bytes(b"not a pkcs12 file")
    settings.SIGNING_CA_PKCS12 = str(tmp_path / "broken.p12")
    signing.signing_authority.cache_clear()
    with pytest.raises(CommandError, match="SIGNING_CA_PKCS12"):
        call_command("signing_ca", "crl")
    assert not RevocationList.objects.exists()


def issue_ids() -> set[str]:
    return {issue.id for issue in run_checks()}


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000",
        "http://localhost",
        "https://LOCALHOST:8443",
        "http://[::1]:8000",
        "http://portal.localhost",
        "",
    ],
)
def test_loopback_site_url_warns_outside_debug(settings, url):
    """council.W001: CRL and CA addresses in certificates would be unreachable."""
    settings.DEBUG = False
    settings.SITE_URL = url
    assert "council.W001" in issue_ids()
    settings.DEBUG = True
    assert "council.W001" not in issue_ids()


def test_public_site_url_passes(settings):
    settings.DEBUG = False
    settings.SITE_URL = "https://samverkan.regionorebrolan.se"
    assert "council.W001" not in issue_ids()
