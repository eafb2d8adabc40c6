import datetime as dt

from dashboards.services import kpis_refresh
from send_portal.core.jobs import ScheduledJobCommand


class Command(ScheduledJobCommand):
    help = ("Record the live figure of every improvement plan key performance indicator (KPI) bound to a dashboard "
            "indicator and set its RAG status (what the daily Celery beat task does). A KPI that turns red asks its "
            "owner for an exception report once.")

    def run(self, today: dt.date | None) -> str:
        return f"{kpis_refresh(today=today)} KPI reading(s) recorded."
