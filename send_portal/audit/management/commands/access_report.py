import csv
import datetime as dt

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from send_portal.audit.selectors import access_by_account
from send_portal.core.csv_safety import safe_cell

ACTIONS = {LogEntry.Action.ACCESS: "Opened", LogEntry.Action.CREATE: "Created", LogEntry.Action.UPDATE: "Changed",
           LogEntry.Action.DELETE: "Deleted"}


def _what(entry) -> str:
    # A refused lookup (access.get_from) is logged as an access with no record: it was asked for, not opened.
    if (entry.additional_data or {}).get("refused"):
        return "Refused"
    return ACTIONS.get(entry.action, str(entry.action))


def _moment(text: str, *, end: bool) -> dt.datetime:
    """A date or a date and time, in the portal's time zone unless it says otherwise. A date on its own means the
    start of that day, or for the end of the range the start of the next day, so the whole day is included."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{text!r} is not a date (2026-11-23) or a date and time (2026-11-23T14:30)") from None
    if len(text) == 10 and end:
        moment += dt.timedelta(days=1)
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


class Command(BaseCommand):
    help = ("Everything one account opened or changed between two dates, from the audit log: which records, of "
            "which kind, when and why. For breach response and subject access. Writes CSV with --csv.")

    def add_arguments(self, parser):
        parser.add_argument("account", help="The account's email address")
        parser.add_argument("--from", dest="start", required=True, help="From this date or date and time")
        parser.add_argument("--to", dest="end", required=True,
                            help="Up to this date (the whole day) or date and time")
        parser.add_argument("--csv", dest="as_csv", action="store_true", help="Write CSV rather than a table")

    def handle(self, account, start, end, as_csv=False, **options):
        user = get_user_model().objects.filter(email__iexact=account.strip()).first()
        if user is None:
            raise CommandError(f"There is no account with the email address {account!r}")
        start, end = _moment(start, end=False), _moment(end, end=True)
        if end <= start:
            raise CommandError("--to must be later than --from")
        entries = access_by_account(user, start, end)
        rows = [(timezone.localtime(entry.timestamp).strftime("%Y-%m-%d %H:%M:%S"),
                 _what(entry), entry.content_type.name, entry.object_pk,
                 entry.object_repr, (entry.additional_data or {}).get("purpose", ""))
                for entry in entries.iterator()]
        header = ("When", "What", "Kind of record", "Record id", "Record", "Why")
        if as_csv:
            self._write_csv(header, rows)
            return
        self.stdout.write(f"{user.email}: {len(rows)} record{'s' if len(rows) != 1 else ''} opened or changed "
                          f"from {timezone.localtime(start):%Y-%m-%d %H:%M} to before "
                          f"{timezone.localtime(end):%Y-%m-%d %H:%M}")
        for row in rows:
            self.stdout.write("  ".join(str(cell) for cell in row if cell != ""))

    def _write_csv(self, header, rows):
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([safe_cell(str(cell)) for cell in row])
