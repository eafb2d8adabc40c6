from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from local_offer.services import MassWithdrawal, oruk_feed_decode, oruk_feed_fetch, oruk_feed_parse, oruk_import_from

MAX_FILE_BYTES = 20 * 1024 * 1024


class Command(BaseCommand):
    help = ("Import another area's Open Referral UK version 3 feed, from a JSON file or the feed's web address. "
            "Importing the same area again updates its services and withdraws those the feed no longer lists. "
            "If anything in the feed cannot be read, nothing is imported.")

    def add_arguments(self, parser):
        parser.add_argument("--source-name", required=True, help="The area the feed comes from.")
        where = parser.add_mutually_exclusive_group(required=True)
        where.add_argument("--file", help="A JSON file: a list of services, a page of /services, or one service.")
        where.add_argument("--url", help="The feed's base address, the part before /services.")
        parser.add_argument("--allow-withdrawing-most", action="store_true",
                            help="Import even if that withdraws more than half of the area's published services.")

    def handle(self, *args, **options):
        try:
            if options.get("file"):
                feed = oruk_feed_parse(self._read(Path(options["file"])))
            else:
                feed = oruk_feed_fetch(options["url"])
            source, result = oruk_import_from(source_name=options["source_name"], services=feed,
                                              url=options.get("url") or "",
                                              allow_mass_withdrawal=options["allow_withdrawing_most"])
        except MassWithdrawal as error:
            raise CommandError(" ".join(error.messages) + " Run the command again with --allow-withdrawing-most "
                               "if you expect that.") from error
        except ValidationError as error:
            raise CommandError("Nothing was imported. " + " ".join(error.messages)) from error
        self.stdout.write(f"Imported the feed from {source.name}: {result}.")

    def _read(self, path: Path):
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise CommandError(f"{path} is larger than 20MB.")
            raw = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Could not read {path}: {error.strerror or error}") from error
        try:
            return oruk_feed_decode(raw)
        except ValidationError as error:
            raise CommandError(f"Nothing was imported: {path}: {' '.join(error.messages)}.") from error
