"""Load the demo data from the seeds and print the demo users."""

from django.conf import settings
from django.core.management.base import BaseCommand

from council.portal.demo.load import load_demo


class Command(BaseCommand):
    help = "Läser in demodata (protokollet 2018, verksamhetsplanen 2023) och demoanvändare."

    def handle(self, *args, **options) -> None:
        users = load_demo()
        if options["verbosity"] < 1:
            return
        self.stdout.write(self.style.SUCCESS("Demodata inläst."))
        self.stdout.write(
            f"Demoanvändare (lösenord för alla: {settings.DEMO_PASSWORD}):"
        )
        for user in users:
            self.stdout.write(f"  {user.username:<12} {user.role:<28} {user.person}")
