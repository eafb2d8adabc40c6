"""State changes for the dashboards: the stored figures the pages read; and for the improvement plan, its
priorities, actions and key performance indicators (KPIs), KPI readings and the RAG (red, amber, green) status they
give, exception reports, and the quarterly board pack."""

import dataclasses
import datetime as dt
import json
import logging
from collections import defaultdict
from dataclasses import replace
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from send_portal.core.pdf import pdf_from_html
from send_portal.notifications.services import notification_queue
from send_portal.organisations.models import Organisation, OrganisationKind

from . import catalogue, indicators, periods, selectors, selectors_plan
from .models import (
    KPI,
    RAG,
    BoardPack,
    ExceptionReport,
    ImprovementPlan,
    KPIReading,
    PlanAction,
    Priority,
    StoredFigures,
)

logger = logging.getLogger(__name__)


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def _link(name: str, *args) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + reverse(name, args=args)


def _require_editor(user, plan: ImprovementPlan):
    if not selectors_plan.can_edit(user, plan):
        raise ValidationError("Only the council's partnership leads and managers can change the plan.")


def _require_owner(plan: ImprovementPlan, owner):
    if not selectors_plan.owners_for(plan.council).filter(pk=owner.pk).exists():
        raise ValidationError("The owner must be someone who can read this council's dashboards.")


def _saved(instance):
    instance.full_clean()
    instance.save()
    return instance


def plan_create(*, council: Organisation, user, kind: str, title: str, starts_on: dt.date, ends_on: dt.date
                ) -> ImprovementPlan:
    plan = ImprovementPlan(council=council, kind=kind, title=title, starts_on=starts_on, ends_on=ends_on)
    _require_editor(user, plan)
    if ends_on <= starts_on:
        raise ValidationError({"ends_on": "The end date must be after the start date."})
    return _saved(plan)


