import datetime as dt

from alt_provision.services import referral_answers_overdue_check, referral_follow_ups_schedule
from send_portal.core.jobs import ScheduledJobCommand


class Command(ScheduledJobCommand):
    help = ("Put each approved alternative provision panel referral's follow-up on the first open agenda on or "
            "after its follow-up date, once it is within two weeks, and remind referrers (and tell the clerk) when a "
            "referral sent back has not been answered in time (what the daily Celery beat task does). Nothing is "
            "added or sent twice.")

    def run(self, today: dt.date | None) -> str:
        return (f"{referral_follow_ups_schedule(today=today)} follow-up(s) added to panel agendas; "
                f"{referral_answers_overdue_check(today=today)} overdue referral(s) chased.")
