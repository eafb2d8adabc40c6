from django.core.management.base import BaseCommand

from ehc.services import advice_send_due_reminders


class Command(BaseCommand):
    help = "Chase open advice requests (what the daily Celery beat task does). Safe to run more than once a day."

    def handle(self, *args, **options):
        self.stdout.write(f"{advice_send_due_reminders()} reminder(s) queued.")
