"""Revoking the signing CA's certificates, and the revocation lists (CRLs) it
signs: the current one is served at /pki/ca.crl, and `manage.py signing_ca crl`
issues a fresh one each day.

A CRL is issued under a named lock (council.locks) held until its row is
committed, so two workers never give two lists the same number. Call these
functions outside a transaction of your own: the lock would otherwise be let go
before the commit.
"""

from __future__ import annotations

import datetime
import re

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ed448, ed25519
from cryptography.hazmat.primitives.serialization import Encoding
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.history import save_attributed
from council.locks import exclusive
from council.permissions import can_revoke_certificate
from council.pki_models import SERIAL_MAX_DIGITS, RevocationList, RevokedCertificate
from council.signing.authority import signing_authority
from council.signing.common import Authority

LOCK_NAME = "signing-crl"
LOCK_TIMEOUT_SECONDS = 30
# A current CRL closer than this to its next update is replaced when asked for, so
# a copy fetched now stays valid for a while (at most half its validity).
RENEW_BEFORE = datetime.timedelta(days=1)

# Longer input is no serial number (20 bytes as hex with colons is 59 characters);
# cut, it is refused as too large rather than read digit by digit.
SERIAL_MAX_INPUT = 100
HEX_SERIAL = re.compile(r"(?:0x)?([0-9a-f]+)|([0-9a-f]{1,2}(?::[0-9a-f]{1,2})+)")


def parse_serial(text: str | int) -> str:
    """A serial number as the decimal string it is stored as.

    Decimal digits are read as decimal; hex is taken prefixed with 0x, with colons
    between the bytes, or as a validator shows it (with a letter a-f).
    ValidationError, in Swedish, for anything else.
    """
    if isinstance(text, int):
        value = text
    else:
        cleaned = text.strip().lower().replace(" ", "")[:SERIAL_MAX_INPUT]
        if cleaned.isascii() and cleaned.isdigit():
            value = int(cleaned)
        else:
            match = HEX_SERIAL.fullmatch(cleaned)
            if match is None or not (
                cleaned.startswith("0x")
                or ":" in cleaned
                or re.search("[a-f]", cleaned)
            ):
                raise ValidationError(
                    _(
                        "Ange serienumret som ett heltal eller hexadecimalt "
                        "(t.ex. 0x1a2b eller 1a:2b)."
                    ),
                    code="invalid",
                )
            value = int((match.group(1) or match.group(2)).replace(":", ""), 16)
    if value <= 0 or value >= 1 << 159 or len(str(value)) > SERIAL_MAX_DIGITS:
        raise ValidationError(
            _("Ett certifikats serienummer är ett positivt tal på högst 20 byte."),
            code="out_of_range",
        )
    return str(value)


def authority_key_identifier(authority: Authority) -> x509.AuthorityKeyIdentifier:
    """The CA's key identifier, as its own certificate states it when it does."""
    try:
        subject_key_id = authority.certificate.extensions.get_extension_for_class(
            x509.SubjectKeyIdentifier
        ).value
    except x509.ExtensionNotFound:
        return x509.AuthorityKeyIdentifier.from_issuer_public_key(
            authority.certificate.public_key()
        )
    return x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(
        subject_key_id
    )


def _key_id_hex(authority: Authority) -> str:
    return authority_key_identifier(authority).key_identifier.hex()


def _crl_time(moment: datetime.datetime) -> datetime.datetime:
    """Whole seconds: what a CRL holds, so the row says what the list says."""
    return moment.replace(microsecond=0)


def _revoked_entry(row: RevokedCertificate) -> x509.RevokedCertificate:
    builder = (
        x509.RevokedCertificateBuilder()
        .serial_number(int(row.serial_number))
        .revocation_date(_crl_time(row.revoked_at))
    )
    # RFC 5280 5.3.1: "unspecified" is said by leaving the reason code out.
    if row.reason != RevokedCertificate.Reason.UNSPECIFIED:
        builder = builder.add_extension(
            x509.CRLReason(x509.ReasonFlags(row.reason)), critical=False
        )
    return builder.build()


