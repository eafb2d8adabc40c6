"""Reads for placements: who may see which, the LA-wide register with its attendance rates, the day's attendance
register for a provider, and the providers that should register as independent schools.

A placement belongs to its home school (the pupil stays on its roll) and to whoever commissioned it, not to
wherever the child is now: a SENCO sees the placements of their school as home school or commissioner, even after
the child moves on, and a SENCO of any other school sees none. Council officers see the placements their council
commissioned and those of children whose records they hold as the home council; a provider's members see the
placements their organisation teaches, and nothing else about the child.
"""

import datetime as dt
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Count,
    DecimalField,
    ExpressionWrapper,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Lower, Trim
from django.utils import timezone

from send_portal.core.access import get_from
from send_portal.organisations.models import Organisation, OrganisationKind, Role
from send_portal.organisations.selectors import organisations_for
from send_portal.people.selectors import children_visible_to

from ..models import ApprovedProvider, AttendanceMark, Placement
from .commissioning import COMMISSIONING_OFFICER_ROLES
from .providers import providers_kept_by

__all__ = [
    "REVIEW_WEEKS", "FULL_TIME_THRESHOLD", "placements_visible_to", "placement_get_for", "placement_provider_view",
    "register_placements", "placement_register", "register_totals", "attendance_rate", "attendance_summary",
    "attendance_day", "ABSENT", "ATTENDED", "registered_q",
    "registration_threshold_breaches", "registration_threshold_breaches_for", "placements_of_councils_q",
    "councils_with_unregistered_full_time_placements",
]

# Reviews are at least every half term; the longest half term is about 7 weeks.
REVIEW_WEEKS = 7
# A provider that is not a registered school teaching this many pupils full time must register (statutory.md §8.4).
FULL_TIME_THRESHOLD = 5

Mark = AttendanceMark.Mark
ATTENDED = (Mark.PRESENT, Mark.LATE)
ABSENT = (Mark.AUTHORISED, Mark.UNAUTHORISED)


def registered_q() -> Q:
    """A provider on the list counts as registered by its current registration; a typed name by what the school
    said when recording the placement."""
    return Q(provider__isnull=False, provider__registration=ApprovedProvider.Registration.REGISTERED_SCHOOL) \
        | Q(provider__isnull=True, provider_is_registered_school=True)


def _child_side(user) -> QuerySet:
    return children_visible_to(user).order_by().values("pk")


def placements_of_councils_q(councils) -> Q:
    """Placements that belong to any of these councils: the council commissioned them, the child's home council is
    one of them, or the call-off came from one of their lots."""
    pks = [council.pk if isinstance(council, Organisation) else council for council in councils] \
        if not isinstance(councils, QuerySet) else councils.order_by().values("pk")
    return Q(commissioner__in=pks) | Q(child__home_local_authority__in=pks) \
        | Q(requirement__lot__local_authority__in=pks)


def _officer_councils(user) -> QuerySet[Organisation]:
    """The councils a person is a commissioning officer of, directly or through a team, as a subquery (no query
    of its own, so a page's query count does not grow)."""
    orgs = organisations_for(user, *COMMISSIONING_OFFICER_ROLES)
    return Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY).filter(
        Q(pk__in=orgs.filter(kind=OrganisationKind.LOCAL_AUTHORITY).values("pk"))
        | Q(pk__in=orgs.filter(kind=OrganisationKind.LA_TEAM).values("parent_id")))


def _school_side(user) -> Q:
    """A SENCO's placements: those of their school as the home school or the commissioner, wherever the child is
    now. Not through the child's record, which follows the child to their current school."""
    schools = organisations_for(user, Role.SENCO).filter(kind=OrganisationKind.SCHOOL).values("pk")
    return Q(home_school__in=schools) | Q(commissioner__in=schools)


def _council_side(user) -> Q:
    """A council officer's placements: those their council commissioned (which stay with it, as a school's do), and
    those of children whose records they hold as the child's home council."""
    councils = _officer_councils(user).values("pk")
    return Q(commissioner__in=councils) | (Q(child__in=_child_side(user)) & Q(child__home_local_authority__in=councils))


