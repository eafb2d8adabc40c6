from django.core.management.base import BaseCommand

from dashboards.services import figures_refresh


class Command(BaseCommand):
    help = ("Count each council's default dashboard and recount the stored dashboard figures read in the last week "
            "that are more than an hour old (what the hourly Celery beat task does).")

    def handle(self, *args, **options):
        done = figures_refresh()
        self.stdout.write(f"{done['added']} view(s) counted for the first time, {done['recounted']} recounted, "
                          f"{done['forgotten']} unread for a week forgotten.")
