"""Renew document timestamps before they end (PAdES B-LTA); run daily."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

from meetings.services.protocol.renewal import document_renew_timestamp, documents_due


class Command(BaseCommand):
    help = (
        "Förnyar dokumenttidsstämpeln på slutliga dokument vars senaste "
        "tidsstämpel snart inte längre kan valideras."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Visa vilka dokument som skulle förnyas, ändra inget.",
        )
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Förnya det som slutar gälla inom så många dagar "
            "(standard: SIGNING_TIMESTAMP_RENEWAL_DAYS).",
        )

    def handle(self, *args, dry_run=False, days=None, **options):
        due = documents_due(days=days)
        failed = 0
        for item in due:
            until = f"{item.valid_until:%Y-%m-%d}" if item.valid_until else "saknas"
            if dry_run:
                self.stdout.write(
                    f"Skulle förnyas: {item.document} (giltig till {until})"
                )
                continue
            try:
                renewal = document_renew_timestamp(item.document)
            except ValidationError as error:
                failed += 1
                self.stderr.write(f"Misslyckades: {item.document}: {error}")
                continue
            self.stdout.write(
                f"Förnyad: {item.document} (giltig till {renewal.valid_until:%Y-%m-%d})"
            )
        verb = "att förnya" if dry_run else "förnyade"
        self.stdout.write(f"Dokument {verb}: {len(due) - failed}")
        if failed:
            raise SystemExit(1)