def _issue_locked(authority: Authority, now: datetime.datetime) -> RevocationList:
    """Number, build, sign and keep a CRL; the caller holds the lock."""
    this_update = _crl_time(now)
    next_update = this_update + datetime.timedelta(days=settings.SIGNING_CRL_VALID_DAYS)
    latest = RevocationList.objects.order_by("-number").first()
    number = latest.number + 1 if latest is not None else 1
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(authority.certificate.subject)
        .last_update(this_update)
        .next_update(next_update)
        .add_extension(x509.CRLNumber(number), critical=False)
        .add_extension(authority_key_identifier(authority), critical=False)
    )
    for row in RevokedCertificate.objects.order_by("revoked_at", "pk"):
        builder = builder.add_revoked_certificate(_revoked_entry(row))
    algorithm = (
        None
        if isinstance(authority.key, ed25519.Ed25519PrivateKey | ed448.Ed448PrivateKey)
        else hashes.SHA256()
    )
    crl = builder.sign(authority.key, algorithm)
    issued = RevocationList(
        number=number,
        this_update=this_update,
        next_update=next_update,
        authority_key_id=_key_id_hex(authority),
        der=crl.public_bytes(Encoding.DER),
    )
    issued.full_clean()
    issued.save()
    return issued


def issue_crl(*, now: datetime.datetime | None = None) -> RevocationList:
    """A fresh CRL of the current CA, listing every revoked certificate, valid
    SIGNING_CRL_VALID_DAYS from `now`. SigningError when the CA cannot be read;
    LockTimeout when another issue holds the lock too long."""
    authority = signing_authority()
    with exclusive(LOCK_NAME, timeout=LOCK_TIMEOUT_SECONDS), transaction.atomic():
        return _issue_locked(authority, now or timezone.now())


def _renew_before() -> datetime.timedelta:
    validity = datetime.timedelta(days=settings.SIGNING_CRL_VALID_DAYS)
    return min(RENEW_BEFORE, validity / 2)


def _still_current(
    crl: RevocationList | None, authority: Authority, now: datetime.datetime
) -> bool:
    """Whether `crl` may be served: of this CA's key, not near its next update, and
    issued after the last revocation."""
    if crl is None or crl.authority_key_id != _key_id_hex(authority):
        return False
    if crl.next_update - _renew_before() <= now or crl.this_update > now:
        return False
    return not RevokedCertificate.objects.filter(
        revoked_at__gt=crl.this_update
    ).exists()


def current_crl() -> RevocationList:
    """The latest CRL while it is still current; otherwise a new one is issued
    (none yet, expired or near it, signed by another CA key, or older than a
    revocation)."""
    authority = signing_authority()
    now = timezone.now()
    latest = RevocationList.objects.order_by("-number").first()
    if _still_current(latest, authority, now):
        return latest
    with exclusive(LOCK_NAME, timeout=LOCK_TIMEOUT_SECONDS), transaction.atomic():
        # Another worker may have issued one while this one waited.
        now = timezone.now()
        latest = RevocationList.objects.order_by("-number").first()
        if _still_current(latest, authority, now):
            return latest
        return _issue_locked(authority, now)


def current_crl_der() -> bytes:
    """The current CRL as DER bytes (PostgreSQL hands binary fields out as views)."""
    return bytes(current_crl().der)


def is_revoked(serial: str | int) -> bool:
    """Whether the certificate with this serial number is revoked."""
    try:
        serial_number = parse_serial(serial)
    except ValidationError:
        return False
    return RevokedCertificate.objects.filter(serial_number=serial_number).exists()


def revoke(
    *, serial_number: str | int, reason: str, user=None, note: str = ""
) -> RevokedCertificate:
    """Revoke the certificate with `serial_number` and issue a CRL listing it.

    `user` None is an operator at the server (`manage.py signing_ca revoke`);
    otherwise the user must be allowed to revoke. The revocation and its CRL are
    committed together. ValidationError in Swedish for a bad serial or reason, or
    a certificate already revoked.
    """
    if user is not None and not can_revoke_certificate(user):
        raise PermissionDenied
    serial = parse_serial(serial_number)
    authority = signing_authority()
    with exclusive(LOCK_NAME, timeout=LOCK_TIMEOUT_SECONDS), transaction.atomic():
        if RevokedCertificate.objects.filter(serial_number=serial).exists():
            raise ValidationError(
                _("Certifikatet med serienummer %(serial)s är redan återkallat.")
                % {"serial": serial},
                code="already_revoked",
            )
        now = _crl_time(timezone.now())
        revocation = RevokedCertificate(
            serial_number=serial,
            reason=reason,
            note=note,
            revoked_at=now,
            revoked_by=user if getattr(user, "is_authenticated", False) else None,
        )
        save_attributed(
            revocation,
            user=user,
            reason=_("Certifikatet återkallat (%(reason)s)")
            % {"reason": revocation.get_reason_display()},
        )
        _issue_locked(authority, now)
    return revocation
