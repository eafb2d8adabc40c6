"""Benchmark: Local Offer search at scale on PostgreSQL.

    .venv/bin/python bench/local_offer_search.py                 # 20,000 services, 300 searches
    .venv/bin/python bench/local_offer_search.py --services 200 --runs 10 --no-write   # smoke run

It builds (once) a database of synthetic services with categories, needs, locations and schedules, then times
the whole search page (request to rendered HTML, through Django's test client, so no network) for a mix of
filtered keyword searches, and reports the median and 95th percentile. It uses its own database
(`bench_local_offer` unless BENCH_DATABASE_URL is set) and never touches the development database.
"""

import argparse
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL",
                                            "postgres://postgres@127.0.0.1:5432/bench_local_offer")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "send_portal.settings.base")
os.environ.setdefault("DEBUG", "1")

WORDS = ["autism", "sensory", "swimming", "speech", "language", "therapy", "holiday", "club", "support", "group",
         "parents", "carers", "youth", "music", "art", "football", "dyslexia", "hearing", "sight", "wheelchair",
         "college", "training", "independent", "living", "advice", "benefits", "transport", "short", "breaks",
         "nursery", "play", "drama", "cooking", "gardening", "coding", "wellbeing", "anxiety", "mentoring"]
# Real descriptions share few words: most of each one is ordinary prose, with a handful of topic words. A filler
# vocabulary of made-up words keeps any one topic word in a realistic few per cent of listings.
SYLLABLES = ["ba", "ko", "ri", "te", "mu", "sa", "lo", "ven", "dar", "pel", "quo", "nis", "tra", "gel", "fon"]
FILLER = sorted({a + b + c for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES})[:3000]
QUERIES = [
    {"q": "autism", "category": "leisure", "age": "9"},
    {"q": "speech therapy", "need": "communication_interaction"},
    {"q": "holiday club", "free": "on", "age": "12"},
    {"q": "swiming", "day": "SA"},  # a typo, so trigram matching is in the mix
    {"q": "support group", "category": "information", "postcode": "EX1 1AA", "radius": "10"},
    {"q": "college", "category": "adulthood", "age": "19", "sort": "relevance"},
    {"category": "health", "need": "physical", "postcode": "EX4 3SR", "sort": "distance"},
    {"q": "wellbeing anxiety", "delivery": "online"},
]


