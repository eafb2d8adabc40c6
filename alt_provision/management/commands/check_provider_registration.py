import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from alt_provision.services import registration_threshold_check


class Command(BaseCommand):
    help = ("Tell the council's commissioning team (AP_COMMISSIONING_EMAIL) about each provider that is not a "
            "registered school but teaches 5 or more pupils full time, or any pupil full time with an EHC plan or "
            "who is looked after (what the daily Celery beat task does). Each provider is reported once a month.")

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Run as if it were this date (YYYY-MM-DD).")

    def handle(self, *args, **options):
        today = None
        if options.get("today"):
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError as error:
                raise CommandError("--today must be a date like 2026-04-01") from error
        sent = registration_threshold_check(today=today)
        self.stdout.write(f"{sent} registration threshold message(s) queued.")
