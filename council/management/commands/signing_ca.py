"""The portal's signing CA for an operator: create one, show the one in use,
issue its revocation list (CRL; daily, from a timer) and revoke a certificate."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from council.locks import LockTimeout
from council.pki_models import RevocationList, RevokedCertificate
from council.signing import signing_authority
from council.signing.authority import (
    authority_pkcs12,
    generate_authority,
    write_private_file,
)
from council.signing.common import Authority, SigningError
from council.signing.revocation import issue_crl, revoke

PASSPHRASE_VARIABLE = "SIGNING_CA_PASSPHRASE"


def fingerprint(authority: Authority) -> str:
    digest = authority.certificate.fingerprint(hashes.SHA256())
    return ":".join(f"{byte:02X}" for byte in digest)


class Command(BaseCommand):
    help = (
        "Skapar portalens signerings-CA som PKCS#12 (create), visar det CA som "
        "används (show), utfärdar en ny spärrlista (crl) eller återkallar ett "
        "certifikat (revoke)."
    )

    def add_arguments(self, parser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser(
            "create",
            help=_(
                "Skapa ett nytt CA. Lösenfrasen tas från SIGNING_CA_PASSPHRASE "
                "eller efterfrågas."
            ),
        )
        create.add_argument("--out", required=True, help=_("PKCS#12-filen som skapas"))
        create.add_argument(
            "--name",
            default="",
            help=_("CA-certifikatets namn (standard: SITE_NAME signerings-CA)"),
        )
        actions.add_parser("show", help=_("Visa det CA som portalen signerar med."))
        actions.add_parser(
            "crl",
            help=_(
                "Utfärda en ny spärrlista (CRL) för /pki/ca.crl; körs dagligen från "
                "en timer."
            ),
        )
        revoke_parser = actions.add_parser(
            "revoke",
            help=_("Återkalla ett certifikat och utfärda en ny spärrlista."),
        )
        revoke_parser.add_argument(
            "serial",
            help=_("serienumret, decimalt eller hexadecimalt (0x1a2b eller 1a:2b)"),
        )
        revoke_parser.add_argument(
            "--reason",
            default=RevokedCertificate.Reason.UNSPECIFIED,
            choices=RevokedCertificate.Reason.values,
            help=_("skälet enligt RFC 5280 (standard: unspecified)"),
        )
        revoke_parser.add_argument("--note", default="", help=_("en anteckning"))

    def handle(self, *args, **options) -> None:
        action = options["action"]
        if action == "create":
            self.create(Path(options["out"]), options["name"])
        elif action == "crl":
            self.crl()
        elif action == "revoke":
            self.revoke_certificate(
                options["serial"], options["reason"], options["note"]
            )
        else:
            self.show()

    def create(self, out: Path, name: str) -> None:
        if out.exists():
            raise CommandError(_("%(path)s finns redan; inget skrevs.") % {"path": out})
        passphrase = self.passphrase()
        authority = generate_authority(name or f"{settings.SITE_NAME} signerings-CA")
        write_private_file(out, authority_pkcs12(authority, passphrase))
        self.stdout.write(self.style.SUCCESS(_("CA skapat: %(path)s") % {"path": out}))
        self.describe(authority)
        self.stdout.write(
            _(
                "Sätt SIGNING_CA_PKCS12=%(path)s och SIGNING_CA_PASSPHRASE, och "
                "säkerhetskopiera filen och lösenfrasen var för sig."
            )
            % {"path": out.resolve()}
        )

    def passphrase(self) -> str:
        given = os.environ.get(PASSPHRASE_VARIABLE, "")
        if given:
            return given
        if not sys.stdin.isatty():
            raise CommandError(
                _(
                    "Ange lösenfrasen i SIGNING_CA_PASSPHRASE (ingen terminal att fråga)."
                )
            )
        first = getpass.getpass(_("Lösenfras för CA-nyckeln: "))
        if not first:
            raise CommandError(_("Lösenfrasen får inte vara tom."))
        if getpass.getpass(_("Samma lösenfras igen: ")) != first:
            raise CommandError(_("Lösenfraserna stämmer inte överens."))
        return first

    def show(self) -> None:
        source = settings.SIGNING_CA_PKCS12 or str(
            Path(settings.SIGNING_DEV_CA_DIR) / "test-ca.p12"
        )
        if not Path(source).exists():
            # Asking must not create the test CA that signing would make.
            raise CommandError(_("Inget CA: %(path)s finns inte.") % {"path": source})
        try:
            authority = signing_authority()
        except SigningError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(_("Fil: %(path)s") % {"path": source})
        self.describe(authority)

    def describe(self, authority: Authority) -> None:
        certificate = authority.certificate
        self.stdout.write(
            _("Namn: %(name)s") % {"name": certificate.subject.rfc4514_string()}
        )
        self.stdout.write(_("SHA-256: %(fp)s") % {"fp": fingerprint(authority)})
        self.stdout.write(
            _("Giltigt till: %(date)s")
            % {"date": f"{certificate.not_valid_after_utc:%Y-%m-%d}"}
        )
        if authority.is_test:
            self.stdout.write(
                self.style.WARNING(_("Detta är test-CA:t: inte för drift."))
            )

    def crl(self) -> None:
        try:
            issued = issue_crl()
        except (SigningError, LockTimeout) as exc:
            raise CommandError(str(exc)) from exc
        self.report(issued)

    def revoke_certificate(self, serial: str, reason: str, note: str) -> None:
        try:
            revocation = revoke(serial_number=serial, reason=reason, note=note)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        except (SigningError, LockTimeout) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                _("Återkallat: serienummer %(serial)s (%(reason)s)")
                % {
                    "serial": revocation.serial_number,
                    "reason": revocation.get_reason_display(),
                }
            )
        )
        self.report(RevocationList.objects.latest())

    def report(self, issued: RevocationList) -> None:
        self.stdout.write(
            _("Spärrlista nr %(number)d utfärdad, nästa uppdatering %(next)s")
            % {
                "number": issued.number,
                "next": f"{timezone.localtime(issued.next_update):%Y-%m-%d %H:%M %Z}",
            }
        )
