import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from local_offer.services import review_listings


class Command(BaseCommand):
    help = ("Send Local Offer listing review reminders, flag listings past their review date and hide those past "
            "the grace period (what the daily Celery beat task does). Safe to run any number of times a day.")

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Run as if it were this date (YYYY-MM-DD), for checking what would happen.")

    def handle(self, *args, **options):
        today = None
        if options.get("today"):
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError as error:
                raise CommandError("--today must be a date like 2026-04-01") from error
        summary = review_listings(today=today)
        self.stdout.write(f"{summary['checked']} listing(s) checked: {summary['flagged']} flagged as past their review "
                          f"date, {summary['hidden']} hidden, {summary['emails']} email(s) queued.")
