from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from local_offer.api import export


class Command(BaseCommand):
    help = ("Write every published Local Offer service to a file: Open Referral UK JSON (a list of full services) "
            "or a CSV spreadsheet with one row per service.")

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--output", required=True, help="The file to write, or - for standard output.")

    def handle(self, *args, **options):
        if options["output"] == "-":
            self._write(self.stdout, options["format"])
            return
        path = Path(options["output"])
        try:
            with path.open("w", encoding="utf-8", newline="") as stream:
                self._write(stream, options["format"])
        except OSError as error:
            raise CommandError(f"Could not write {path}: {error.strerror or error}") from error
        self.stdout.write(f"Wrote the published services to {path}.")

    def _write(self, stream, fmt):
        if fmt == "csv":
            export.export_csv(stream)
        else:
            stream.write(export.export_json())
