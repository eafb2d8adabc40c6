import datetime as dt

from local_offer.services import review_listings
from send_portal.core.jobs import ScheduledJobCommand


class Command(ScheduledJobCommand):
    help = ("Send Local Offer listing review reminders, flag listings past their review date and hide those past "
            "the grace period (what the daily Celery beat task does). Safe to run any number of times a day.")

    def run(self, today: dt.date | None) -> str:
        summary = review_listings(today=today)
        return (f"{summary['checked']} listing(s) checked: {summary['flagged']} flagged as past their review "
                f"date, {summary['hidden']} hidden, {summary['emails']} email(s) queued.")
