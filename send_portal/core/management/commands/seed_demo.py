from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

DEMO_TOTP_SECRET = "EXAMPLESHIREDEMOTOTPSECRET234567"

# Each app with demo data has a `demo` module with `seed(world, stdout)`; later apps build on earlier ones.
SEED_ORDER = [
    "send_portal.organisations",
    "send_portal.accounts",
    "send_portal.people",
    "ehc",
    "local_offer",
    "alt_provision",
    "dashboards",
]


class Command(BaseCommand):
    help = (
        "Build the fictional Exampleshire local area with one demo account per role. Safe to run again: "
        "it finds what exists and adds what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even though DEBUG is off.")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a published password, so it only runs with DEBUG on. "
                "Use --force to run it anyway on a system that holds no real data."
            )
        world = {"password": settings.PORTAL_DEMO_PASSWORD, "totp_secret": DEMO_TOTP_SECRET}
        with transaction.atomic():
            for app_name in SEED_ORDER:
                try:
                    module = import_module(f"{app_name}.demo")
                except ModuleNotFoundError as missing:
                    if missing.name != f"{app_name}.demo":
                        raise
                    continue
                module.seed(world, self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write(f"Password for every demo account: {world['password']}")
        self.stdout.write(f"Staff accounts use two-factor authentication with the TOTP secret {DEMO_TOTP_SECRET}")
        self.stdout.write("Add it to any authenticator app as a time-based key, then sign in with its 6-digit code.")
