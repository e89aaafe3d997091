"""Write a body's yearly delivery (or one protokoll's package) for the e-archive.

    manage.py export_earkiv --body ssr --year 2018 --out /srv/leveranser
    manage.py export_earkiv --protocol 12 --out /srv/leveranser

Writes `<package id>.zip` (an E-ARK SIP 2.1.0 = FGS Paketstruktur 2.0) into
the folder and records the export like a download, with the channel
"schemalagd export". Meant for a scheduled delivery (cron, a systemd timer).
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from council.earkiv.export import export_package
from council.earkiv.models import ArchiveExport
from council.models import Body
from meetings.archive.protocol import NotArchivable, protocol_package
from meetings.models import Protocol
from plans.archive import year_package


class Command(BaseCommand):
    help = (
        "Skriver ett arkivpaket (E-ARK SIP, FGS) för ett organs år eller ett protokoll."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--body", help="organets kortnamn i adressen, t.ex. ssr")
        parser.add_argument("--year", type=int, help="året som levereras")
        parser.add_argument("--protocol", type=int, help="ett protokolls id")
        parser.add_argument("--out", required=True, help="mappen paketet skrivs till")

    def handle(self, *args, **options) -> None:
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)
        try:
            if options["protocol"]:
                protocol = Protocol.objects.select_related("meeting__body").get(
                    pk=options["protocol"]
                )
                package = protocol_package(protocol)
                scope = {
                    "kind": ArchiveExport.Kind.PROTOCOL,
                    "body": protocol.meeting.body,
                    "year": protocol.meeting.local_start.year,
                    "object_id": protocol.pk,
                }
            elif options["body"] and options["year"]:
                body = Body.objects.get(slug=options["body"])
                package = year_package(body, options["year"])
                scope = {
                    "kind": ArchiveExport.Kind.YEAR,
                    "body": body,
                    "year": options["year"],
                }
            else:
                raise CommandError("Ange --body och --year, eller --protocol.")
        except (Body.DoesNotExist, Protocol.DoesNotExist) as error:
            raise CommandError("Organet eller protokollet finns inte.") from error
        except NotArchivable as error:
            raise CommandError(str(error)) from error
        export, data = export_package(
            package, channel=ArchiveExport.Channel.COMMAND, **scope
        )
        path = out / f"{export.package_id}.zip"
        path.write_bytes(data)
        self.stdout.write(f"{path}\t{export.sha256}\t{export.size}")
