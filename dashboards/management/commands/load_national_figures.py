from django.core.management.base import BaseCommand
from django.db import transaction

from dashboards.models import NationalFigure
from dashboards.national import load


class Command(BaseCommand):
    help = "Load the England comparison figures shipped in dashboards/data/england.csv. Safe to run again."

    def handle(self, *args, **options):
        with transaction.atomic():
            created, updated = load(NationalFigure)
        self.stdout.write(f"England figures: {created} added, {updated} updated.")
