import datetime as dt

from send_portal.core.jobs import ScheduledJobCommand

from ...services import retention_apply


class Command(ScheduledJobCommand):
    help = ("Delete or anonymise records past their retention period (the schedule is in the admin site), except "
            "those under a legal hold, removing deleted records' stored files and auditing each removal (what the "
            "daily Celery beat task does). Running it again changes nothing. --dry-run only reports what would go.")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--dry-run", action="store_true", help="Report what would be removed; change nothing.")

    def handle(self, *args, dry_run=False, **options):
        self.dry_run = dry_run
        super().handle(*args, **options)

    def run(self, today: dt.date | None) -> str:
        return str(retention_apply(today=today, dry_run=self.dry_run))
