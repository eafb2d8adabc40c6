import datetime as dt

from alt_provision.services import children_out_of_school_check
from send_portal.core.jobs import ScheduledJobCommand


class Command(ScheduledJobCommand):
    help = ("Tell the council about exclusions whose sixth-day duty has been missed and refer children with 15 school "
            "days of absence for health reasons in a term (what the daily Celery beat task does). Safe to run any "
            "number of times: nothing is sent twice.")

    def run(self, today: dt.date | None) -> str:
        summary = children_out_of_school_check(today=today)
        return (f"{summary['missed']} missed sixth-day duty message(s) queued, {summary['referrals']} health "
                "needs referral(s) made.")
