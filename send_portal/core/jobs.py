"""The base for management commands that run a scheduled job by hand."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError


class ScheduledJobCommand(BaseCommand):
    """A daily Celery beat job as a command, so the embedded default and operators can run it. `--today` runs it
    as if it were another date, for checking what would happen. Subclasses implement `run(today)` and return the
    line to print."""

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Run as if it were this date (YYYY-MM-DD), for checking what would happen.")

    def handle(self, *args, today=None, **options):
        day = None
        if today:
            try:
                day = dt.date.fromisoformat(today)
            except ValueError as error:
                raise CommandError("--today must be a date like 2026-04-01") from error
        self.stdout.write(self.run(day))

    def run(self, today: dt.date | None) -> str:
        raise NotImplementedError
