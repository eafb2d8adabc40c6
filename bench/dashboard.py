"""Benchmark: the partnership dashboard at national scale on PostgreSQL.

    .venv/bin/python bench/dashboard.py                        # 600,000 plans over 150 councils, 20 runs a page
    .venv/bin/python bench/dashboard.py --scale 0.001 --runs 3 --cold-runs 1 --no-write     # smoke run
    .venv/bin/python bench/dashboard.py --try-setting jit=off \
        --try-index "CREATE INDEX bench_x ON ehc_planversion (case_id, issued_on)"

It builds (once) a database with `manage.py generate_national_data` at the chosen scale, then signs in as the
partnership lead of the largest council (the worst case: the dashboard counts one council's cases) and as one of
its caseworkers. The pages read stored figures (see "Stored figures" in dashboards/services.py): an hourly Celery
job counts each council's default dashboard, and a page whose figures are missing or over a day old counts and
stores them when it is opened. So for each person it measures the three paths separately:

- counting: it forgets the stored figures for the person's councils and counts their default dashboard with the
  same pieces the hourly job uses (`services._count` and `services._store`), timed once;
- stored: the dashboard home page and one indicator page, which should now read the stored figures and count
  nothing (it warns if the home page stores any figures);
- counted on opening (`--cold-runs`): the home page for the largest council's partnership lead with that council's
  stored figures forgotten before each request (outside the timing), which is what someone sees when opening a
  view nobody has counted in the last day, such as a new filter.

Pages are timed from request to rendered HTML through Django's test client, so no network. It reports the median
and 95th percentile, the number of queries, the time spent in the database, and the query plans (EXPLAIN
ANALYZE) of the slowest queries of the counted-on-opening home page. `--try-index` and `--try-setting` measure that
counting home page again (figures forgotten before each request) with an extra index in the benchmark database or
a PostgreSQL setting in every session, then undo it, so a change to counting can be judged before anyone makes it
in the code.

It uses its own database (`send_bench_dashboard` unless BENCH_DATABASE_URL is set) and never touches the
development database. The database comment records how the data was generated; `--fresh` starts again.
"""

import argparse
import json
import math
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL",
                                            "postgres://postgres@127.0.0.1:5432/send_bench_dashboard")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "send_portal.settings.base")
os.environ.setdefault("DEBUG", "1")

BENCH_TOTP_SECRET = "BENCHDASHBOARDTOTPSECRET23456789"
INDICATOR = "ehc-20-weeks-excluding-exceptions"


def _database() -> str:
    return os.environ["DATABASE_URL"].rsplit("/", 1)[1]


def setup_django(fresh: bool):
    import django
    import psycopg2

    database = _database()
    admin = psycopg2.connect(os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        if fresh:
            cursor.execute(f'DROP DATABASE IF EXISTS "{database}"')
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{database}"')
    admin.close()
    django.setup()
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    connections.close_all()


def _generation_note() -> dict | None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
                       [_database()])
        comment = cursor.fetchone()[0]
    return json.loads(comment) if comment else None


def generate(scale: float, seed: int, councils: int) -> dict:
    """The data, generated now unless an earlier run made it at the same scale; returns how it was made."""
    from django.core.management import call_command
    from django.db import connection

    from send_portal.core import national_data

    note = _generation_note()
    if note is not None:
        if (note["scale"], note["seed"], note["councils"]) != (scale, seed, councils):
            sys.exit(f"The benchmark database holds data generated at scale {note['scale']} (seed {note['seed']}, "
                     f"{note['councils']} councils). Run again with --fresh to build it at scale {scale}.")
        return {**note, "this_run": False}
    if national_data.refusal(allow_existing=False):
        sys.exit("The benchmark database holds data the generator did not record making. Run with --fresh.")
    started = time.monotonic()
    call_command("generate_national_data", scale=scale, seed=seed, councils=councils, stdout=sys.stdout)
    note = {"scale": scale, "seed": seed, "councils": councils, "seconds": round(time.monotonic() - started),
            "generated_on": time.strftime("%Y-%m-%d"), "rows": national_data.model_counts()}
    with connection.cursor() as cursor:
        cursor.execute(f'COMMENT ON DATABASE "{_database()}" IS %s', [json.dumps(note)])
        cursor.execute("VACUUM ANALYZE")  # a fresh visibility map and statistics, as autovacuum would leave them
    return {**note, "this_run": True}


