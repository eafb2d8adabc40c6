"""Reads for the alternative provision (AP) indicators. Every figure is an aggregate computed in the database, one
query per indicator, over what belongs to the councils given (a queryset of them, usually
`selectors.councils_for(person)`):

- a placement belongs to a council that commissioned it, is the pupil's home council, or ran the call-off from one
  of its lots (`alt_provision.selectors.placements_of_councils_q`, the rule the AP pages use);
- an exclusion belongs to the pupil's home council, whose calendar set its sixth school day;
- a provider belongs to a council whose approved provider list (one of its lots) it is on.

The filters follow the EHC indicators: the district and the kind of setting are those of the child's current school
or setting, and the age group is the child's age at the end of each period. Children have no primary need of their
own, so the primary need filter keeps pupils with an education, health and care (EHC) needs assessment recording
that need.
"""

import datetime as dt

from django.db.models import Count, Exists, F, Min, OuterRef, Q, QuerySet
from django.db.models.functions import Lower, Trim

from alt_provision import deadlines
from alt_provision.models import (
    ApprovedProvider,
    Evidence,
    EvidenceKind,
    Exclusion,
    Placement,
    PlacementRequirement,
    Tier,
)
from alt_provision.selectors import ABSENT, ATTENDED
from alt_provision.selectors.placements import registered_q
from ehc.models import EHCCase, Stage
from send_portal.people.models import Child

from . import periods
from .selectors import Filters, _age_q, _counts, _in, _series_counts, setting_kind_q

Status = ApprovedProvider.Status
# Providers on the list: an approved provider can take call-offs, and a suspended one may still teach pupils
# placed before the suspension. Those applying, refused or removed are not on it.
ON_THE_LIST = (Status.ADMITTED, Status.SUSPENDED)
EXPECTED = (*ATTENDED, *ABSENT)  # a session the pupil was expected at: every mark but "not expected"


def _children_q(filters: Filters) -> Q:
    """The filters that do not depend on the period, on a model with a `child`."""
    condition = Q()
    if filters.district is not None:
        condition &= Q(child__current_setting__district=filters.district)
    if filters.setting:
        condition &= setting_kind_q(filters.setting)
    if filters.primary_need:
        condition &= Q(child__in=EHCCase.objects.filter(primary_need=filters.primary_need)
                       .exclude(stage=Stage.DRAFT).order_by().values("child"))
    return condition


def _children_of(councils) -> QuerySet[Child]:
    return Child.objects.filter(home_local_authority__in=councils.order_by().values("pk")).order_by().values("pk")


def placements_of_councils(councils) -> QuerySet[Placement]:
    """The placements `alt_provision.selectors.placements_of_councils_q` gives (commissioned by the councils, of
    their children, or called off from their lots), as the union of three lookups by key. Testing the three at
    once joined every placement to its child, and left PostgreSQL expecting most placements to match, so it read
    every attendance mark in the period rather than the council's through the index."""
    pks = councils.order_by().values("pk")
    commissioned = Placement.objects.filter(commissioner__in=pks)
    of_children = Placement.objects.filter(child__in=_children_of(councils))
    called_off = Placement.objects.filter(
        requirement__in=PlacementRequirement.objects.filter(lot__local_authority__in=pks).order_by().values("pk"))
    scope = commissioned.order_by().values("pk").union(of_children.order_by().values("pk"),
                                                       called_off.order_by().values("pk"))
    return Placement.objects.filter(pk__in=scope).order_by()


def _placements(councils, filters: Filters) -> QuerySet[Placement]:
    return placements_of_councils(councils).filter(_children_q(filters))


def _active_in(filters: Filters, period: periods.Period) -> Q:
    """Placements running on any day of the period, the pupil's age taken at its end."""
    return (Q(starts_on__lte=period.end) & (Q(ends_on__isnull=True) | Q(ends_on__gte=period.start))
            & _age_q(filters.age_group, period.end))


def placements_by_tier(councils, filters: Filters) -> list[tuple[str, str, int]]:
    """Placements running in the period by tier: (tier, label, count) for every tier, including those with none."""
    active = _active_in(filters, filters.period)
    counts = _counts(_placements(councils, filters), {f"tier_{tier.value}": active & Q(tier=tier) for tier in Tier})
    return [(tier.value, tier.label, counts[f"tier_{tier.value}"]) for tier in Tier]


def placements_by_registration(councils, filters: Filters) -> tuple[int, int]:
    """Placements running in the period: (with a provider registered as a school, with one that is not). A
    provider on the list counts by its current registration, a provider typed in by what the school recorded."""
    active = _active_in(filters, filters.period)
    counts = _counts(_placements(councils, filters), {"registered": active & registered_q(),
                                                      "unregistered": active & ~registered_q()})
    return counts["registered"], counts["unregistered"]


def placements_by_lot(councils, filters: Filters) -> list[tuple[str | None, int]]:
    """Placements running in the period by the lot their call-off came from: (lot name, count), lots in their
    listed order, then placements arranged directly without a call-off (name None). Lots with no placement in the
    period are left out."""
    rows = (_placements(councils, filters).filter(_active_in(filters, filters.period))
            .values("requirement__lot_id", "requirement__lot__name", "requirement__lot__position")
            .annotate(placements=Count("pk"))
            .order_by(F("requirement__lot__position").asc(nulls_last=True), "requirement__lot__name"))
    return [(row["requirement__lot__name"], row["placements"]) for row in rows]


