import datetime as dt

from alt_provision.services import registration_threshold_check
from send_portal.core.jobs import ScheduledJobCommand


class Command(ScheduledJobCommand):
    help = ("Tell each council's commissioning team (AP_COMMISSIONING_EMAIL for the portal's own council, the "
            "address on the council's record for any other) about each provider it uses that is not a registered "
            "school but teaches 5 or more pupils full time, from any council, or any pupil full time with an EHC plan "
            "or who is looked after (what the daily Celery beat task does). Each provider is reported once a month.")

    def run(self, today: dt.date | None) -> str:
        return f"{registration_threshold_check(today=today)} registration threshold message(s) queued."
