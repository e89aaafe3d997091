"""Create the ten-year benchmark dataset (PostgreSQL)."""

from django.core.management.base import BaseCommand

from council.portal.bench.data import bench_data_create


class Command(BaseCommand):
    help = "Skapar tio års testdata för prestandamätning (make bench)."

    def handle(self, *args, **options) -> None:
        for name, count in bench_data_create().items():
            self.stdout.write(f"{name}: {count}")
