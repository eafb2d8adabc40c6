"""Reads for the improvement plan tracker and the board pack."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils.safestring import mark_safe

from send_portal.core.access_policy import DASHBOARD_VIEWERS
from send_portal.organisations.models import Membership, OrganisationKind, Role
from send_portal.organisations.selectors import local_authorities_for

from . import periods
from .models import KPI, RAG, BoardPack, ExceptionReport, ImprovementPlan, KPIReading, PlanAction, Priority
from .selectors import councils_for

# People who shape the plan (add priorities, actions and KPIs, produce the board pack). Owners update their own.
PLAN_EDITORS = (Role.PARTNERSHIP_LEAD, Role.LA_MANAGER)
# The order of concern, worst first, for rolling a priority's status up from its actions and KPIs.
RAG_ORDER = [RAG.RED, RAG.AMBER, RAG.GREEN, RAG.NOT_STARTED]


def plans_for(user) -> QuerySet[ImprovementPlan]:
    """The improvement plans of the councils whose dashboards the person reads."""
    return ImprovementPlan.objects.filter(council__in=councils_for(user)).select_related("council")


def councils_editable_by(user):
    """The councils whose improvement plans the person shapes."""
    return local_authorities_for(user, *PLAN_EDITORS)


def can_edit(user, plan: ImprovementPlan) -> bool:
    return councils_editable_by(user).filter(pk=plan.council_id).exists()


def owners_for(council) -> QuerySet:
    """Everyone who can read this council's dashboards, and so can own part of its plan."""
    memberships = Membership.objects.filter(role__in=DASHBOARD_VIEWERS, ended_at__isnull=True).filter(
        Q(organisation=council) | Q(organisation__parent=council, organisation__kind=OrganisationKind.LA_TEAM))
    return get_user_model().objects.filter(pk__in=memberships.values("user_id"), is_active=True).order_by(
        "full_name", "email")


def kpi_rag(*, value: Decimal, baseline: Decimal, target: Decimal, higher_is_better: bool) -> str:
    """Green when the target is met; amber when better than the baseline but short of the target; red when no
    better than the baseline."""
    if not higher_is_better:
        value, baseline, target = -value, -baseline, -target
    if value >= target:
        return RAG.GREEN
    if value > baseline:
        return RAG.AMBER
    return RAG.RED


def rolled_up(statuses) -> str:
    """A priority's status: the worst of its actions' and KPIs' (not started when it has none started)."""
    statuses = set(statuses)
    return next((status for status in RAG_ORDER if status in statuses), RAG.NOT_STARTED)


def on_small_counts(reading: KPIReading | None) -> bool:
    """Whether a figure taken from a live indicator was worked out from counts of 1 to 4, so that people who see
    aggregates only (and the board pack) are shown "fewer than 5" instead. The rule is indicators.suppress."""
    return reading is not None and reading.rests_on_small_counts


def tracker(plan: ImprovementPlan) -> list[Priority]:
    """The plan's priorities with their actions, KPIs (with open exception reports) and each priority's rolled-up
    status as `rag` (and `rag_label`), in a constant number of queries. Each KPI also carries `bound` (its live
    indicator, or None), `on_small_counts` (its latest figure must be suppressed for aggregate-only readers) and
    `current_report` (the exception report for its current spell of red, or None)."""
    from . import catalogue

    priorities = list(plan.priorities.select_related("owner").prefetch_related(
        Prefetch("actions", queryset=PlanAction.objects.select_related("owner")),
        Prefetch("kpis", queryset=KPI.objects.select_related("owner").prefetch_related(
            Prefetch("exception_reports", queryset=ExceptionReport.objects.order_by("-red_since"))))))
    latest = {reading.kpi_id: reading for reading in KPIReading.objects.filter(
        kpi__priority__plan=plan, numerator__isnull=False, measured_on=F("kpi__measured_on"))}
    for priority in priorities:
        priority.rag = rolled_up([action.rag for action in priority.actions.all()]
                                 + [kpi.rag for kpi in priority.kpis.all()])
        priority.rag_label = RAG(priority.rag).label
        for kpi in priority.kpis.all():
            kpi.bound = catalogue.BY_SLUG.get(kpi.indicator) if kpi.indicator else None
            kpi.on_small_counts = on_small_counts(latest.get(kpi.pk))
            kpi.current_report = next((report for report in kpi.exception_reports.all()
                                       if kpi.red_since and report.red_since == kpi.red_since), None)
    return priorities


def exception_reports_waiting_for(user) -> QuerySet[ExceptionReport]:
    """Exception reports the person has been asked for and has not yet written, for KPIs still red."""
    return (ExceptionReport.objects.filter(kpi__owner=user, submitted_at__isnull=True, kpi__rag=RAG.RED,
                                           kpi__red_since=F("red_since"))
            .select_related("kpi__priority__plan"))


def rag_counts_by_plan(plans) -> dict[int, dict[str, dict[str, int]]]:
    """For a list of plans, how many actions and KPIs stand at each status (as rag_counts), in two queries."""
    counts = {plan.pk: {"actions": dict.fromkeys(RAG.values, 0), "kpis": dict.fromkeys(RAG.values, 0)}
              for plan in plans}
    for key, model in (("actions", PlanAction), ("kpis", KPI)):
        rows = (model.objects.filter(priority__plan__in=list(counts)).values("priority__plan", "rag")
                .annotate(count=Count("pk")).order_by())
        for row in rows:
            counts[row["priority__plan"]][key][row["rag"]] = row["count"]
    return counts