def placements_by_provider(councils, filters: Filters) -> list[tuple[str, bool, int]]:
    """Placements running in the period by provider, most first: (name, on the approved provider list, count). A
    provider not on the list is grouped by the name typed in, ignoring case and spaces at either end."""
    rows = (_placements(councils, filters).filter(_active_in(filters, filters.period))
            .values("provider_id", "provider__organisation__name", typed=Lower(Trim("provider_name")))
            .annotate(placements=Count("pk"), typed_name=Min(Trim("provider_name")))
            .order_by("-placements", F("provider__organisation__name").asc(nulls_last=True), "typed"))
    return [(row["provider__organisation__name"] if row["provider_id"] else row["typed_name"],
             bool(row["provider_id"]), row["placements"]) for row in rows]


def ended_placements_by_outcome(councils, filters: Filters) -> list[tuple[str, str, int]]:
    """Placements that ended in the period, by outcome: (outcome, label, count) for every outcome."""
    ended = Q(status=Placement.Status.ENDED) & _in("outcome_on", filters, filters.period)
    counts = _counts(_placements(councils, filters),
                     {outcome.value: ended & Q(outcome=outcome) for outcome in Placement.Outcome})
    return [(outcome.value, outcome.label, counts[outcome.value]) for outcome in Placement.Outcome]


def attendance(councils, filters: Filters, series: list[periods.Period]) -> list[tuple[int, int, int]]:
    """For each period, from the twice-daily marks: (sessions attended, sessions the pupil was expected at, pupils
    with a mark for an expected session). Present and late count as attended, as on the placement register."""
    if not series:
        return []
    # Narrowed to the whole span first, so the database reads only the marks the periods cover.
    placements = _placements(councils, filters).filter(attendance__date__gte=series[0].start,
                                                       attendance__date__lte=series[-1].end)
    spec = {}
    for index, period in enumerate(series):
        expected = (Q(attendance__date__gte=period.start, attendance__date__lte=period.end,
                      attendance__mark__in=EXPECTED) & _age_q(filters.age_group, period.end))
        spec[f"a{index}"] = Count("attendance", filter=expected & Q(attendance__mark__in=ATTENDED))
        spec[f"e{index}"] = Count("attendance", filter=expected)
        spec[f"p{index}"] = Count("child", filter=expected, distinct=True)
    counts = placements.aggregate(**spec)
    return [(counts[f"a{i}"], counts[f"e{i}"], counts[f"p{i}"]) for i in range(len(series))]


def sixth_day_duties_met(councils, filters: Filters, series: list[periods.Period], today: dt.date
                         ) -> list[tuple[int, int]]:
    """For each period: (sixth-day duties met, duties whose sixth school day fell in the period and is decided).
    A duty arises from a permanent exclusion or a suspension of more than 5 school days; it is met when full-time
    education started on or before the sixth school day stored for it (worked out by `alt_provision.deadlines`
    from the council's school calendar when the exclusion was recorded). A duty whose sixth day has not passed and
    whose provision has not started is still running, so it is not counted yet (`deadlines.sixth_day_missed`)."""
    met = Q(provision_starts_on__lte=F("sixth_day"))
    duties = Exclusion.objects.filter(
        Q(kind=Exclusion.Kind.PERMANENT)
        | Q(kind=Exclusion.Kind.SUSPENSION, school_days__gt=deadlines.SUSPENSION_DAYS_WITHOUT_DUTY),
        child__in=_children_of(councils), sixth_day__isnull=False,
    ).filter(met | Q(sixth_day__lt=today)).filter(_children_q(filters)).order_by()
    return _series_counts(duties, "sixth_day", filters, series, met)


def _current_lapsed_evidence(today: dt.date) -> QuerySet[Evidence]:
    """Evidence in force that expired before today. In force is the newest row of its kind that nobody replaced,
    as `alt_provision.selectors.current_evidence` reads it."""
    newer = Evidence.objects.filter(provider=OuterRef("provider"), kind=OuterRef("kind"), superseded_by__isnull=True)
    newer = newer.filter(Q(uploaded_at__gt=OuterRef("uploaded_at"))
                         | Q(uploaded_at=OuterRef("uploaded_at"), pk__gt=OuterRef("pk")))
    return Evidence.objects.filter(superseded_by__isnull=True, expires_on__lt=today).exclude(Exists(newer))


def providers_with_lapsed_evidence(councils, today: dt.date) -> dict:
    """Today: how many providers on the councils' approved provider lists there are (`on_list`), how many have any
    evidence lapsed (`any`), and how many have each kind lapsed (by kind)."""
    on_list = ApprovedProvider.objects.filter(
        status__in=ON_THE_LIST,
        pk__in=ApprovedProvider.objects.filter(lots__local_authority__in=councils).order_by().values("pk"),
    ).order_by()
    lapsed = Q(evidence__in=_current_lapsed_evidence(today).order_by().values("pk"))
    spec = {"on_list": Count("pk", distinct=True), "any": Count("pk", distinct=True, filter=lapsed)}
    spec.update({kind.value: Count("pk", distinct=True, filter=lapsed & Q(evidence__kind=kind))
                 for kind in EvidenceKind})
    return on_list.aggregate(**spec)