@transaction.atomic
def priority_add(*, plan: ImprovementPlan, user, title: str, owner, description: str = "") -> Priority:
    _require_editor(user, plan)
    _require_owner(plan, owner)
    ImprovementPlan.objects.select_for_update().get(pk=plan.pk)  # numbers are given out one at a time
    number = (plan.priorities.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    return _saved(Priority(plan=plan, number=number, title=title, description=description, owner=owner))


@transaction.atomic
def action_add(*, priority: Priority, user, title: str, owner, target: str, due_on: dt.date, baseline: str = ""
               ) -> PlanAction:
    _require_editor(user, priority.plan)
    _require_owner(priority.plan, owner)
    Priority.objects.select_for_update().get(pk=priority.pk)
    number = (priority.actions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    return _saved(PlanAction(priority=priority, number=number, title=title, owner=owner, target=target,
                             due_on=due_on, baseline=baseline))


@transaction.atomic
def action_update(*, action: PlanAction, user, expected_version: int, rag: str, progress: str,
                  completed_on: dt.date | None = None) -> PlanAction:
    """The owner (or an editor) reports progress. A completed action is green."""
    action = PlanAction.objects.select_for_update().select_related("priority__plan").get(pk=action.pk)
    if action.owner_id != user.pk and not selectors_plan.can_edit(user, action.priority.plan):
        raise ValidationError("Only the action's owner, or the council's partnership leads and managers, can "
                              "update it.")
    if action.version != expected_version:
        raise ValidationError("Someone else updated this action since you opened it. Reload the page to see "
                              "their update, then make yours again.", code="conflict")
    if completed_on and rag != RAG.GREEN:
        raise ValidationError({"rag": "A completed action is on track: choose green, or remove the date it was "
                                      "completed."})
    action.rag, action.progress, action.completed_on = rag, progress.strip(), completed_on
    action.version += 1
    return _saved(action)


def kpi_add(*, priority: Priority, user, title: str, owner, baseline: Decimal, target: Decimal,
            target_date: dt.date, indicator: str = "", higher_is_better: bool | None = None) -> KPI:
    """A KPI bound to a live indicator takes its direction from the indicator; one recorded by hand says it."""
    _require_editor(user, priority.plan)
    _require_owner(priority.plan, owner)
    if indicator:
        chosen = catalogue.BY_SLUG.get(indicator)
        if chosen is None or chosen.higher_is_better is None:
            raise ValidationError({"indicator": "Choose an indicator that has a better direction, or none."})
        higher_is_better = chosen.higher_is_better
    if higher_is_better is None:
        raise ValidationError({"higher_is_better": "Say whether a higher figure is better."})
    if baseline == target:
        raise ValidationError({"target": "The target must differ from the baseline."})
    return _saved(KPI(priority=priority, title=title, owner=owner, indicator=indicator,
                      higher_is_better=higher_is_better, baseline=baseline, target=target, target_date=target_date))


def _exception_request(kpi: KPI):
    """Ask the owner for an exception report for this spell of red: once, whatever runs again."""
    try:
        with transaction.atomic():
            ExceptionReport.objects.create(kpi=kpi, red_since=kpi.red_since)
    except IntegrityError:
        return
    if kpi.owner.is_active and kpi.owner.email:
        notification_queue(template="dashboards_kpi_exception", to=kpi.owner.email,
                           idempotency_key=f"dashboards_kpi_exception:{kpi.pk}:{kpi.red_since}",
                           context={"kpi": kpi.title, "plan": kpi.priority.plan.title, "red_since": kpi.red_since,
                                    "link": _link("dashboards_plan_kpi", kpi.pk),
                                    "service_name": settings.PORTAL_SERVICE_NAME})


@transaction.atomic
def kpi_record_reading(*, kpi: KPI, value: Decimal, measured_on: dt.date, user=None,
                       numerator: int | None = None, denominator: int | None = None,
                       rests_on_small_counts: bool = False) -> KPIReading:
    """Record a measurement and set the KPI's status from it. Turning red starts a spell of red and asks the owner
    for an exception report once; leaving red ends the spell. A second reading on the same day replaces the first."""
    kpi = KPI.objects.select_for_update().select_related("priority__plan", "owner").get(pk=kpi.pk)
    if user is not None:
        if kpi.indicator:
            raise ValidationError("This KPI takes its figures from a live indicator, so readings are not recorded "
                                  "by hand.")
        if kpi.owner_id != user.pk and not selectors_plan.can_edit(user, kpi.priority.plan):
            raise ValidationError("Only the KPI's owner, or the council's partnership leads and managers, can "
                                  "record a reading.")
    latest = kpi.readings.order_by("-measured_on").values_list("measured_on", flat=True).first()
    rag = selectors_plan.kpi_rag(value=value, baseline=kpi.baseline, target=kpi.target,
                                 higher_is_better=kpi.higher_is_better)
    reading, _ = KPIReading.objects.update_or_create(
        kpi=kpi, measured_on=measured_on,
        defaults={"value": value, "rag": rag, "numerator": numerator, "denominator": denominator,
                  "rests_on_small_counts": rests_on_small_counts, "recorded_by": user})
    if latest and measured_on < latest:
        return reading  # a late reading for an earlier day joins the history without changing today's status
    kpi.value, kpi.measured_on, kpi.rag = value, measured_on, rag
    if rag == RAG.RED:
        kpi.red_since = kpi.red_since or measured_on
    else:
        kpi.red_since = None
    kpi.save(update_fields=["value", "measured_on", "rag", "red_since"])
    if rag == RAG.RED:
        _exception_request(kpi)
    return reading


def kpi_period(today: dt.date) -> periods.Period:
    """KPIs bound to indicators are measured over the 12 months ending with the last complete month, so a figure
    does not swing with a part month."""
    last_month = today.replace(day=1) - dt.timedelta(days=1)
    return periods.parse(periods.ROLLING_12, last_month.strftime("%Y-%m"))


def kpis_refresh(*, today: dt.date | None = None) -> int:
    """Read every bound KPI's live indicator for its council and record it. Each council's indicator is computed
    once however many KPIs use it. Returns how many readings were recorded."""
    today = _today(today)
    filters = selectors.Filters(kpi_period(today))
    bound = KPI.objects.exclude(indicator="").select_related("priority__plan__council")
    by_figure = defaultdict(list)
    for kpi in bound:
        by_figure[(kpi.priority.plan.council_id, kpi.indicator)].append(kpi)
    recorded = 0
    for (council_id, slug), kpis in by_figure.items():
        indicator = catalogue.BY_SLUG.get(slug)
        if indicator is None:
            continue  # an indicator withdrawn since the KPI was bound: the KPI keeps its last reading
        councils = Organisation.objects.filter(pk=council_id)
        result = indicators.result_for(indicator, councils, filters, suppressed=False)
        headline = result.headline
        if headline.value is None:
            continue  # no cases in the period: nothing to measure
        # The one suppression rule, applied to the same rows, says whether aggregate-only readers may see it.
        shown = indicators.suppress(result.rows, additive=indicator.is_additive) \
            if indicator.identifies_small_counts else result.rows
        hidden = shown[result.rows.index(headline)].value is indicators.SUPPRESSED
        for kpi in kpis:
            kpi_record_reading(kpi=kpi, value=Decimal(headline.value), measured_on=today,
                               numerator=headline.numerator,
                               denominator=headline.denominator if isinstance(headline.denominator, int) else None,
                               rests_on_small_counts=hidden)
            recorded += 1
    return recorded


@transaction.atomic
def exception_report_submit(*, report: ExceptionReport, user, commentary: str, recovery_action: str,
                            recovery_by: dt.date) -> ExceptionReport:
    report = ExceptionReport.objects.select_for_update().select_related("kpi__priority__plan").get(pk=report.pk)
    if report.kpi.owner_id != user.pk:
        raise ValidationError("Only the KPI's owner can write its exception report.")
    if report.submitted_at:
        raise ValidationError("This exception report has already been sent.")
    errors = {}
    if not commentary.strip():
        errors["commentary"] = "Say why the KPI is off track."
    if not recovery_action.strip():
        errors["recovery_action"] = "Say what will be done to bring it back on track."
    if recovery_by is None:
        errors["recovery_by"] = "Enter the date by which it will be back on track."
    elif recovery_by < _today(None):
        errors["recovery_by"] = "The date it will be back on track must be today or in the future."
    if errors:
        raise ValidationError(errors)
    report.commentary, report.recovery_action, report.recovery_by = commentary.strip(), recovery_action.strip(), \
        recovery_by
    report.submitted_by, report.submitted_at = user, timezone.now()
    return _saved(report)


def board_pack_request(*, plan: ImprovementPlan, quarter: str, user) -> BoardPack:
    """Ask for a quarter's board pack; a worker renders it. Asking again re-renders the same pack."""
    _require_editor(user, plan)
    period = periods.parse(periods.QUARTER, quarter)
    if period is None or period.start > _today(None) or period.end < plan.starts_on:
        raise ValidationError({"quarter": "Choose a quarter of the plan that has begun."})
    with transaction.atomic():
        pack, _ = BoardPack.objects.update_or_create(
            plan=plan, quarter=period.key, defaults={"requested_by": user, "requested_at": timezone.now()})
        from send_portal.notifications.outbox import outbox_enqueue

        from .tasks import render_board_pack

        outbox_enqueue(render_board_pack, pack.pk)  # on commit; waits if the queue is down
    return pack


def board_pack_render(*, pack: BoardPack) -> BoardPack:
    """Render the pack: summary, indicators, actions with their status, exception reports and a glossary. Figures
    are suppressed as a partnership lead sees them, because the pack goes to the whole board."""
    html = render_to_string("dashboards/board_pack_pdf.html", selectors_plan.board_pack_context(pack))
    pdf = pdf_from_html(html)
    with transaction.atomic():
        pack = BoardPack.objects.select_for_update().select_related("plan").get(pk=pack.pk)
        if pack.pdf:
            pack.pdf.delete(save=False)
        pack.pdf.save(f"board-pack-{pack.plan.pk}-{pack.quarter}.pdf", ContentFile(pdf), save=False)
        pack.rendered_at = timezone.now()
        pack.save(update_fields=["pdf", "rendered_at"])
    return pack


# --- Stored figures ------------------------------------------------------------------------------------------------
# Counting an indicator over a large council's cases takes seconds at national scale, and the home page shows more
# than thirty, so the pages read figures stored by the last count. Each page says when its figures were counted.

# How often the scheduled job recounts the figures people read (the beat schedule uses the same interval).
FIGURES_REFRESH_EVERY = dt.timedelta(hours=1)
# Stored figures older than this are not shown: the page counts afresh, so a stopped scheduler is never hidden.
FIGURES_SHOWN_FOR = dt.timedelta(hours=24)
# Figures nobody has read for this long are forgotten rather than recounted.
FIGURES_KEPT_UNREAD = dt.timedelta(days=7)


def filters_key(filters: selectors.Filters) -> str:
    """The filters as sorted JSON: the key of the stored figures, and enough to rebuild the filters. The trend is
    always stored (see `figures_for`), so it is not part of the key."""
    return json.dumps({"period_type": filters.period.kind, "period": filters.period.key,
                       "district": filters.district.code if filters.district else "",
                       "primary_need": filters.primary_need, "age_group": filters.age_group,
                       "setting": filters.setting, "team": filters.team.pk if filters.team else None},
                      sort_keys=True)


def filters_from_key(key: str) -> selectors.Filters | None:
    """The filters a key was made from, or None when they can no longer be rebuilt (a district or team removed, or
    a key written by an earlier version of the portal that this one cannot read)."""
    try:
        data = json.loads(key)
        period = periods.parse(data["period_type"], data["period"])
    except (ValueError, KeyError, TypeError):
        return None
    if period is None:
        return None
    district = team = None
    if data.get("district"):
        district = selectors.districts().filter(code=data["district"]).first()
        if district is None:
            return None
    if data.get("team") is not None:
        team = Organisation.objects.filter(pk=data["team"], kind=OrganisationKind.LA_TEAM).first()
        if team is None:
            return None
    return selectors.Filters(period=period, district=district, primary_need=data.get("primary_need", ""),
                             age_group=data.get("age_group", ""), setting=data.get("setting", ""), team=team)


def councils_key_of(council_ids) -> str:
    return ",".join(str(pk) for pk in sorted(set(council_ids)))


def _councils_from_key(key: str):
    return Organisation.objects.filter(pk__in=[int(pk) for pk in key.split(",") if pk])


# Row fields that hold a figure, stored with their type: a Decimal must come back a Decimal (a percentage), and an
# int an int (a count), or the pages would show and suppress them differently.
_FIGURE_FIELDS = ("numerator", "denominator", "value", "england", "upper", "neighbours")


def _stored_figure(value):
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return {"int": value}
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, float):
        return {"float": value}
    raise TypeError(f"A figure of type {type(value).__name__} cannot be stored")


def _figure_from_store(stored):
    if not isinstance(stored, dict):
        return stored
    kind, value = next(iter(stored.items()))
    return {"int": int, "decimal": Decimal, "float": float}[kind](value)


def _rows_to_store(rows: list[indicators.Row]) -> list[dict]:
    stored = []
    for row in rows:
        fields = dataclasses.asdict(row)
        stored.append({**fields, **{name: _stored_figure(fields[name]) for name in _FIGURE_FIELDS}})
    return stored


_ROW_FIELDS = {row_field.name for row_field in dataclasses.fields(indicators.Row)}


def _rows_from_store(stored: list[dict]) -> list[indicators.Row]:
    """Rows as stored. Figures stored before a field was added to Row take its default until they are recounted;
    a field since removed is left out."""
    return [indicators.Row(**{name: _figure_from_store(value) if name in _FIGURE_FIELDS else value
                              for name, value in fields.items() if name in _ROW_FIELDS})
            for fields in stored]


def _count(indicator, councils, filters: selectors.Filters) -> list[indicators.Row]:
    """The indicator's rows counted now, with the trend: a view without the trend is cut from them."""
    return indicator.rows(councils, replace(filters, trend=True))


def _as_wanted(indicator, rows: list[indicators.Row], filters: selectors.Filters) -> list[indicators.Row]:
    """Rows counted with the trend, as the view asked for them. An indicator over periods has one row a period,
    ending with the chosen one, so without the trend it is the last row; other indicators ignore the trend."""
    if not filters.trend and indicator.breakdown_label == "Period":
        return rows[-1:]
    return rows


def figures_for(wanted, council_ids, *, suppressed: bool, now=None) -> list[indicators.Result]:
    """The results for `wanted`, a list of (indicator, filters), over the councils with these primary keys:
    from the stored figures where they are under a day old, otherwise counted now and stored. One query reads
    them all and at most two write. Each result's `as_at` is when its figures were counted."""
    now = now or timezone.now()
    councils_key = councils_key_of(council_ids)
    keys = [(indicator.slug, filters_key(filters)) for indicator, filters in wanted]
    stored = {(entry.indicator, entry.filters_key): entry for entry in StoredFigures.objects.filter(
        councils_key=councils_key, indicator__in={slug for slug, _ in keys},
        filters_key__in={key for _, key in keys}, refreshed_at__gte=now - FIGURES_SHOWN_FOR)}
    councils = _councils_from_key(councils_key)
    today = timezone.localdate(now)
    counted, read_again, results = {}, set(), []
    for (indicator, filters), key in zip(wanted, keys, strict=True):
        entry = stored.get(key)
        if entry is not None:
            rows, as_at = _rows_from_store(entry.rows), entry.refreshed_at
            if entry.last_read_on < today:
                read_again.add(entry.pk)
        elif key in counted:
            rows, as_at = counted[key], now
        else:
            rows = counted[key] = _count(indicator, councils, filters)
            as_at = now
        results.append(indicators.result_from_rows(indicator, _as_wanted(indicator, rows, filters),
                                                   suppressed=suppressed, as_at=as_at))
    if counted:
        _store(councils_key, counted, now)
    if read_again:
        StoredFigures.objects.filter(pk__in=read_again).update(last_read_on=today)
    return results


def _store(councils_key: str, counted: dict, now) -> None:
    """Store rows counted from `now`, replacing those stored for the same view. When two count the same view at
    once the last to finish wins; its figures are right as of the time stored with them, which is when its
    counting began, and the next hourly run recounts the view if that is over an hour ago."""
    StoredFigures.objects.bulk_create(
        [StoredFigures(indicator=slug, councils_key=councils_key, filters_key=key, rows=_rows_to_store(rows),
                       refreshed_at=now, last_read_on=timezone.localdate(now))
         for (slug, key), rows in counted.items()],
        update_conflicts=True, unique_fields=["indicator", "councils_key", "filters_key"],
        update_fields=["rows", "refreshed_at", "last_read_on"])


def _council_sets() -> list[list[int]]:
    """The sets of councils whose default dashboards are counted ahead of anyone asking: each council on its own
    (its officers' view), and the councils each partner organisation sits on the partnership of."""
    councils = Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY)
    sets = [[pk] for pk in councils.values_list("pk", flat=True)]
    partnered = defaultdict(list)
    for partner, council in Organisation.partner_councils.through.objects.filter(
            to_organisation__in=councils).values_list("from_organisation_id", "to_organisation_id"):
        partnered[partner].append(council)
    sets.extend(ids for ids in partnered.values() if len(ids) > 1)
    return sets


