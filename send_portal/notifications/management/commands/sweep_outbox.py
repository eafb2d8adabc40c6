from django.core.management.base import BaseCommand

from send_portal.notifications.outbox import outbox_sweep


class Command(BaseCommand):
    help = "Hand the queue any background work waiting in the outbox (the queue was down, or a worker died)."

    def handle(self, *args, **options):
        result = outbox_sweep()
        self.stdout.write(f"Handed over {result['handed']} job(s); {result['failed']} gave up; "
                          f"queue {result['broker']}.")
