"""Reads for the approved provider list.

A provider's members see only their own organisation's record (and its evidence); the council's commissioning
officers see every provider. Every dated answer takes `today`, so pages and tests agree on what "in date" means.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from send_portal.core.dates import working_days_after, working_days_between  # noqa: F401 - used across the app
from send_portal.organisations.models import OrganisationKind, Role
from send_portal.organisations.selectors import organisations_for, user_has_role

from ..models import ApprovedProvider, Evidence, EvidenceKind, Lot, ProviderApplication

__all__ = [
    "providers_commissioned_by",
    "EXPIRING_WITHIN_DAYS", "EVALUATION_WORKING_DAYS", "QA_CHECKLIST",
    "provider_organisations_for", "providers_kept_by", "is_commissioner", "evidence_visible_to",
    "current_evidence", "evidence_state", "evidence_rows", "evidence_summary", "lapsed_kinds",
    "working_days_after", "working_days_between", "decision_clock", "open_application", "application_tasks",
    "application_ready", "provider_list", "applications_waiting", "open_lots",
]

EXPIRING_WITHIN_DAYS = 30
EVALUATION_WORKING_DAYS = 10
# What a quality-assurance visitor looks at; stored by code on each visit, so the wording can improve later.
QA_CHECKLIST = [
    ("safeguarding_displayed", "Safeguarding information and the designated lead's name are displayed"),
    ("registers", "Attendance registers are kept twice daily"),
    ("staff_checks", "Staff checks (DBS and safer recruitment) were seen"),
    ("premises", "Premises are safe and suitable"),
    ("curriculum", "The curriculum matches the pupils' plans"),
    ("pupil_views", "Pupils' views are sought"),
    ("risk_assessments", "Risk assessments are current"),
    ("attendance_followed_up", "Absence is followed up the same day"),
]


def provider_organisations_for(user):
    """Provider organisations where the person is an active member with the provider role."""
    return organisations_for(user, Role.PROVIDER).filter(kind=OrganisationKind.PROVIDER, is_active=True)


def providers_kept_by(user) -> QuerySet[ApprovedProvider]:
    return ApprovedProvider.objects.filter(organisation__in=provider_organisations_for(user)) \
        .select_related("organisation")


def is_commissioner(user) -> bool:
    return user_has_role(user, Role.LA_MANAGER, Role.LA_CASEWORKER)


def providers_commissioned_by(user) -> QuerySet[ApprovedProvider]:
    """Providers on, or applying to, the approved provider list of a council the person commissions for."""
    from .commissioning import _councils_for

    councils = _councils_for(user)
    return ApprovedProvider.objects.filter(
        Q(lots__local_authority__in=councils) | Q(applications__lots__local_authority__in=councils)).distinct()


def evidence_visible_to(user) -> QuerySet[Evidence]:
    """Evidence a person may download: their own organisation's, or a provider's on their council's list."""
    evidence = Evidence.objects.select_related("provider__organisation")
    return evidence.filter(Q(provider__in=providers_kept_by(user))
                           | Q(provider__in=providers_commissioned_by(user).values("pk")))


def current_evidence(provider) -> dict[str, Evidence]:
    """The evidence in force for each kind: the newest row nobody has replaced."""
    # Read through .all() so a list page's prefetch is used rather than one query per provider.
    rows = sorted((row for row in provider.evidence.all() if row.superseded_by_id is None),
                  key=lambda row: (row.uploaded_at, row.pk), reverse=True)
    current = {}
    for row in rows:
        current.setdefault(row.kind, row)
    return current


def evidence_state(evidence: Evidence | None, today: dt.date) -> str:
    if evidence is None:
        return "missing"
    if evidence.expires_on < today:
        return "lapsed"
    if evidence.expires_on <= today + dt.timedelta(days=EXPIRING_WITHIN_DAYS):
        return "expiring"
    return "in_date"


def evidence_rows(provider, today: dt.date) -> list[dict]:
    """One row per kind of evidence, in the order the application asks for them."""
    current = current_evidence(provider)
    return [{"kind": kind, "label": label, "evidence": current.get(kind),
             "state": evidence_state(current.get(kind), today)} for kind, label in EvidenceKind.choices]


def evidence_summary(provider, today: dt.date) -> str:
    """The worst state across the provider's evidence, for the list page."""
    states = {row["state"] for row in evidence_rows(provider, today)}
    for state in ("lapsed", "missing", "expiring"):
        if state in states:
            return state
    return "in_date"


def lapsed_kinds(provider, today: dt.date) -> list[str]:
    return [kind for kind, row in current_evidence(provider).items() if row.expires_on < today]


