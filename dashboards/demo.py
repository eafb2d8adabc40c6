"""Demo data for the partnership dashboards: Exampleshire's population estimate, the indicators it publishes on
its "How we are doing" page, ten fictional statistical neighbours with made-up 20-week figures, and its priority
action plan with priorities, actions, and key performance
indicators (KPIs), some bound to live indicators and one recorded by hand, read once so the tracker shows their
status. Safe to run again: it finds what exists and adds what is
missing."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from . import national, services
from .models import AreaFigure, ImprovementPlan, PopulationEstimate, PublishedIndicator, StatisticalNeighbour

POPULATION_SOURCE = "Office for National Statistics (ONS) mid-year population estimates (fictional for the demo)"
DEMO_FIGURES_SOURCE = "Demonstration figures, not published data"
# Exampleshire is fictional, so its neighbours are too: codes 990 to 999 belong to no real local authority, and
# the figures are made up. Each is (rank, code, name, 20-week percentage excluding exceptions in 2022).
DEMO_BASES = ("55.0", "41.5", "63.2", "48.9", "36.4", "58.7", "44.1", "70.3", "51.6", "39.8")
DEMO_NEIGHBOURS = [(rank, str(989 + rank), f"Neighbour council {letter} (demo)", Decimal(base))
                   for rank, (letter, base) in enumerate(zip("ABCDEFGHIJ", DEMO_BASES, strict=True), start=1)]
DEMO_DRIFT = {2022: Decimal("0.0"), 2023: Decimal("1.4"), 2024: Decimal("-2.3")}


def seed(world, stdout):
    council = world["council"]
    today = timezone.localdate()
    for year, population in ((today.year - 2, 171_400), (today.year - 1, 172_900), (today.year, 174_300)):
        PopulationEstimate.objects.get_or_create(council=council, year=year,
                                                 defaults={"aged_0_to_25": population, "source": POPULATION_SOURCE})
    for position, slug in enumerate(("ehc-20-weeks-excluding-exceptions", "ehc-decisions-to-assess-6-weeks",
                                     "ehc-requests-by-source")):
        PublishedIndicator.objects.get_or_create(council=council, indicator=slug, defaults={"position": position})
    seed_neighbours(council)
    if ImprovementPlan.objects.filter(council=council).exists():
        return
    lead, manager, caseworker = world["lead"], world["manager"], world["caseworker"]
    plan = services.plan_create(council=council, user=lead, kind=ImprovementPlan.Kind.PRIORITY_ACTION_PLAN,
                                title="Exampleshire SEND priority action plan",
                                starts_on=today - dt.timedelta(days=200), ends_on=today + dt.timedelta(days=530))
    timeliness = services.priority_add(
        plan=plan, user=lead, owner=manager, title="Issue education, health and care (EHC) plans on time",
        description="Families wait too long for EHC needs assessments and plans. We will meet the 20-week time limit.")
    voice = services.priority_add(
        plan=plan, user=lead, owner=lead, title="Families' views shape the support on offer",
        description="Co-production with the parent carer forum in every part of the plan.")

    recruit = services.action_add(priority=timeliness, user=lead, owner=manager,
                                  title="Recruit two more educational psychologists",
                                  baseline="4 full-time educational psychologists",
                                  target="6 in post", due_on=today + dt.timedelta(days=60))
    services.action_update(action=recruit, user=manager, expected_version=recruit.version, rag="amber",
                           progress="One appointed and starting next month; the second post is being advertised again.")
    tracker = services.action_add(priority=timeliness, user=lead, owner=caseworker,
                                  title="Weekly caseload review of every case past 14 weeks",
                                  target="Every case past 14 weeks reviewed each week",
                                  due_on=today - dt.timedelta(days=30))
    services.action_update(action=tracker, user=caseworker, expected_version=tracker.version, rag="green",
                           progress="Running every Thursday since the summer.",
                           completed_on=today - dt.timedelta(days=40))
    forum = services.action_add(priority=voice, user=lead, owner=lead,
                                title="Publish \"You said, we did\" every quarter with the parent carer forum",
                                target="Four quarterly updates published", due_on=today + dt.timedelta(days=300))
    services.action_update(action=forum, user=lead, expected_version=forum.version, rag="green",
                           progress="Two published on the Local Offer.")

    services.kpi_add(priority=timeliness, user=lead, owner=manager,
                     title="New EHC plans issued within 20 weeks (excluding exceptions)",
                     indicator="ehc-20-weeks-excluding-exceptions", baseline=Decimal("38.0"), target=Decimal("60.0"),
                     target_date=plan.ends_on)
    services.kpi_add(priority=timeliness, user=lead, owner=manager,
                     title="Decisions whether to assess made within 6 weeks",
                     indicator="ehc-decisions-to-assess-6-weeks", baseline=Decimal("70.0"), target=Decimal("95.0"),
                     target_date=plan.ends_on)
    satisfaction = services.kpi_add(
        priority=voice, user=lead, owner=lead, title="Parents and carers who say they were listened to (forum survey)",
        baseline=Decimal("41.0"), target=Decimal("65.0"), target_date=plan.ends_on, higher_is_better=True)
    services.kpi_record_reading(kpi=satisfaction, value=Decimal("48.0"), measured_on=today - dt.timedelta(days=90),
                                user=lead)
    readings = services.kpis_refresh(today=today)
    stdout.write(f"Improvement plan: 2 priorities, 3 actions, 3 KPIs ({readings} read from live indicators).")


def seed_neighbours(council):
    """Exampleshire's ten fictional neighbours and their made-up 20-week figures for 2022 to 2024. Neighbour J has
    no 2022 figure, so the average shows a year with fewer neighbours."""
    national.replace_neighbours(StatisticalNeighbour, council, [
        {"rank": rank, "area_code": code, "area_name": name} for rank, code, name, _ in DEMO_NEIGHBOURS])
    figures = []
    for rank, code, name, base in DEMO_NEIGHBOURS:
        for year, drift in DEMO_DRIFT.items():
            if rank == 10 and year == 2022:
                continue
            excluding = base + drift
            # Counting plans with an exception lowers the figure a little.
            including = excluding - Decimal("0.6") * (rank % 3 + 1)
            for indicator, value in (("ehc-20-weeks-excluding-exceptions", excluding),
                                     ("ehc-20-weeks-including-exceptions", including)):
                figures.append({"area_code": code, "area_name": name, "indicator": indicator, "year": year,
                                "value": value, "source": DEMO_FIGURES_SOURCE})
    national.save_rows(AreaFigure, figures, keys=national.AREA.keys)
