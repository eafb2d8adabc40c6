"""The England comparison figures shipped with the portal (dashboards/data/england.csv)."""

import csv
from decimal import Decimal
from pathlib import Path

ENGLAND_CSV = Path(__file__).resolve().parent / "data" / "england.csv"


def england_rows(path: Path = ENGLAND_CSV) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [{"indicator": row["indicator"].strip(), "year": int(row["year"]), "value": Decimal(row["value"]),
                 "source": row["source"].strip()} for row in csv.DictReader(handle)]


def load(model, path: Path = ENGLAND_CSV) -> tuple[int, int]:
    """Create or update one row per indicator and year; running it again changes nothing. `model` is passed in so
    a data migration can use its historical model. Returns (created, updated)."""
    created = updated = 0
    for row in england_rows(path):
        existing = model.objects.filter(indicator=row["indicator"], year=row["year"]).first()
        if existing is None:
            model.objects.create(**row)
            created += 1
        elif (existing.value, existing.source) != (row["value"], row["source"]):
            existing.value, existing.source = row["value"], row["source"]
            existing.save(update_fields=["value", "source"])
            updated += 1
    return created, updated
