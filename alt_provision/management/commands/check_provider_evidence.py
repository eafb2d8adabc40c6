import datetime as dt

from alt_provision.services import evidence_check
from send_portal.core.jobs import ScheduledJobCommand


class Command(ScheduledJobCommand):
    help = ("Check approved providers' evidence: remind 30 and 7 days before it expires, suspend a provider whose "
            "evidence has lapsed, and lift that suspension once it is renewed. Safe to run again.")

    def run(self, today: dt.date | None) -> str:
        counts = evidence_check(today)
        return (f"Reminders sent: {counts['reminders']}. Providers suspended: {counts['suspended']}. "
                f"Suspensions lifted: {counts['lifted']}.")
