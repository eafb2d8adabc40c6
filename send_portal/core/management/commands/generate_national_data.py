from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from send_portal.core import national_data


class Command(BaseCommand):
    help = (
        "Fill an empty database with synthetic national-scale SEND data for benchmarks: at --scale 1.0, 600,000 "
        "EHC plans in force and 150,000 requests a year over 3 years, with plan versions, advice, reviews and "
        "alternative provision placements with attendance. It refuses a database that holds EHC cases or "
        "children unless given --yes-i-mean-it, and always refuses one it has already filled."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0,
                            help="1.0 is England (600,000 plans); 0.001 is a quick smoke run.")
        parser.add_argument("--seed", type=int, default=2025, help="The same seed builds the same data.")
        parser.add_argument("--councils", type=int, default=national_data.DEFAULT_COUNCILS,
                            help="How many councils to spread the data over (each with districts and schools).")
        parser.add_argument("--yes-i-mean-it", action="store_true", dest="yes_i_mean_it",
                            help="Add synthetic data to a database that already holds EHC cases or children.")

    def handle(self, *args, scale, seed, councils, yes_i_mean_it, **options):
        if not scale > 0 or scale > 10:
            raise CommandError("The scale must be more than 0 and at most 10.")
        if not 1 <= councils <= 999:
            raise CommandError("The number of councils must be from 1 to 999.")
        reason = national_data.refusal(allow_existing=yes_i_mean_it)
        if reason:
            raise CommandError(reason)
        self.stdout.write(f"Generating national data at scale {scale} over {councils} councils (seed {seed})")
        report = national_data.generate(scale=scale, seed=seed, councils=councils, today=timezone.localdate(),
                                        log=self.stdout.write)
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("National data is ready."))
