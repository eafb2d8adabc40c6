import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from alt_provision.services import children_out_of_school_check


class Command(BaseCommand):
    help = ("Tell the council about exclusions whose sixth-day duty has been missed and refer children with 15 school "
            "days of absence for health reasons in a term (what the daily Celery beat task does). Safe to run any "
            "number of times: nothing is sent twice.")

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Run as if it were this date (YYYY-MM-DD), for checking what would happen.")

    def handle(self, *args, **options):
        today = None
        if options.get("today"):
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError as error:
                raise CommandError("--today must be a date like 2026-04-01") from error
        summary = children_out_of_school_check(today=today)
        self.stdout.write(f"{summary['missed']} missed sixth-day duty message(s) queued, {summary['referrals']} health "
                          "needs referral(s) made.")