def _signed_in_client(user):
    from allauth.mfa.totp.internal.auth import TOTP
    from allauth.mfa.utils import is_mfa_enabled
    from django.test import Client

    # Staff must have an authenticator app or the portal sends them to set one up.
    if not is_mfa_enabled(user):
        TOTP.activate(user, BENCH_TOTP_SECRET)
    client = Client()
    client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
    return client


def people():
    """The largest council (most EHC cases) and the median one, each with its partnership lead and a caseworker."""
    from django.db.models import Count

    from send_portal.core.national_data import GSS_PREFIX
    from send_portal.organisations.models import Membership, Organisation, OrganisationKind, Role

    councils = list(Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY,
                                                gss_code__startswith=GSS_PREFIX)
                    .annotate(cases=Count("ehc_cases")).order_by("-cases", "pk"))
    chosen = {"largest": councils[0], "median": councils[len(councils) // 2]}
    found = {}
    for size, council in chosen.items():
        lead = Membership.objects.filter(organisation=council, role=Role.PARTNERSHIP_LEAD).first().user
        caseworker = Membership.objects.filter(organisation__parent=council, role=Role.LA_CASEWORKER).first().user
        found[size] = (council, {"partnership lead": lead, "caseworker": caseworker})
    return found


STORED_FIGURES_INSERT = 'INSERT INTO "dashboards_storedfigures"'


def _time(client, path: str, runs: int, max_seconds: float, before_each=None) -> dict:
    """Time `runs` requests after one to warm up, stopping early once `max_seconds` have gone (a page taking
    minutes gets fewer runs rather than holding the benchmark for hours). `before_each` runs before each timed
    request, outside the timing. `stored` counts the requests, the warm-up included, that stored figures."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    started = time.monotonic()
    warm = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)  # warm caches, connections and matplotlib's fonts
    assert response.status_code == 200, (path, response.status_code)
    warm_ms = (time.perf_counter() - warm) * 1000
    stored = int(_stores_figures(captured.captured_queries))
    timings, queries, slowest = [], [], []
    while len(timings) < runs and (not timings or time.monotonic() - started < max_seconds):
        if before_each is not None:
            before_each()
        with CaptureQueriesContext(connection) as captured:
            began = time.perf_counter()
            response = client.get(path)
            total_ms = (time.perf_counter() - began) * 1000
        assert response.status_code == 200, (path, response.status_code)
        queries.append(len(captured.captured_queries))
        stored += _stores_figures(captured.captured_queries)
        timings.append((total_ms, sum(float(query["time"]) for query in captured.captured_queries) * 1000))
        slowest = sorted(captured.captured_queries, key=lambda query: -float(query["time"]))
    totals = sorted(total for total, _ in timings)
    # The 95th percentile by nearest rank: with few runs it is the slowest one.
    return {"median": statistics.median(totals), "p95": totals[math.ceil(len(totals) * 0.95) - 1],
            "database_median": statistics.median(database for _, database in timings), "runs": len(timings),
            "warm_ms": warm_ms, "queries": max(queries), "slowest": slowest, "stored": stored}


def _stores_figures(captured_queries) -> bool:
    return any(query["sql"].lstrip().startswith(STORED_FIGURES_INSERT) for query in captured_queries)


def _council_ids(user) -> list[int]:
    """The councils whose figures the person sees, as the dashboard views work them out."""
    from dashboards import selectors

    return list(selectors.councils_for(user).values_list("pk", flat=True))


def forget_figures(council_ids) -> None:
    """Forget every stored view for these councils, so the next page or count starts from nothing."""
    from dashboards import services
    from dashboards.models import StoredFigures

    StoredFigures.objects.filter(councils_key=services.councils_key_of(council_ids)).delete()


def count_default_dashboard(council_ids) -> dict:
    """Forget the councils' stored figures, then count and store their default dashboard (every indicator, the
    latest period of the default type, no other filters) exactly as the hourly job `services.figures_refresh`
    does for one set of councils, timed once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from dashboards import catalogue, periods, selectors, services

    forget_figures(council_ids)
    with CaptureQueriesContext(connection) as captured:
        began = time.perf_counter()
        services.count_view(council_ids, selectors.Filters(periods.current(periods.DEFAULT_TYPE,
                                                                           timezone.localdate())))
        total_ms = (time.perf_counter() - began) * 1000
    database_ms = sum(float(query["time"]) for query in captured.captured_queries) * 1000
    return {"median": total_ms, "p95": total_ms, "database_median": database_ms, "runs": 1, "warm_ms": 0.0,
            "queries": len(captured.captured_queries), "slowest": [], "stored": 1,
            "indicators": len(catalogue.INDICATORS)}


def _plan(sql: str) -> dict:
    """EXPLAIN ANALYZE of one captured query: its times (planning, execution, JIT compilation) and the plan's
    scan, join and aggregate lines."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        lines = [row[0] for row in cursor.fetchall()]

    def ms(prefix):
        line = next((line.strip() for line in lines if line.strip().startswith(prefix)), "")
        return float(line.split(":")[1].split()[0]) if line else 0.0

    jit = next((line.strip() for line in lines if line.strip().startswith("Timing: Generation")), "")
    jit_total = float(jit.rsplit("Total", 1)[1].split()[0]) if jit else 0.0
    keep = ("Scan", "Join", "Loop", "Aggregate", "SubPlan", "Sort", "Hash")
    nodes = [line.strip().removeprefix("->  ").split("  (cost")[0] + _actual(line)
             for line in lines if any(word in line for word in keep) and "Buckets" not in line]
    return {"sql_length": len(sql), "start": sql[:90], "planning": ms("Planning Time"), "execution": ms(
        "Execution Time"), "jit": jit_total, "nodes": nodes[:20]}


def _actual(line: str) -> str:
    if "actual time" not in line:
        return ""
    actual = line[line.index("actual time"):].rstrip(")")
    return f" ({actual})"


PAGES = (("home", "/dashboards/"), ("indicator", f"/dashboards/{INDICATOR}/"))
COUNTING = "counting the default dashboard (the hourly job's work for one council)"
COLD = "home, counted on opening"


def _print(label: str, result: dict) -> None:
    print(f"{label}: median {result['median']:,.0f} ms, p95 {result['p95']:,.0f} ms over {result['runs']} runs, "
          f"database {result['database_median']:,.0f} ms, {result['queries']} queries", flush=True)


def measure(options, found) -> list[dict]:
    """For each person: count their councils' default dashboard from nothing as the hourly job does, then time
    the pages, which should read what was just stored."""
    rows = []
    sizes = ("largest", "median") if options.median else ("largest",)
    for size, (council, users) in found.items():
        if size not in sizes:
            continue
        for role, user in users.items():
            council_ids = _council_ids(user)
            result = count_default_dashboard(council_ids)
            result.update(size=size, council=council, role=role, page=COUNTING, path="", plans=[])
            rows.append(result)
            print(f"{size} council ({council.cases:,} cases), {role}, {COUNTING}: {result['median'] / 1000:,.1f} s, "
                  f"database {result['database_median'] / 1000:,.1f} s, {result['queries']} queries for "
                  f"{result['indicators']} indicators", flush=True)
            client = _signed_in_client(user)
            for page, path in PAGES:
                result = _time(client, path, options.runs, options.max_seconds)
                result.update(size=size, council=council, role=role, page=page, path=path, plans=[])
                rows.append(result)
                _print(f"{size} council ({council.cases:,} cases), {role}, {path} from stored figures", result)
                if result["stored"]:
                    print(f"WARNING: {path} counted and stored figures in {result['stored']} of its requests after "
                          "the default dashboard was counted: the page asks for a view the hourly job does not "
                          "count, so its timings include counting.", flush=True)
    return rows


def measure_cold(options, found) -> dict:
    """The home page for the largest council's partnership lead with that council's stored figures forgotten
    before each timed request: what a person sees when opening a view nobody has counted in the last day."""
    council, users = found["largest"]
    user = users["partnership lead"]
    council_ids = _council_ids(user)
    result = _time(_signed_in_client(user), "/dashboards/", options.cold_runs, options.max_seconds,
                   before_each=lambda: forget_figures(council_ids))
    selects = [query for query in result["slowest"] if query["sql"].lstrip().upper().startswith(("SELECT", "WITH"))]
    result.update(size="largest", council=council, role="partnership lead", page=COLD, path="/dashboards/",
                  plans=[_plan(query["sql"]) for query in selects[:options.explain]])
    _print(f"largest council ({council.cases:,} cases), partnership lead, /dashboards/ counted on opening", result)
    return result


def experiment(changes: list[tuple[str, str, str]], options, found) -> dict:
    """The home page counted on opening (the largest council's stored figures forgotten before each request) for
    its partnership lead, with changes (label, setup, teardown) made together: an index in the benchmark database
    or a setting in every database session. Everything is undone afterwards."""
    from django.db import connection
    from django.db.backends.signals import connection_created

    settings = [setup for _, setup, _ in changes if setup.upper().startswith("SET ")]

    def session_setup(sender, connection, **kwargs):
        with connection.cursor() as cursor:
            for setup in settings:
                cursor.execute(setup)

    _, users = found["largest"]
    user = users["partnership lead"]
    council_ids = _council_ids(user)
    client = _signed_in_client(user)
    try:
        for _, setup, _ in changes:
            if not setup.upper().startswith("SET "):
                with connection.cursor() as cursor:
                    cursor.execute(setup)
                    cursor.execute("ANALYZE")
        if settings:
            connection_created.connect(session_setup)  # the connection may be closed and opened between runs
            session_setup(None, connection)
        result = _time(client, "/dashboards/", options.cold_runs, options.max_seconds,
                       before_each=lambda: forget_figures(council_ids))
    finally:
        connection_created.disconnect(session_setup)
        with connection.cursor() as cursor:
            for _, _, teardown in changes:
                if teardown:
                    cursor.execute(teardown)
    label = " + ".join(label for label, _, _ in changes)
    _print(f"with {label}, home counted on opening", result)
    return {"label": label, "after": result}


def machine() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0].split()[0]
    return (f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, PostgreSQL "
            f"{version}, through Django's test client (whole page: queries, charts and rendered HTML)")


def report(options, note: dict, rows: list[dict], cold: dict, experiments: list[dict]) -> list[str]:
    command = "`.venv/bin/python bench/dashboard.py"
    if options.scale != 1.0:
        command += f" --scale {options.scale}"
    command += f" --runs {options.runs} --cold-runs {options.cold_runs}"
    command += " --median" if options.median else ""
    command += "".join(f' --try-setting "{setting}"' for setting in options.try_setting)
    command += "".join(f' --try-index "{statement}"' for statement in options.try_index)
    command += " --try-together" if options.try_together else ""
    command += "`"
    generated = (f"generated in {note['seconds']:,} s" + (" this run" if note["this_run"]
                                                          else f" on {note['generated_on']} by an earlier run"))

    def largest_lead(page):
        return next(row for row in rows if row["size"] == "largest" and row["role"] == "partnership lead"
                    and row["page"] == page)

    home, counting = largest_lead("home"), largest_lead(COUNTING)
    met = ("met" if home["median"] < 1000 else "not met") if options.scale == 1.0 else \
        f"not tested (this run is at scale {options.scale})"
    lines = [
        "## Dashboard", "",
        f"- Command: {command}",
        f"- Machine: {machine()}",
        f"- Data: `manage.py generate_national_data --scale {note['scale']} --seed {note['seed']} --councils "
        f"{note['councils']}`, {generated}",
        "- Rows: " + ", ".join(f"{label.split('.')[1]} {count:,}" for label, count in note["rows"].items()),
        "- Design: the pages read figures that an hourly Celery job counts, each page says when its figures were "
        "counted, and a view nobody has counted in the last day (a new filter, say) is counted when it is opened.",
        f"- Dashboard home page from stored figures, for the largest council's partnership lead: median "
        f"**{home['median']:,.0f} ms**, 95th percentile {home['p95']:,.0f} ms over {home['runs']} runs, "
        f"{home['queries']} queries ({home['database_median']:,.0f} ms of the median in the database)"
        + (f"; **warning**: it stored figures in {home['stored']} requests, so these timings include counting"
           if home["stored"] else ""),
        f"- Counting the largest council's default dashboard (the hourly job's work for one council, "
        f"{counting['indicators']} indicators): **{counting['median'] / 1000:,.1f} s**, {counting['queries']} "
        f"queries ({counting['database_median'] / 1000:,.1f} s in the database)",
        f"- Home page counted on opening (its figures forgotten before each request, as for a view nobody has counted "
        f"in the last day): median **{cold['median']:,.0f} ms**, 95th percentile {cold['p95']:,.0f} ms over "
        f"{cold['runs']} runs, {cold['queries']} queries ({cold['database_median']:,.0f} ms of the median in the "
        "database)",
        f"- Budget: the home page's median from stored figures under 1 second at national scale (600,000 plans): "
        f"**{met}**.", "",
        "| Council (EHC cases) | Signed in as | Page | Runs | Median ms | 95th percentile ms | Database ms | Queries |",
        "|---|---|---|---|---|---|---|---|",
        *[f"| {row['size']} ({row['council'].cases:,}) | {row['role']} | "
          + (f"{row['page']}: `{row['path']}`" if row["page"] == COLD else f"`{row['path']}` from stored figures"
             if row["path"] else row["page"])
          + f" | {row['runs']} | {row['median']:,.0f} | {row['p95']:,.0f} | {row['database_median']:,.0f} | "
          f"{row['queries']} |" for row in [*rows, cold]],
        "",
    ]
    if experiments:
        lines += ["Changes tried on counting: the home page counted on opening (largest council, partnership lead, "
                  "its stored figures forgotten before each request), each change undone afterwards:", ""]
        lines += [f"- `{item['label']}`: median {cold['median']:,.0f} ms → **{item['after']['median']:,.0f} ms** "
                  f"(95th percentile {item['after']['p95']:,.0f} ms over {item['after']['runs']} runs), database "
                  f"{cold['database_median']:,.0f} ms → {item['after']['database_median']:,.0f} ms, "
                  f"{item['after']['queries']} queries" for item in experiments]
        lines.append("")
    if cold["plans"]:
        lines += ["The slowest queries of the home page counted on opening (largest council, partnership lead; the "
                  "page from stored figures has no slow queries), with EXPLAIN (ANALYZE, BUFFERS):", ""]
    for number, plan in enumerate(cold["plans"], start=1):
        lines += [f"{number}. `{plan['start']}…` ({plan['sql_length']:,} characters of SQL): planning "
                  f"{plan['planning']:,.1f} ms, execution {plan['execution']:,.1f} ms, of which JIT compilation "
                  f"{plan['jit']:,.1f} ms", "", "   ```", *(f"   {line}" for line in plan["nodes"]), "   ```", ""]
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 is England: 600,000 plans")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--councils", type=int, default=150)
    parser.add_argument("--runs", type=int, default=20, help="Timed requests per page and person")
    parser.add_argument("--cold-runs", type=int, default=2,
                        help="Timed requests of the home page counted on opening (figures forgotten before each), "
                             "and of each --try-* change")
    parser.add_argument("--max-seconds", type=float, default=300,
                        help="Stop timing a page after this long, whatever --runs says")
    parser.add_argument("--median", action="store_true", help="Measure the median-sized council too")
    parser.add_argument("--explain", type=int, default=3,
                        help="How many of the slowest queries of the home page counted on opening to EXPLAIN")
    parser.add_argument("--try-index", action="append", default=[], metavar="SQL",
                        help="A CREATE INDEX statement to measure the home page counted on opening with, then drop "
                             "(repeatable)")
    parser.add_argument("--try-setting", action="append", default=[], metavar="NAME=VALUE",
                        help="A PostgreSQL setting to measure the home page counted on opening with, for example "
                             "jit=off (repeatable)")
    parser.add_argument("--try-together", action="store_true", help="Also measure with every change tried at once")
    parser.add_argument("--fresh", action="store_true", help="Drop the benchmark database and generate again")
    parser.add_argument("--generate-only", action="store_true", help="Build the data and stop")
    parser.add_argument("--no-write", action="store_true", help="Print the results without writing RESULTS.md")
    options = parser.parse_args()
    if options.runs < 1 or options.cold_runs < 1:
        parser.error("--runs and --cold-runs must each be at least 1")
    setup_django(options.fresh)
    note = generate(options.scale, options.seed, options.councils)
    if options.generate_only:
        print(json.dumps(note, indent=2))
        return
    found = people()
    rows = measure(options, found)
    cold = measure_cold(options, found)
    changes = []
    for setting in options.try_setting:
        name, value = setting.split("=", 1)
        changes.append((setting, f"SET {name} = {value}", f"RESET {name}"))
    for statement in options.try_index:
        name = statement.split(" ON ")[0].split()[-1]
        changes.append((statement, statement, f"DROP INDEX IF EXISTS {name}"))
    experiments = [experiment([change], options, found) for change in changes]
    if options.try_together and len(changes) > 1:
        experiments.append(experiment(changes, options, found))
    lines = report(options, note, rows, cold, experiments)
    print("\n".join(lines))
    if not options.no_write:
        results = ROOT / "bench" / "RESULTS.md"
        text = results.read_text() if results.exists() else "# Benchmark results\n\n"
        notes = ""
        start = text.find("## Dashboard")
        if start != -1:
            end = text.find("\n## ", start + 1)
            section = text[start:end + 1] if end != -1 else text[start:]
            if "### Notes" in section:  # written by hand about the figures: kept until someone edits it
                notes = section[section.index("### Notes"):].rstrip("\n") + "\n"
            text = text[:start] + text[end + 1:] if end != -1 else text[:start]
        results.write_text(text.rstrip("\n") + "\n\n" + "\n".join(lines).rstrip("\n") + "\n"
                           + ("\n" + notes if notes else ""))


if __name__ == "__main__":
    main()
