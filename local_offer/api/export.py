"""Every published service as one download: Open Referral UK JSON (a list of full services), or a flat CSV
with one row per service for people who work in spreadsheets."""

import csv
import json

from django.core.serializers.json import DjangoJSONEncoder

from send_portal.core.csv_safety import safe_cell

from .. import selectors
from ..models import Taxonomy
from .serializers import service_data

CSV_COLUMNS = [
    "id", "name", "organisation", "description", "status", "url", "email", "phone", "minimum_age", "maximum_age",
    "free", "fees", "categories", "needs", "audiences", "how_to_start", "addresses", "postcodes", "last_checked",
    "last_modified",
]


def export_services() -> list[dict]:
    return [service_data(service) for service in selectors.oruk_services_full()]


def export_json() -> str:
    return json.dumps(export_services(), cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)


def _terms(service, purpose) -> str:
    return "; ".join(term.name for term in service.terms.all() if term.taxonomy.purpose == purpose)


def _csv_row(service) -> list:
    places = [at.location for at in service.service_at_locations.all()]
    addresses = [", ".join(part for part in (p.name, p.address_1, p.address_2, p.city, p.postcode) if part)
                 for p in places]
    return [
        service.pk, service.name, service.organisation.name, service.description, service.get_status_display(),
        service.url, service.email, service.phone, service.minimum_age, service.maximum_age,
        "yes" if service.is_free else "no", service.fees_description,
        _terms(service, Taxonomy.Purpose.CATEGORIES), _terms(service, Taxonomy.Purpose.NEEDS),
        _terms(service, Taxonomy.Purpose.AUDIENCES), service.application_process, " | ".join(addresses),
        "; ".join(p.postcode for p in places if p.postcode),
        service.last_reviewed_on.isoformat() if service.last_reviewed_on else "",
        service.last_modified.isoformat(timespec="seconds"),
    ]


def export_csv(stream) -> None:
    writer = csv.writer(stream)
    writer.writerow(CSV_COLUMNS)
    for service in selectors.oruk_services_full():
        writer.writerow([safe_cell(cell) for cell in _csv_row(service)])
