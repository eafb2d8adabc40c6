import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from alt_provision.services import evidence_check


class Command(BaseCommand):
    help = ("Check approved providers' evidence: remind 30 and 7 days before it expires, suspend a provider whose "
            "evidence has lapsed, and lift that suspension once it is renewed. Safe to run again.")

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Run as if today were this date (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        day = None
        if today:
            try:
                day = dt.date.fromisoformat(today)
            except ValueError as error:
                raise CommandError("--today must be a date like 2026-03-31") from error
        counts = evidence_check(day)
        self.stdout.write(f"Reminders sent: {counts['reminders']}. Providers suspended: {counts['suspended']}. "
                          f"Suspensions lifted: {counts['lifted']}.")
