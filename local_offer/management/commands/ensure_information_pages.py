from django.core.management.base import BaseCommand

from local_offer.services import information_pages_ensure


class Command(BaseCommand):
    help = "Add the default Local Offer information pages that are missing. Pages that exist are never changed."

    def handle(self, *args, **options):
        created = information_pages_ensure()
        for page in created:
            self.stdout.write(f"Added {page.slug}")
        self.stdout.write(self.style.SUCCESS(f"{len(created)} information page{'s' if len(created) != 1 else ''} "
                                             "added"))