@dataclass(frozen=True)
class Clock:
    due_on: dt.date
    state: str  # "on_time", "due_soon" or "overdue"
    working_days_left: int

    @property
    def label(self) -> str:
        if self.state == "overdue":
            return "Overdue"
        if self.state == "due_soon":
            if self.working_days_left == 0:
                return "Due today"
            return f"Due in {self.working_days_left} working day{'s' if self.working_days_left != 1 else ''}"
        return "On time"

    @property
    def colour(self) -> str:
        return {"overdue": "red", "due_soon": "yellow"}.get(self.state, "green")


def decision_clock(application: ProviderApplication, today: dt.date) -> Clock | None:
    if application.status != ProviderApplication.Status.SUBMITTED or application.decision_due_on is None:
        return None
    due = application.decision_due_on
    left = working_days_between(today, due)
    if due < today:
        state = "overdue"
    elif left <= 3:
        state = "due_soon"
    else:
        state = "on_time"
    return Clock(due_on=due, state=state, working_days_left=max(left, 0))


def open_application(provider) -> ProviderApplication | None:
    """The draft or the application waiting for a decision (there is at most one)."""
    return provider.applications.filter(
        status__in=[ProviderApplication.Status.DRAFT, ProviderApplication.Status.SUBMITTED]).first()


def open_lots() -> QuerySet[Lot]:
    return Lot.objects.filter(is_open=True)


def application_tasks(provider, application, today: dt.date) -> list[dict]:
    """The application task list: each task says whether it is complete."""
    evidence = evidence_rows(provider, today)
    details_done = bool(provider.contact_name and provider.contact_email and provider.contact_phone)
    registration_done = bool(provider.registration) and (
        provider.registration != ApprovedProvider.Registration.REGISTERED_SCHOOL or bool(provider.urn))
    lots_done = application is not None and application.lots.exists()
    evidence_done = all(row["state"] in ("in_date", "expiring") for row in evidence)
    return [
        {"key": "details", "name": "Organisation details", "complete": details_done, "url_name": "ap_provider_details"},
        {"key": "registration", "name": "Registration status", "complete": registration_done,
         "url_name": "ap_provider_registration"},
        {"key": "lots", "name": "Lots to apply for", "complete": lots_done, "url_name": "ap_provider_lots"},
        {"key": "evidence", "name": "Compliance evidence", "complete": evidence_done,
         "url_name": "ap_provider_evidence_list"},
    ]


def application_ready(provider, application, today: dt.date) -> list[str]:
    """What stops the application being sent, in words; empty when it can be sent."""
    problems = []
    tasks = {task["key"]: task for task in application_tasks(provider, application, today)}
    if not tasks["details"]["complete"]:
        problems.append("Complete your organisation details: contact name, email address and phone number")
    if not tasks["registration"]["complete"]:
        problems.append("Tell us whether your organisation is a registered school")
    if not tasks["lots"]["complete"]:
        problems.append("Choose at least one lot to apply for")
    for row in evidence_rows(provider, today):
        if row["state"] == "missing":
            problems.append(f"Add your {row['label'][0].lower()}{row['label'][1:]}")
        elif row["state"] == "lapsed":
            problems.append(f"Your {row['label'][0].lower()}{row['label'][1:]} has expired: renew it")
    if application is not None and tasks["lots"]["complete"]:
        closed = [lot.name for lot in application.lots.all() if not lot.is_open]
        if closed:
            problems.append(f"These lots are closed to new applications: {', '.join(closed)}")
        if provider.registration == ApprovedProvider.Registration.UNREGISTERED:
            schools_only = [lot.name for lot in application.lots.all() if lot.registered_schools_only]
            if schools_only:
                problems.append(f"Only registered schools may join {', '.join(schools_only)}")
    return problems


def provider_list(user, *, today: dt.date, status: str = "", lot: str = "") -> list[dict]:
    providers = ApprovedProvider.objects.filter(pk__in=providers_commissioned_by(user).values("pk")) \
        .select_related("organisation").prefetch_related(
        "lots", "evidence",
        Prefetch("applications", queryset=ProviderApplication.objects.filter(
            status=ProviderApplication.Status.SUBMITTED), to_attr="waiting"))
    if status:
        providers = providers.filter(status=status)
    if lot:
        providers = providers.filter(lots__code=lot).distinct()
    rows = []
    for provider in providers:
        waiting = provider.waiting[0] if provider.waiting else None
        rows.append({"provider": provider, "lots": list(provider.lots.all()),
                     "evidence": evidence_summary(provider, today), "waiting": waiting,
                     "clock": decision_clock(waiting, today) if waiting else None})
    return rows


def applications_waiting(user, today: dt.date) -> list[dict]:
    applications = ProviderApplication.objects.filter(status=ProviderApplication.Status.SUBMITTED,
                                                      provider__in=providers_commissioned_by(user).values("pk")) \
        .select_related("provider__organisation").prefetch_related("lots").order_by("decision_due_on", "pk")
    return [{"application": application, "clock": decision_clock(application, today)}
            for application in applications]
