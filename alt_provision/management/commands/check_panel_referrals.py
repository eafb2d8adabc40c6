import datetime as dt

from alt_provision.services import referral_follow_ups_schedule
from send_portal.core.jobs import ScheduledJobCommand


class Command(ScheduledJobCommand):
    help = ("Put each approved alternative provision panel referral's follow-up on the first open agenda on or "
            "after its follow-up date, once it is within two weeks (what the daily Celery beat task does). A "
            "follow-up already on an agenda is not added again.")

    def run(self, today: dt.date | None) -> str:
        return f"{referral_follow_ups_schedule(today=today)} follow-up(s) added to panel agendas."