def setup_django():
    import django
    from django.db import connections

    database = os.environ["DATABASE_URL"].rsplit("/", 1)[1]
    import psycopg2

    admin = psycopg2.connect(os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{database}"')
    admin.close()
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    connections.close_all()


def generate(count: int) -> float:
    """Bulk-create synthetic published services until there are `count`; returns the seconds taken."""
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from local_offer import services
    from local_offer.models import (
        DirectoryOrganisation,
        Location,
        Postcode,
        Schedule,
        Service,
        ServiceAtLocation,
        TaxonomyTerm,
    )

    started = time.monotonic()
    existing = Service.objects.count()
    if existing >= count:
        return 0.0
    services.taxonomies_ensure()
    if not Postcode.objects.filter(postcode__startswith="EX").exists():
        call_command("load_postcodes", "--prefix", "EX", verbosity=0)
    grid = list(Postcode.objects.filter(postcode__startswith="EX")
                .values_list("postcode", "easting", "northing")[:5000])
    categories = list(TaxonomyTerm.objects.filter(taxonomy__purpose="categories"))
    needs = list(TaxonomyTerm.objects.filter(taxonomy__purpose="needs"))
    rng = random.Random(20000)
    today = timezone.localdate()
    organisations = [DirectoryOrganisation.objects.create(name=f"Bench organisation {n}", description="Synthetic.")
                     for n in range(existing // 50, count // 50 + 1)]
    batch = 2000
    for start in range(existing, count, batch):
        with transaction.atomic():
            rows = []
            for n in range(start, min(count, start + batch)):
                low = rng.randint(0, 20)
                topic = rng.sample(WORDS, 3)
                description = rng.choices(FILLER, k=35) + topic + rng.sample(WORDS, 2)
                rng.shuffle(description)
                rows.append(Service(
                    organisation=organisations[(n // 50) % len(organisations)],
                    name=f"{' '.join(topic).title()} {n}", description=" ".join(description), visibility="published",
                    is_free=rng.random() < 0.5, minimum_age=low, maximum_age=rng.randint(low, 25),
                    offers_online=rng.random() < 0.2, offers_phone=rng.random() < 0.2,
                    last_reviewed_on=today, review_due_on=today))
            created = Service.objects.bulk_create(rows)
            through = Service.terms.through
            through.objects.bulk_create(
                [through(service_id=s.pk, taxonomyterm_id=t.pk) for s in created
                 for t in {rng.choice(categories), rng.choice(needs), rng.choice(needs)}])
            locations = []
            for s in created:
                postcode, east, north = rng.choice(grid)
                locations.append(Location(name=f"Venue for {s.name}", postcode=postcode, easting=east,
                                          northing=north, address_1="1 High Street", city="Exampleton"))
            Location.objects.bulk_create(locations)
            ats = ServiceAtLocation.objects.bulk_create(
                [ServiceAtLocation(service=s, location=loc) for s, loc in zip(created, locations, strict=True)])
            Schedule.objects.bulk_create(
                [Schedule(service_at_location=at, freq="WEEKLY", byday=rng.choice(["MO", "SA", "WE,FR", "TU,TH"]))
                 for at in ats])
            services.search_text_refresh([s.pk for s in created])
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return time.monotonic() - started


def measure(runs: int):
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    for query in QUERIES:  # warm caches and connections
        assert client.get("/local-offer/search/", query).status_code == 200
    timings, queries = [], []
    by_query = {n: [] for n in range(len(QUERIES))}
    for n in range(runs):
        query = QUERIES[n % len(QUERIES)]
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get("/local-offer/search/", query)
            timings.append((time.perf_counter() - started) * 1000)
            by_query[n % len(QUERIES)].append(timings[-1])
        assert response.status_code == 200, response.status_code
        queries.append(len(captured.captured_queries))
    timings.sort()
    return {"median": statistics.median(timings), "p95": timings[int(len(timings) * 0.95) - 1],
            "max_queries": max(queries),
            "per_query": [(QUERIES[n], statistics.median(times)) for n, times in by_query.items() if times]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--services", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--no-write", action="store_true", help="Print the results without writing RESULTS.md")
    options = parser.parse_args()
    setup_django()
    from local_offer.models import Service

    seconds = generate(options.services)
    total = Service.objects.filter(visibility="published").count()
    result = measure(options.runs)
    lines = [
        "## Local Offer search", "",
        f"- Command: `.venv/bin/python bench/local_offer_search.py --services {options.services} "
        f"--runs {options.runs}`",
        f"- Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"PostgreSQL through Django's test client (whole page: query, count and rendered HTML)",
        f"- Published services: {total} (generated in {seconds:.0f} s this run; 0 means they already existed)",
        f"- Filtered keyword search, first page of 20: median **{result['median']:.1f} ms**, "
        f"95th percentile {result['p95']:.1f} ms, at most {result['max_queries']} queries per page",
        "- Budget: median under 50 ms at 20,000 services.", "",
        "| Search (query string) | Median ms |", "|---|---|",
        *[f"| `{'&'.join(f'{k}={v}' for k, v in query.items())}` | {median:.1f} |"
          for query, median in result["per_query"]],
        "",
    ]
    print("\n".join(lines))
    if not options.no_write:
        results = ROOT / "bench" / "RESULTS.md"
        text = results.read_text() if results.exists() else "# Benchmark results\n\n"
        start = text.find("## Local Offer search")
        if start != -1:
            end = text.find("\n## ", start + 1)
            text = text[:start] + text[end + 1:] if end != -1 else text[:start]
        results.write_text(text.rstrip("\n") + "\n\n" + "\n".join(lines))


if __name__ == "__main__":
    main()
