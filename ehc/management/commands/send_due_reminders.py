from django.core.management.base import BaseCommand

from ehc.services import advice_send_due_reminders, ceasing_apply_due, review_send_due_reminders


class Command(BaseCommand):
    help = ("Chase open advice requests and every annual review date, and end plans whose ceasing can no longer be "
            "appealed (what the hourly Celery beat task does). "
            "Safe to run any number of times a day.")

    def handle(self, *args, **options):
        advice = advice_send_due_reminders()
        reviews = review_send_due_reminders()
        ceased = ceasing_apply_due()
        self.stdout.write(f"{advice} advice reminder(s) and {reviews} review reminder(s) queued; "
                          f"{ceased} plan(s) ceased now that the time to appeal has passed.")
