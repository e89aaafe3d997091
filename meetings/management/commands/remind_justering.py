"""Remind the chair and justerare before the justering deadline; run daily."""

from django.core.management.base import BaseCommand

from meetings.services.protocol.notifications import justering_reminders


class Command(BaseCommand):
    help = "Skickar påminnelser om justering till den som ännu inte har justerat."

    def handle(self, *args, **options):
        sent = justering_reminders()
        self.stdout.write(f"Påminnelser skickade: {sent}")
