"""The portal's timestamping authority for an operator: create its key and
certificate (issued by the signing CA), or show the one in use."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from council.signing import signing_authority
from council.signing.authority import write_private_file
from council.signing.common import SigningError
from council.signing.tsa import (
    Timestamping,
    issue_tsa,
    timestamping_authority,
    tsa_pkcs12,
)

PASSPHRASE_VARIABLE = "SIGNING_TSA_PASSPHRASE"


class Command(BaseCommand):
    help = (
        "Skapar portalens tidsstämpeltjänst (nyckel och certifikat från "
        "signerings-CA:t) som PKCS#12 (create) eller visar den som används (show)."
    )

    def add_arguments(self, parser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser(
            "create",
            help=_(
                "Skapa en ny tidsstämpeltjänst. Lösenfrasen tas från "
                "SIGNING_TSA_PASSPHRASE."
            ),
        )
        create.add_argument("--out", required=True, help=_("PKCS#12-filen som skapas"))
        actions.add_parser("show", help=_("Visa tidsstämpeltjänsten som används."))

    def handle(self, *args, **options) -> None:
        try:
            if options["action"] == "create":
                self.create(Path(options["out"]))
            else:
                self.show()
        except SigningError as exc:
            raise CommandError(str(exc)) from exc

    def create(self, out: Path) -> None:
        if out.exists():
            raise CommandError(_("%(path)s finns redan; inget skrevs.") % {"path": out})
        passphrase = os.environ.get(PASSPHRASE_VARIABLE, "")
        if not passphrase:
            raise CommandError(_("Ange lösenfrasen i SIGNING_TSA_PASSPHRASE."))
        tsa = issue_tsa(signing_authority())
        write_private_file(out, tsa_pkcs12(tsa, passphrase))
        self.stdout.write(
            self.style.SUCCESS(_("Tidsstämpeltjänst skapad: %(path)s") % {"path": out})
        )
        self.describe(tsa)
        self.stdout.write(
            _(
                "Sätt SIGNING_TSA_PKCS12=%(path)s och SIGNING_TSA_PASSPHRASE, och "
                "säkerhetskopiera filen som CA:t."
            )
            % {"path": out.resolve()}
        )

    def show(self) -> None:
        if settings.SIGNING_TSA_URL:
            self.stdout.write(
                _("Extern tidsstämpeltjänst: %(url)s")
                % {"url": settings.SIGNING_TSA_URL}
            )
            return
        self.describe(timestamping_authority())

    def describe(self, tsa: Timestamping) -> None:
        certificate = tsa.certificate
        self.stdout.write(
            _("Namn: %(name)s") % {"name": certificate.subject.rfc4514_string()}
        )
        self.stdout.write(
            _("Utfärdat av: %(name)s") % {"name": certificate.issuer.rfc4514_string()}
        )
        self.stdout.write(
            _("Giltigt till: %(date)s")
            % {"date": f"{certificate.not_valid_after_utc:%Y-%m-%d}"}
        )
