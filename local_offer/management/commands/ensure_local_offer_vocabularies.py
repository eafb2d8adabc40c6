from django.core.management.base import BaseCommand

from local_offer.services import taxonomies_ensure


class Command(BaseCommand):
    help = ("Add the default Local Offer categories, needs, audiences and venue accessibility features that are "
            "missing. Never changes or removes what staff have edited.")

    def handle(self, *args, **options):
        added = taxonomies_ensure()
        self.stdout.write(f"Added {added} terms.")
