from django.core.management.base import BaseCommand

from send_portal.notifications.tasks import sweep_outbox


class Command(BaseCommand):
    help = "Hand the queue any background work waiting in the outbox (the queue was down, or a worker died)."

    def handle(self, *args, **options):
        result = sweep_outbox()
        self.stdout.write(f"Handed over {result['handed']} job(s); {result['failed']} gave up; "
                          f"{result.get('messages_recovered', 0)} stalled message(s) sent again or failed; "
                          f"queue {result['broker']}.")