def _staff_side(user) -> Q:
    return _school_side(user) | _council_side(user)


def placements_visible_to(user) -> QuerySet[Placement]:
    """Placements of the person's school or council (see the module's notes), and placements their provider
    organisation teaches now: once a placement ends the provider has no more need of the pupil's record, so its
    access ends with it (security notes C-07)."""
    return Placement.objects.filter(_staff_side(user) | Q(provider__in=providers_kept_by(user)
                                                          .order_by().values("pk"),
                                                          status=Placement.Status.ACTIVE)) \
        .select_related("child", "home_school", "commissioner", "provider__organisation", "created_by")


def placement_get_for(user, pk, *, purpose: str = "view") -> Placement:
    return get_from(user, placements_visible_to(user), purpose=purpose, pk=pk)


def placement_provider_view(user, placement: Placement) -> bool:
    """True when the person sees the placement only as its provider, so the page leaves out what the provider
    does not need: the EHC plan and looked-after status, and anything else about the child."""
    return not Placement.objects.filter(_staff_side(user), pk=placement.pk).exists()


def _with_attendance(qs: QuerySet) -> QuerySet:
    return qs.annotate(
        sessions_attended=Count("attendance", filter=Q(attendance__mark__in=ATTENDED)),
        sessions_expected=Count("attendance", filter=~Q(attendance__mark=Mark.NOT_EXPECTED)),
        is_registered=ExpressionWrapper(registered_q(), output_field=BooleanField()),
    )


def attendance_rate(attended: int, expected: int) -> int | None:
    """Present and late sessions as a whole percentage of sessions the pupil was expected; None before any mark."""
    if not expected:
        return None
    return round(100 * attended / expected)


def register_placements(user, *, status: str = "", provider: str = "", tier: str = "",
                        registered: str = "") -> QuerySet[Placement]:
    """The placements of the person's school or council, filtered. `provider` is an approved provider's pk, or
    "unlisted" for providers not on the list."""
    qs = Placement.objects.filter(_staff_side(user))
    if status:
        qs = qs.filter(status=status)
    if provider == "unlisted":
        qs = qs.filter(provider__isnull=True)
    elif provider.isdigit():
        qs = qs.filter(provider_id=int(provider))
    if tier:
        qs = qs.filter(tier=tier)
    if registered == "yes":
        qs = qs.filter(registered_q())
    elif registered == "no":
        qs = qs.exclude(registered_q())
    return qs


def placement_register(placements: QuerySet[Placement], today: dt.date | None = None) -> QuerySet[Placement]:
    """The register rows: each with its attendance counts, registration status and whether its review is
    overdue, in a fixed number of queries whatever the length."""
    today = today or timezone.localdate()
    return _with_attendance(placements).select_related("child", "home_school", "provider__organisation").annotate(
        review_overdue=ExpressionWrapper(Q(status=Placement.Status.ACTIVE, next_review_on__lt=today),
                                         output_field=BooleanField()),
    ).order_by("status", "-starts_on", "-pk")


def register_totals(placements: QuerySet[Placement]) -> dict:
    """How many placements, how many active, and the weekly cost of the active ones."""
    return placements.order_by().aggregate(
        placements=Count("pk"), active=Count("pk", filter=Q(status=Placement.Status.ACTIVE)),
        weekly_cost=Coalesce(Sum("weekly_cost", filter=Q(status=Placement.Status.ACTIVE)), Value(Decimal("0")),
                             output_field=DecimalField(max_digits=12, decimal_places=2)))


def attendance_summary(placement: Placement) -> dict:
    counts = placement.attendance.aggregate(
        attended=Count("pk", filter=Q(mark__in=ATTENDED)),
        absent=Count("pk", filter=Q(mark__in=ABSENT)),
        expected=Count("pk", filter=~Q(mark=Mark.NOT_EXPECTED)))
    return {**counts, "rate": attendance_rate(counts["attended"], counts["expected"])}