def rag_counts(priorities: list[Priority]) -> dict[str, dict[str, int]]:
    """How many actions and KPIs stand at each status, for the summary."""
    counts = {"actions": dict.fromkeys(RAG.values, 0), "kpis": dict.fromkeys(RAG.values, 0)}
    for priority in priorities:
        for action in priority.actions.all():
            counts["actions"][action.rag] += 1
        for kpi in priority.kpis.all():
            counts["kpis"][kpi.rag] += 1
    return counts


def quarter_for(day: dt.date) -> periods.Period:
    return periods.current(periods.QUARTER, day)


def quarters_offered(plan: ImprovementPlan, today: dt.date) -> list[periods.Period]:
    """The quarters of the plan's life up to the current one, newest first."""
    last = quarter_for(min(today, plan.ends_on))
    quarters = [quarter for quarter in periods.previous(last, 40) if quarter.end >= plan.starts_on]
    return list(reversed(quarters))


def board_packs(plan: ImprovementPlan) -> QuerySet[BoardPack]:
    return plan.board_packs.all()


def kpi_readings_in(kpi: KPI, period: periods.Period) -> QuerySet[KPIReading]:
    return kpi.readings.filter(measured_on__lte=period.end).order_by("-measured_on")


def exception_reports_for_quarter(plan: ImprovementPlan, period: periods.Period) -> QuerySet[ExceptionReport]:
    """The exception reports the board should see for a quarter: spells of red that began by its end and were
    asked for, answered, or still running during it."""
    return (ExceptionReport.objects.filter(kpi__priority__plan=plan, red_since__lte=period.end)
            .filter(Q(requested_at__date__gte=period.start) | Q(submitted_at__date__gte=period.start)
                    | Q(kpi__red_since=F("red_since")))
            .select_related("kpi__priority", "kpi__owner", "submitted_by").order_by("kpi__priority__number",
                                                                                     "red_since"))


def board_pack_indicators(plan: ImprovementPlan) -> list:
    """The indicators in the pack: the EHC timeliness measures, then any other indicator a KPI is bound to."""
    from . import catalogue, indicators

    bound = set(KPI.objects.filter(priority__plan=plan).exclude(indicator="").values_list("indicator", flat=True))
    return [indicator for indicator in catalogue.INDICATORS
            if indicator.theme == indicators.TIMELINESS or indicator.slug in bound]


def _as_at(priorities: list[Priority], plan: ImprovementPlan, day: dt.date) -> list[Priority]:
    """Each KPI's figure and status as they stood on `day` (its latest reading by then), so a pack for an earlier
    quarter shows that quarter. Actions keep no history, so they are shown as they stand now."""
    latest = {}
    for reading in KPIReading.objects.filter(kpi__priority__plan=plan, measured_on__lte=day).order_by("measured_on"):
        latest[reading.kpi_id] = reading
    for priority in priorities:
        for kpi in priority.kpis.all():
            reading = latest.get(kpi.pk)
            kpi.value = reading.value if reading else None
            kpi.measured_on = reading.measured_on if reading else None
            kpi.rag = reading.rag if reading else RAG.NOT_STARTED
            kpi.on_small_counts = on_small_counts(reading)
        priority.rag = rolled_up([action.rag for action in priority.actions.all()]
                                 + [kpi.rag for kpi in priority.kpis.all()])
        priority.rag_label = RAG(priority.rag).label
    return priorities


def board_pack_context(pack: BoardPack) -> dict:
    """Everything the pack shows. Figures are computed for the plan's council over the quarter, suppressed as a
    partnership lead sees them."""
    from django.utils import timezone

    from send_portal.core.glossary import GLOSSARY

    from . import charts, indicators, selectors

    plan = pack.plan
    period = periods.parse(periods.QUARTER, pack.quarter)
    councils = type(plan.council).objects.filter(pk=plan.council_id)
    filters = selectors.Filters(period)
    figures = []
    for indicator in board_pack_indicators(plan):
        result = indicators.result_for(indicator, councils, filters, suppressed=True)
        figures.append({"indicator": indicator, "result": result,
                        "rows": [{"label": row.label,
                                  "numerator": indicators.display(row.numerator, indicators.COUNT),
                                  "denominator": "" if row.denominator is None
                                  else indicators.display(row.denominator, indicators.COUNT),
                                  "value": indicators.display(row.value, indicator.unit)} for row in result.rows],
                        # Safe: charts.py draws it from the portal's figures and labels, which matplotlib escapes.
                        "chart": mark_safe(charts.chart_svg(result, f"chart-{indicator.slug}"))})  # noqa: S308 # nosec B308, B703
    priorities = _as_at(tracker(plan), plan, period.end)
    return {"plan": plan, "pack": pack, "period": period, "produced_on": timezone.localdate(),
            "priorities": priorities, "counts": rag_counts(priorities), "figures": figures,
            "exception_reports": list(exception_reports_for_quarter(plan, period)),
            "glossary": sorted(GLOSSARY.items())}
