"""After a restore: is every stored file there, every signed document intact,
and the signing CA the one that signed them? Exits non-zero on any problem."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from council.portal.restore import restore_check


class Command(BaseCommand):
    help = (
        "Kontrollerar en återställning: att varje lagrad fil finns, att varje "
        "signerat dokument stämmer med sin SHA-256 och att signerings-CA:t är det "
        "som signerade dem. Avslutar med felkod vid problem."
    )

    def handle(self, *args, **options) -> None:
        report = restore_check()
        write = self.stdout.write
        write(
            _("Filer i lagringen: %(n)d kontrollerade.") % {"n": report.files_checked}
        )
        write(
            _("Signerade dokument: %(n)d kontrollerade.")
            % {"n": report.documents_checked}
        )
        if report.authority is not None:
            write(
                _("Signerings-CA i bruk: %(name)s%(test)s")
                % {
                    "name": report.authority.certificate.subject.rfc4514_string(),
                    "test": _(" (test-CA)") if report.authority.is_test else "",
                }
            )
        for finding in report.findings:
            write(
                self.style.ERROR(f"  {finding.kind.upper()}: ")
                + f"{finding.record}: {finding.detail}"
            )
        if not report.ok:
            raise CommandError(
                _("%(n)d problem hittades; se listan ovan.")
                % {"n": len(report.findings)}
            )
        write(
            self.style.SUCCESS(
                _("Inga problem: alla filer finns och alla signerade dokument stämmer.")
            )
        )
