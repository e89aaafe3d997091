"""Load the demo data from the seeds and print the demo users."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from council.portal.demo.load import load_demo

ALLOW_FLAG = "--allow-production"


class Command(BaseCommand):
    help = (
        "Läser in demodata (protokollet 2018, verksamhetsplanen 2023) och "
        "demoanvändare. Vägrar när DJANGO_DEBUG är av, utan --allow-production."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            ALLOW_FLAG,
            action="store_true",
            dest="allow_production",
            help=_(
                "Kör även när DJANGO_DEBUG är av, t.ex. på en demoserver. Skapar "
                "användare med det dokumenterade lösenordet, bland dem superanvändaren admin."
            ),
        )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                _(
                    "DJANGO_DEBUG är av: load_demo skapar användare med det "
                    "dokumenterade lösenordet, bland dem superanvändaren admin, och "
                    "ska inte köras i drift. Ingenting lästes in. Är detta en demo- "
                    "eller testserver, kör igen med %(flag)s."
                )
                % {"flag": ALLOW_FLAG}
            )
        users = load_demo()
        if options["verbosity"] < 1:
            return
        self.stdout.write(self.style.SUCCESS(_("Demodata inläst.")))
        self.stdout.write(
            _("Demoanvändare (lösenord för alla: %(password)s):")
            % {"password": settings.DEMO_PASSWORD}
        )
        for user in users:
            self.stdout.write(f"  {user.username:<12} {user.role:<28} {user.person}")
