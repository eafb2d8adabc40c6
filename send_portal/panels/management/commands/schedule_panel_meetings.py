import datetime as dt

from send_portal.core.jobs import ScheduledJobCommand
from send_portal.panels.services import meetings_schedule_all


class Command(ScheduledJobCommand):
    help = ("Keep every active panel's next eight meetings in the diary, on its regular day and, for a term-time "
            "panel, only on school days (what the daily Celery beat task does). Running it again adds nothing twice.")

    def run(self, today: dt.date | None) -> str:
        return f"{meetings_schedule_all(today=today)} panel meeting(s) added to the diary."