def attendance_day(provider: ApprovedProvider, day: dt.date) -> list[dict]:
    """The provider's active placements that had started by `day`, each with that day's marks."""
    placements = list(Placement.objects.filter(provider=provider, status=Placement.Status.ACTIVE,
                                               starts_on__lte=day).select_related("child")
                      .order_by("child__family_name", "child__given_name", "pk"))
    marks = {(mark.placement_id, mark.session): mark for mark in
             AttendanceMark.objects.filter(placement__in=placements, date=day)}
    return [{"placement": placement, "am": marks.get((placement.pk, "am")), "pm": marks.get((placement.pk, "pm"))}
            for placement in placements]


def _unregistered_full_time(councils=None) -> QuerySet[Placement]:
    placements = Placement.objects.filter(status=Placement.Status.ACTIVE, is_full_time=True).exclude(registered_q())
    if councils is not None:
        placements = placements.filter(placements_of_councils_q(councils))
    return placements


def councils_with_unregistered_full_time_placements() -> QuerySet[Organisation]:
    """The councils that have an active full-time placement with a provider that is not a registered school, so
    the daily check asks only them."""
    placements = _unregistered_full_time()
    pks = set()
    for field in ("commissioner", "child__home_local_authority", "requirement__lot__local_authority"):
        pks.update(pk for pk in placements.order_by().values_list(field, flat=True).distinct() if pk)
    return Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY, pk__in=pks).order_by("pk")


def registration_threshold_breaches_for(user) -> list[dict]:
    """The threshold banner for a council officer: only their councils' placements are counted or named."""
    return registration_threshold_breaches(councils=_officer_councils(user))


def registration_threshold_breaches(councils=None) -> list[dict]:
    """Providers that are not registered schools but teach 5 or more pupils full time, or any pupil full time who
    has an EHC plan or is looked after, so must register as an independent school (Education and Skills Act 2008
    s.92; statutory.md §8.4). Providers on the list are grouped by their record; others by the name typed in.

    The duty falls on the provider whoever placed the pupils, so every council's placements are counted. With
    `councils`, only providers teaching at least one of those councils' pupils full time are listed
    (placements_of_councils_q), so a council is told about the providers it uses; the counts are totals and name
    no pupil."""
    rows = _unregistered_full_time() \
        .annotate(typed=Lower(Trim("provider_name"))).values("provider_id", "typed").annotate(
            full_time=Count("pk"), priority=Count("pk", filter=Q(has_ehc_plan=True) | Q(is_looked_after=True))) \
        .order_by()
    if councils is not None:
        used = set(_unregistered_full_time(councils).annotate(typed=Lower(Trim("provider_name")))
                   .order_by().values_list("provider_id", "typed").distinct())
        rows = [row for row in rows if (row["provider_id"], row["typed"]) in used]
    names = dict(ApprovedProvider.objects.filter(pk__in=[row["provider_id"] for row in rows if row["provider_id"]])
                 .values_list("pk", "organisation__name"))
    typed_names = {}
    for name in Placement.objects.filter(provider__isnull=True, status=Placement.Status.ACTIVE) \
            .order_by("pk").values_list("provider_name", flat=True):
        typed_names.setdefault(name.strip().lower(), name.strip())
    breaches = []
    for row in rows:
        if row["full_time"] < FULL_TIME_THRESHOLD and not row["priority"]:
            continue
        reasons = []
        if row["full_time"] >= FULL_TIME_THRESHOLD:
            reasons.append(f"it teaches {row['full_time']} pupils full time (the limit is {FULL_TIME_THRESHOLD - 1})")
        if row["priority"]:
            reasons.append(f"it teaches {row['priority']} pupil{'s' if row['priority'] != 1 else ''} full time with "
                           "an education, health and care (EHC) plan or who is looked after")
        provider_id = row["provider_id"]
        breaches.append({
            "key": f"provider-{provider_id}" if provider_id else f"name-{row['typed']}",
            "provider_id": provider_id,
            "name": names.get(provider_id) if provider_id else typed_names.get(row["typed"], row["typed"]),
            "on_list": bool(provider_id), "full_time": row["full_time"], "priority": row["priority"],
            "reasons": reasons,
        })
    return sorted(breaches, key=lambda breach: breach["name"].lower())
