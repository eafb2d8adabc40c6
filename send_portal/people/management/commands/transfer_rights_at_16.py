from django.core.management.base import BaseCommand

from send_portal.people.services import rights_at_16_invite_due


class Command(BaseCommand):
    help = ("Invite young people whose decisions have passed to them to their own accounts (what the daily Celery "
            "beat task does). Safe to run any number of times.")

    def handle(self, *args, **options):
        self.stdout.write(f"{rights_at_16_invite_due()} young person(s) invited to their own account.")
