"""The portal's signing CA for an operator: create one, or show the one in use."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from council.signing import signing_authority
from council.signing.authority import authority_pkcs12, generate_authority
from council.signing.common import Authority, SigningError

PASSPHRASE_VARIABLE = "SIGNING_CA_PASSPHRASE"


def fingerprint(authority: Authority) -> str:
    digest = authority.certificate.fingerprint(hashes.SHA256())
    return ":".join(f"{byte:02X}" for byte in digest)


class Command(BaseCommand):
    help = (
        "Skapar portalens signerings-CA som PKCS#12 (create) eller visar det CA "
        "som används (show)."
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

    def handle(self, *args, **options) -> None:
        if options["action"] == "create":
            self.create(Path(options["out"]), options["name"])
        else:
            self.show()

    def create(self, out: Path, name: str) -> None:
        if out.exists():
            raise CommandError(_("%(path)s finns redan; inget skrevs.") % {"path": out})
        passphrase = self.passphrase()
        authority = generate_authority(name or f"{settings.SITE_NAME} signerings-CA")
        out.parent.mkdir(parents=True, exist_ok=True)
        # Only the portal's own user may read the key.
        handle = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(handle, "wb") as file:
            file.write(authority_pkcs12(authority, passphrase))
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