def figures_refresh(*, now=None) -> dict[str, int]:
    """The scheduled recount. It counts each council's default dashboard (the latest period of the default type,
    with no other filters) so the first visit of the day is quick, recounts every stored view read in the last
    week that is more than an hour old, oldest first, and forgets views nobody has read for a week. Two workers
    running it at once share the work: each view is recounted under a row lock the other skips."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    default = selectors.Filters(periods.current(periods.DEFAULT_TYPE, today))
    existing = set(StoredFigures.objects.filter(filters_key=filters_key(default))
                   .values_list("indicator", "councils_key"))
    added = 0
    for council_ids in _council_sets():
        missing = [indicator for indicator in catalogue.INDICATORS
                   if (indicator.slug, councils_key_of(council_ids)) not in existing]
        if missing:
            added += count_view(council_ids, default, missing)
    forgotten, _ = StoredFigures.objects.filter(last_read_on__lt=today - FIGURES_KEPT_UNREAD).delete()
    recounted = 0
    due = StoredFigures.objects.filter(refreshed_at__lt=now - FIGURES_REFRESH_EVERY).order_by("refreshed_at")
    for pk in due.values_list("pk", flat=True):
        recounted += _recount(pk, now)
    return {"added": added, "recounted": recounted, "forgotten": forgotten}


def count_view(council_ids, filters: selectors.Filters, chosen=None) -> int:
    """Count and store one view (the councils and filters) of the chosen indicators, every one by default, as the
    hourly job does for each council's default dashboard. Returns how many indicators were counted."""
    chosen = catalogue.INDICATORS if chosen is None else chosen
    started = timezone.now()
    councils_key = councils_key_of(council_ids)
    councils = _councils_from_key(councils_key)
    key = filters_key(filters)
    _store(councils_key, {(indicator.slug, key): _count(indicator, councils, filters) for indicator in chosen},
           started)
    return len(chosen)


def _recount(pk: int, now) -> int:
    """Recount one stored view under a row lock that a second worker skips. A view that cannot be counted any more
    is deleted; one that fails to count is left for the next run, so it cannot stop the others."""
    with transaction.atomic():
        entry = (StoredFigures.objects.select_for_update(skip_locked=True)
                 .filter(pk=pk, refreshed_at__lt=now - FIGURES_REFRESH_EVERY).first())
        if entry is None:
            return 0  # another worker has it, or has just recounted it
        indicator = catalogue.BY_SLUG.get(entry.indicator)
        filters = filters_from_key(entry.filters_key)
        if indicator is None or filters is None:
            entry.delete()  # an indicator withdrawn, or a district or team removed, since it was read
            return 0
        started = timezone.now()
        try:
            with transaction.atomic():
                rows = _count(indicator, _councils_from_key(entry.councils_key), filters)
        except DatabaseError:
            logger.exception("Counting stored dashboard figures %s failed; left for the next run", entry.pk)
            return 0
        entry.rows = _rows_to_store(rows)
        entry.refreshed_at = started
        entry.save(update_fields=["rows", "refreshed_at"])
        return 1
