"""Synthetic national-scale data for benchmarks (issues 7 and 9): councils, schools, children, EHC requests and plans
with their versions, advice, exceptions, annual reviews, ceasing, and alternative provision placements with
attendance.

At scale 1.0 it builds what England holds: 600,000 EHC plans in force and 150,000 initial requests a year over the
last 3 years, spread over 150 councils of realistic, uneven sizes. Every figure is synthetic and every name is
made up; nothing here is personal data.

Rows go in one council per transaction, with PostgreSQL's COPY for the big tables (`bulk_create` for the rest, and
for everything on other databases), so no model signals fire (no audit log entries) and no service runs per row.
For the same reason no django-guardian object permissions are granted on the children and cases: the dashboards
count by council and need none, and at national scale they would add millions of rows.

It refuses a database that already holds EHC cases or children unless told otherwise, and always refuses one that
already holds generated data: build a fresh database to generate again.
"""

import datetime as dt
import io
import itertools
import json
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection, models, transaction
from django.utils import timezone

from alt_provision.models import ApprovedProvider, AttendanceMark, Lot, Placement, Tier
from ehc import deadlines
from ehc.models import (
    AdviceKind,
    AdviceRequest,
    AdviceStatus,
    AnnualReview,
    CaseEvent,
    CeasingProposal,
    CeasingReason,
    EHCCase,
    ExceptionGround,
    PlanVersion,
    PrimaryNeed,
    RequesterKind,
    ReviewDecision,
    ReviewReason,
    Stage,
    TimeLimit,
    TimeLimitException,
)
from send_portal.accounts.models import User
from send_portal.core.dates import is_working_day
from send_portal.organisations.models import (
    AdviserSpecialism,
    District,
    Membership,
    Organisation,
    OrganisationKind,
    OrganisationRoleGroup,
    Role,
    SettingPhase,
    SettingType,
)
from send_portal.people.models import Child, Sex

# --- Volumes at scale 1.0 ------------------------------------------------------------------------------------
NATIONAL_PLANS = 600_000  # EHC plans in force (England, January 2025: 638,745)
NATIONAL_REQUESTS_A_YEAR = 150_000  # initial requests for an assessment
YEARS = 3
NATIONAL_TRANSFERS_IN_A_YEAR = 3_000  # plans moving in from another council
NATIONAL_REASSESSMENTS_A_YEAR = 2_000
NATIONAL_PLACEMENTS_A_YEAR = 40_000  # alternative provision placements starting in the last 12 months
DEFAULT_COUNCILS = 150
# Plans made before the 3-year window, as a share of the national target: tuned so that, after the window's new
# plans and the plans ceased in it, about NATIONAL_PLANS × scale are in force.
LEGACY_SHARE = 0.72
EARLIEST_PLANS = dt.date(2014, 9, 1)  # EHC plans began on 1 September 2014

# --- Distributions (approximate; from the SEN2 statistics where they publish one) -------------------------
REQUESTERS = {RequesterKind.SCHOOL: 0.44, RequesterKind.PARENT: 0.42, RequesterKind.YOUNG_PERSON: 0.02,
              RequesterKind.PROFESSIONAL: 0.12}
PRIMARY_NEEDS = {PrimaryNeed.ASD: 0.33, PrimaryNeed.SLCN: 0.20, PrimaryNeed.SEMH: 0.18, PrimaryNeed.MLD: 0.07,
                 PrimaryNeed.SLD: 0.07, PrimaryNeed.SPLD: 0.04, PrimaryNeed.PD: 0.03, PrimaryNeed.OTH: 0.03,
                 PrimaryNeed.HI: 0.015, PrimaryNeed.PMLD: 0.01, PrimaryNeed.VI: 0.008, PrimaryNeed.MSI: 0.002}
# Age at the request, in whole years: most requests are for children from 3 to 11.
AGE_AT_REQUEST = dict(enumerate([1, 2, 4, 8, 10, 10, 9, 8, 7, 6, 6, 5, 4, 4, 3, 3, 2, 1.5, 1, 0.5]))
WITHDRAWN = 0.03  # of requests, before the decision whether to assess
ASSESSED = 0.60 / (1 - WITHDRAWN)  # of requests decided, so that about 60% of all requests are assessed
PLAN_AFTER_ASSESSMENT = 0.90
DECISION_TO_ASSESS_IN_6_WEEKS = 0.80
PLAN_IN_20_WEEKS = 0.46  # England 2024, excluding exceptions: 46.4%
PLAN_IN_20_WEEKS_WITH_EXCEPTION = 0.15
PLAN_OVER_A_YEAR = 0.07
EXCEPTION = 0.05  # of assessments, an exception to a time limit recorded
NOT_TO_ISSUE_IN_16_WEEKS = 0.60
# Advice returned within 6 weeks, by who gives it; educational psychology is the usual bottleneck.
ADVICE_ON_TIME = {AdviceKind.EDUCATION: 0.80, AdviceKind.HEALTH: 0.65, AdviceKind.PSYCHOLOGY: 0.40,
                  AdviceKind.SOCIAL_CARE: 0.55}
REVIEW_LEFT_OPEN = 0.12  # of past-due latest reviews: not finished yet (most of them not even arranged)
REVIEW_DECISION_IN_4_WEEKS = 0.65
REVIEW_DECISIONS = {ReviewDecision.MAINTAIN: 0.65, ReviewDecision.AMEND: 0.32, ReviewDecision.CEASE: 0.03}
CEASING_REASONS = {CeasingReason.NEEDS_MET: 0.20, CeasingReason.EMPLOYMENT: 0.10,
                   CeasingReason.HIGHER_EDUCATION: 0.15, CeasingReason.NOT_ENGAGING: 0.15,
                   CeasingReason.MAXIMUM_AGE: 0.10, CeasingReason.MOVED_OUTSIDE_ENGLAND: 0.05,
                   CeasingReason.OTHER: 0.25}
ATTENDANCE = {AttendanceMark.Mark.PRESENT: 0.78, AttendanceMark.Mark.LATE: 0.05,
              AttendanceMark.Mark.AUTHORISED: 0.07, AttendanceMark.Mark.UNAUTHORISED: 0.10}
ATTENDANCE_DAYS = 20  # school days of marks per placement, the most recent ones

BATCH = 2000
# Generated councils have GSS codes E99xxxxxx, which no real council has: that is how a database already holding
# generated data is recognised.
GSS_PREFIX = "E99"
EMAIL_DOMAIN = "national.generated.example"

GIVEN = ["Amira", "Ben", "Chloe", "Dev", "Ella", "Finn", "Grace", "Hassan", "Isla", "Jack", "Kai", "Layla", "Mo",
         "Nia", "Oscar", "Priya", "Quinn", "Rosa", "Sam", "Tariq", "Una", "Vik", "Willow", "Xander", "Yara", "Zac"]
FAMILY = ["Ahmed", "Brown", "Clarke", "Davies", "Evans", "Fletcher", "Green", "Hughes", "Iqbal", "Jones", "Khan",
          "Lewis", "Murphy", "Nowak", "O'Brien", "Patel", "Quinn", "Roberts", "Smith", "Taylor", "Usman", "Walker",
          "Young", "Zielinski"]
_WORDS = ["the", "child", "needs", "support", "with", "communication", "reading", "writing", "attention", "sensory",
          "regulation", "friendships", "transitions", "routine", "small", "group", "adult", "help", "speech",
          "language", "therapy", "occupational", "physical", "mobility", "learning", "progress", "school", "home",
          "family", "wants", "settled", "calm", "confident", "independent", "outcomes", "provision", "weekly", "daily",
          "plan", "review", "targets", "strategies", "visual", "timetable", "quiet", "space"]


def _random(key: str) -> random.Random:
    """A generator of synthetic data, the same for the same key (never used for anything secret)."""
    return random.Random(key)  # noqa: S311 - synthetic data, not security


def _texts(rng: random.Random, count: int, words: int) -> list[str]:
    return [" ".join(rng.choices(_WORDS, k=words)).capitalize() + "." for _ in range(count)]


class _Row(dict):
    """One row of a big table, kept as plain values until it is written: at national scale, building model
    instances and having Django prepare each field cost more than the database does. Read and set fields as
    attributes; a field never set reads as None. A foreign key holds the related row or model instance."""

    __slots__ = ()

    def __init__(self, **values):
        super().__init__(values)

    def __getattr__(self, name):
        return self.get(name)

    def __setattr__(self, name, value):
        self[name] = value


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value) -> str:
    """A value in COPY's text format. The commonest types are tested first: this runs for every column."""
    kind = type(value)
    if value is None:
        return "\\N"
    if kind is dt.date:
        return value.isoformat()
    if kind is _Row:
        return str(value["id"])
    if kind is bool:
        return "t" if value else "f"
    if kind is int:
        return str(value)
    if isinstance(value, str):
        return value.translate(_COPY_ESCAPES)
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, dt.date):  # datetimes
        return value.isoformat()
    if isinstance(value, list | dict):
        return json.dumps(value).translate(_COPY_ESCAPES)
    return str(value)


class _Table:
    """A model's columns for COPY, with the text each one takes when a row leaves it out (what Django would
    fill in: the field's default, or now for an automatic timestamp)."""

    def __init__(self, model, now: dt.datetime):
        fields = model._meta.concrete_fields
        self.name = model._meta.db_table
        self.columns = ", ".join(connection.ops.quote_name(column.column) for column in fields)
        self.position = {column.name: number for number, column in enumerate(fields)}
        self.defaults = []
        for column in fields:
            if getattr(column, "auto_now", False) or getattr(column, "auto_now_add", False):
                default = now
            else:
                default = None if column.primary_key else column.get_default()
            self.defaults.append(_copy_text(default))


@dataclass
class Report:
    counts: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    councils: int = 0

    def lines(self) -> list[str]:
        width = max(len(name) for name in self.counts) if self.counts else 0
        rows = [f"{name:<{width}}  {count:>10,}" for name, count in sorted(self.counts.items())]
        return [*rows, f"{'Total rows':<{width}}  {sum(self.counts.values()):>10,}",
                f"Generated {self.councils} councils in {self.seconds:.0f} s"]


def refusal(*, allow_existing: bool) -> str | None:
    """Why the generator must not run on this database, or None when it may."""
    councils = Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY, gss_code__startswith=GSS_PREFIX)
    if councils.exists():
        return (f"This database already holds generated national data ({councils.count()} generated councils). "
                "Generate into a fresh, empty database instead.")
    cases, children = EHCCase.objects.count(), Child.objects.count()
    if (cases or children) and not allow_existing:
        return (f"This database already holds {cases} EHC cases and {children} children, which may be real. The "
                "generator only fills an empty database; add --yes-i-mean-it to add synthetic data beside them.")
    return None


def _pick(rng: random.Random, weights: dict):
    """One key of `weights`, drawn in proportion to its value."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _round(rng: random.Random, value: float) -> int:
    """Round up or down at random in proportion, so many small councils still add up to the national total."""
    whole = int(value)
    return whole + (rng.random() < value - whole)


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


@dataclass
class _Council:
    index: int
    organisation: Organisation
    team: Organisation
    psychology: Organisation
    social_care: Organisation
    icb: Organisation
    schools_by_phase: dict
    manager: User
    caseworkers: list
    adviser: User
    parents: list
    young_people: list
    senco_for: dict  # school pk -> user


@dataclass
class _Request:
    """The dates one initial request reaches, before any is compared with today."""

    outcome: str  # "withdrawn", "not_assessed", "not_issued" or "plan"
    received: dt.date
    decided: dt.date | None = None
    issue_decided: dt.date | None = None
    served: dt.date | None = None
    issued: dt.date | None = None
    withdrawn: dt.date | None = None
    exception: bool = False


class NationalData:
    """One generation run: councils one at a time, each drawn from its own seeded generator so a run can be
    repeated exactly."""

    def __init__(self, *, scale: float, seed: int, councils: int, today: dt.date,
                 log: Callable[[str], None] = lambda message: None):
        if scale <= 0:
            raise ValueError("The scale must be more than 0.")
        if not 1 <= councils <= 999:
            raise ValueError("The number of councils must be from 1 to 999.")
        self.scale, self.seed, self.council_count, self.today, self.log = scale, seed, councils, today, log
        self.window_start = today - relativedelta(years=YEARS)
        self.report = Report()
        self.children = itertools.count(1)
        self.cases = itertools.count(1)
        self.urns = itertools.count(1)
        self.emails = itertools.count(1)
        self.password = make_password(None)
        self.now = timezone.now()
        self.tables = {}
        rng = _random(f"{seed}:sizes")
        # Councils differ a lot in size (from a few hundred plans to 20,000): a log-normal spread.
        weights = [rng.lognormvariate(0, 0.6) for _ in range(councils)]
        total = sum(weights)
        self.weights = [weight / total for weight in weights]
        texts = _random(f"{seed}:texts")
        self.long_texts = _texts(texts, 64, 40)
        self.short_texts = _texts(texts, 64, 12)

    # --- entry point ---------------------------------------------------------------------------------------
    def run(self) -> Report:
        started = time.monotonic()
        for index in range(self.council_count):
            with transaction.atomic():
                self._generate_council(index)
            self.report.councils += 1
            if (index + 1) % 10 == 0 or index + 1 == self.council_count:
                self.log(f"{index + 1} of {self.council_count} councils, {sum(self.report.counts.values()):,} "
                         f"rows, {time.monotonic() - started:.0f} s")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # fresh statistics, so the planner knows the tables are large now
        self.report.seconds = time.monotonic() - started
        return self.report

    def _save(self, model, objects: list) -> list:
        if objects:
            model.objects.bulk_create(objects, batch_size=BATCH)
            self.report.counts[model._meta.label] += len(objects)
        return objects

    def _write(self, model, rows: list[_Row]) -> None:
        """Insert rows of a big table, giving each its primary key: with COPY on PostgreSQL, otherwise with
        bulk_create."""
        if not rows:
            return
        if model not in self.tables:
            self.tables[model] = _Table(model, self.now)
        table = self.tables[model]
        for row in rows[:100]:  # a misspelt field would otherwise be dropped without a word
            if row.keys() - table.position.keys():
                raise ValueError(f"{model.__name__} has no field {sorted(row.keys() - table.position.keys())}")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                               [table.name, len(rows)])
                for row, (pk,) in zip(rows, cursor.fetchall(), strict=True):
                    row["id"] = pk
                data, position = io.StringIO(), table.position
                for row in rows:
                    values = table.defaults.copy()
                    for name, value in row.items():
                        values[position[name]] = _copy_text(value)
                    data.write("\t".join(values))
                    data.write("\n")
                data.seek(0)
                cursor.copy_expert(f"COPY {connection.ops.quote_name(table.name)} ({table.columns}) FROM STDIN", data)
        else:
            objects = [model(**{(f"{name}_id" if isinstance(value, _Row) else name):
                                (value["id"] if isinstance(value, _Row) else value) for name, value in row.items()})
                       for row in rows]
            model.objects.bulk_create(objects, batch_size=BATCH)
            for row, instance in zip(rows, objects, strict=True):
                row["id"] = instance.pk
        self.report.counts[model._meta.label] += len(rows)

    def _text(self, rng, long=True) -> str:
        return rng.choice(self.long_texts if long else self.short_texts)

    # --- organisations and people who work there --------------------------------------------------------
    def _users(self, rng, count, label, **fields) -> list[User]:
        users = [User(email=f"{label}.{next(self.emails)}@{EMAIL_DOMAIN}", password=self.password,
                      full_name=f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}", **fields) for _ in range(count)]
        return self._save(User, users)

    def _memberships(self, pairs: list[tuple[User, Organisation, str, str]]) -> None:
        """Memberships and their auth groups, as organisations.services.membership_start makes them (the group of
        the role in the organisation, and for a council team also the council's), in bulk."""
        wanted = set()
        for _, organisation, role, _ in pairs:
            wanted.add((organisation, role))
            if organisation.kind == OrganisationKind.LA_TEAM:
                wanted.add((organisation.parent, role))
        wanted = sorted(wanted, key=lambda pair: (pair[0].pk, pair[1]))
        groups = self._save(Group, [Group(name=f"org:{organisation.pk}:{role}") for organisation, role in wanted])
        group_for = {(organisation.pk, role): group for (organisation, role), group in zip(wanted, groups,
                                                                                          strict=True)}
        self._save(OrganisationRoleGroup, [OrganisationRoleGroup(organisation=organisation, role=role,
                                                                 group=group_for[organisation.pk, role])
                                           for organisation, role in wanted])
        self._save(Membership, [Membership(user=user, organisation=organisation, role=role, specialism=specialism)
                                for user, organisation, role, specialism in pairs])
        through = User.groups.through
        rows = []
        for user, organisation, role, _ in pairs:
            rows.append(through(user_id=user.pk, group_id=group_for[organisation.pk, role].pk))
            if organisation.kind == OrganisationKind.LA_TEAM:
                rows.append(through(user_id=user.pk, group_id=group_for[organisation.parent_id, role].pk))
        self._save(through, rows)

    def _organisations(self, rng, index: int, plans: float) -> _Council:
        name = f"Generated Council {index + 1:03d}"
        council = self._save(Organisation, [Organisation(kind=OrganisationKind.LOCAL_AUTHORITY, name=name,
                                                         gss_code=f"{GSS_PREFIX}{index + 1:06d}")])[0]
        team, psychology = self._save(Organisation, [
            Organisation(kind=OrganisationKind.LA_TEAM, name=f"{name} SEND Team", parent=council),
            Organisation(kind=OrganisationKind.LA_TEAM, name=f"{name} Educational Psychology Service",
                         parent=council)])
        social_care = self._save(Organisation, [Organisation(kind=OrganisationKind.SOCIAL_CARE,
                                                             name=f"{name} Children's Social Care")])[0]
        icb_name = f"Generated Integrated Care Board {index // 4 + 1:02d}"  # about 4 councils to an ICB
        icb = (Organisation.objects.filter(kind=OrganisationKind.NHS_ICB, name=icb_name).first()
               or self._save(Organisation, [Organisation(kind=OrganisationKind.NHS_ICB, name=icb_name)])[0])
        districts = self._save(District, [District(name=f"Generated {index + 1:03d} {part}",
                                                   code=f"gen-{index + 1:03d}-{part.lower()}")
                                          for part in ("North", "Central", "South")])
        # About one school for every 30 plans, as in England (22,000 schools, 600,000 plans).
        school_count = max(4, min(160, round(plans / 30)))
        kinds = [(SettingPhase.PRIMARY, SettingType.ACADEMY, 4, 11, 0.68),
                 (SettingPhase.SECONDARY, SettingType.ACADEMY, 11, 18, 0.20),
                 (SettingPhase.SPECIAL, SettingType.MAINTAINED_SPECIAL, 3, 19, 0.08),
                 (SettingPhase.POST_16, SettingType.FE_COLLEGE, 16, 25, 0.04)]
        schools = []
        for number in range(school_count):
            # The first four are one of each, so every council has every phase.
            phase, setting_type, age_from, age_to, _ = kinds[number] if number < 4 else _pick(
                rng, {kind: kind[4] for kind in kinds})
            schools.append(Organisation(
                kind=OrganisationKind.SCHOOL, name=f"Generated {phase.label} School {index + 1:03d}-{number + 1:03d}",
                district=rng.choice(districts), urn=f"9{next(self.urns):06d}", phase=phase,
                setting_type=setting_type, age_from=age_from, age_to=age_to))
        self._save(Organisation, schools)
        by_phase = {}
        for school in schools:
            by_phase.setdefault(school.phase, []).append(school)

        caseworker_count = max(1, min(60, round(plans / 250)))
        lead, manager, adviser = self._users(rng, 3, "staff")
        caseworkers = self._users(rng, caseworker_count, "caseworker")
        sencos = self._users(rng, len(schools), "senco")
        parents = self._users(rng, 20, "parent", family_role="parent_carer")
        young_people = self._users(rng, 5, "young.person", family_role="young_person")
        self._memberships([
            (lead, council, Role.PARTNERSHIP_LEAD, ""), (manager, team, Role.LA_MANAGER, ""),
            (adviser, psychology, Role.ADVISER, AdviserSpecialism.EDUCATIONAL_PSYCHOLOGIST),
            *((user, team, Role.LA_CASEWORKER, "") for user in caseworkers),
            *((user, school, Role.SENCO, "") for user, school in zip(sencos, schools, strict=True))])
        return _Council(index=index, organisation=council, team=team, psychology=psychology,
                        social_care=social_care, icb=icb, schools_by_phase=by_phase, manager=manager,
                        caseworkers=caseworkers, adviser=adviser, parents=parents, young_people=young_people,
                        senco_for={school.pk: user for school, user in zip(schools, sencos, strict=True)})

    # --- children ------------------------------------------------------------------------------------------
    def _setting_for(self, rng, council: _Council, age: int) -> Organisation | None:
        phases = council.schools_by_phase
        if age < 4:
            return rng.choice(phases[SettingPhase.SPECIAL]) if rng.random() < 0.1 else None
        if rng.random() < 0.12 or age > 19:
            if age > 19 and rng.random() < 0.5:
                return None
            return rng.choice(phases[SettingPhase.SPECIAL] if age <= 19 else phases[SettingPhase.POST_16])
        if age <= 10:
            return rng.choice(phases[SettingPhase.PRIMARY])
        if age <= 15:
            return rng.choice(phases[SettingPhase.SECONDARY])
        return rng.choice(phases[SettingPhase.POST_16] + phases[SettingPhase.SECONDARY])

    def _child(self, rng, council: _Council, born: dt.date) -> Child:
        age = (self.today - born).days * 4 // 1461
        return _Row(reference=f"NCY{next(self.children):09d}", given_name=rng.choice(GIVEN),
                     family_name=rng.choice(FAMILY), date_of_birth=born, sex=rng.choice([Sex.FEMALE, Sex.MALE]),
                     home_local_authority=council.organisation, current_setting=self._setting_for(rng, council, age))

    def _born_for_request(self, rng, received: dt.date) -> dt.date:
        age = _pick(rng, AGE_AT_REQUEST)
        return received - _days(365 * age + rng.randint(0, 364))

    # --- requests and their timelines ----------------------------------------------------------------------
    def _timeline(self, rng, received: dt.date, *, decided_only=False) -> _Request:
        """Where one request goes and on which dates, drawn from the distributions above."""
        if not decided_only and rng.random() < WITHDRAWN:
            return _Request("withdrawn", received, withdrawn=received + _days(rng.randint(7, 60)))
        in_time = rng.random() < DECISION_TO_ASSESS_IN_6_WEEKS
        decided = received + _days(rng.randint(21, 42) if in_time else rng.randint(43, 100))
        if rng.random() >= ASSESSED:
            return _Request("not_assessed", received, decided=decided)
        exception = rng.random() < EXCEPTION
        if rng.random() >= PLAN_AFTER_ASSESSMENT:
            in_time = rng.random() < NOT_TO_ISSUE_IN_16_WEEKS
            issue_decided = max(decided + _days(21), received + _days(rng.randint(70, 112) if in_time
                                                                      else rng.randint(113, 200)))
            return _Request("not_issued", received, decided=decided, issue_decided=issue_decided, exception=exception)
        draw = rng.random()
        if draw < (PLAN_IN_20_WEEKS_WITH_EXCEPTION if exception else PLAN_IN_20_WEEKS):
            taken = rng.randint(98, 140)
        elif draw > 1 - PLAN_OVER_A_YEAR:
            taken = rng.randint(365, 540)
        else:
            taken = int(rng.triangular(141, 364, 170))
        issued = max(received + _days(taken), decided + _days(45))
        served = issued - _days(rng.randint(15, min(35, (issued - decided).days - 20)))
        issue_decided = served - _days(rng.randint(0, min(14, (served - decided).days - 5)))
        return _Request("plan", received, decided=decided, issue_decided=issue_decided, served=served,
                        issued=issued, exception=exception)

    def _case(self, rng, council: _Council, child: _Row, kind: str, request: _Request, need: str) -> _Row:
        """The case as it stands today: every date still in the future is not reached yet."""
        today = self.today
        school = child.current_setting
        if kind == RequesterKind.SCHOOL and school is not None:
            requested_by, requesting_setting = council.senco_for[school.pk], school
        else:
            if kind == RequesterKind.SCHOOL:
                kind = RequesterKind.PARENT  # no school to ask for one
            if kind == RequesterKind.PARENT:
                requested_by = rng.choice(council.parents)
            elif kind == RequesterKind.YOUNG_PERSON:
                requested_by = rng.choice(council.young_people)
            else:
                requested_by = council.adviser
            requesting_setting = None
        case = _Row(
            reference=f"NAT{next(self.cases):09d}", child=child, local_authority=council.organisation,
            requester_kind=kind, requested_by=requested_by, requesting_setting=requesting_setting,
            caseworker=rng.choice(council.caseworkers), reason=self._text(rng), family_views=self._text(rng),
            support_so_far=self._text(rng), attainment=self._text(rng, long=False),
            parent_agrees=True if requesting_setting else None, primary_need=need, received_on=request.received,
            stage=Stage.CONSIDERING if request.received + _days(7) <= today else Stage.RECEIVED)
        if request.outcome == "withdrawn":
            if request.withdrawn <= today:
                case.stage, case.closed_on = Stage.WITHDRAWN, request.withdrawn
            return case
        if request.decided > today:
            return case
        case.decision_to_assess_on, case.decision_to_assess_by = request.decided, council.manager
        case.decision_reasons = self._text(rng, long=False)
        if request.outcome == "not_assessed":
            case.stage, case.closed_on = Stage.NOT_ASSESSING, request.decided
            return case
        case.stage = Stage.ASSESSING
        if request.issue_decided > today:
            return case
        case.decision_to_issue_on, case.decision_to_issue_by = request.issue_decided, council.manager
        case.issue_reasons = self._text(rng, long=False)
        if request.outcome == "not_issued":
            case.stage, case.closed_on = Stage.NOT_ISSUING, request.issue_decided
        elif request.issued <= today:
            case.stage = Stage.FINAL_ISSUED
        elif request.served <= today:
            case.stage = Stage.DRAFT_SERVED
        else:
            case.stage = Stage.DRAFTING
        return case

    # --- per council ---------------------------------------------------------------------------------------
    def _generate_council(self, index: int) -> None:
        rng = _random(f"{self.seed}:{index}")
        weight = self.weights[index]
        plans_target = NATIONAL_PLANS * self.scale * weight
        council = self._organisations(rng, index, plans_target)
        today, start = self.today, self.window_start
        window_days = (today - start).days

        children, legacy, cases, requests = [], [], [], {}
        # Plans made before the window: the stock of plans in force.
        for _ in range(_round(rng, plans_target * LEGACY_SHARE)):
            age_now = rng.randint(6, 24)
            born = today - _days(365 * age_now + rng.randint(0, 364))
            first = max(EARLIEST_PLANS, born + _days(2 * 365))
            last = start
            if first >= last:
                first = last - _days(30)
            received = first + _days(rng.randint(0, (last - first).days))
            request = self._timeline(rng, received, decided_only=True)
            while request.outcome != "plan":
                request = self._timeline(rng, received, decided_only=True)
            child = self._child(rng, council, born)
            children.append(child)
            case = self._case(rng, council, child, _pick(rng, REQUESTERS), request, _pick(rng, PRIMARY_NEEDS))
            legacy.append(case)
            requests[id(case)] = request
        # Initial requests in the window, a little more each year as in England.
        for _ in range(_round(rng, NATIONAL_REQUESTS_A_YEAR * YEARS * self.scale * weight)):
            offset = int(window_days * (rng.random() ** 0.9))
            received = start + _days(offset)
            request = self._timeline(rng, received)
            child = self._child(rng, council, self._born_for_request(rng, received))
            children.append(child)
            case = self._case(rng, council, child, _pick(rng, REQUESTERS), request, _pick(rng, PRIMARY_NEEDS))
            cases.append(case)
            requests[id(case)] = request
        # Plans transferred in from another council: made there, so never in this council's timeliness.
        for _ in range(_round(rng, NATIONAL_TRANSFERS_IN_A_YEAR * YEARS * self.scale * weight)):
            moved = start + _days(rng.randint(0, window_days))
            made = moved - _days(rng.randint(100, 2000))
            child = self._child(rng, council, made - _days(365 * rng.randint(3, 14)))
            children.append(child)
            case = _Row(reference=f"NAT{next(self.cases):09d}", child=child, local_authority=council.organisation,
                        stage=Stage.FINAL_ISSUED, requester_kind=RequesterKind.TRANSFER, requested_by=council.manager,
                        caseworker=rng.choice(council.caseworkers), primary_need=_pick(rng, PRIMARY_NEEDS),
                        received_on=made, decision_to_assess_on=made, decision_to_issue_on=made,
                        transferred_from="Another council", transferred_in_on=moved)
            cases.append(case)
            requests[id(case)] = _Request("plan", made, decided=made, issue_decided=made, issued=made)

        # Re-assessments of plans made before the window: their own case, replacing the old plan if agreed.
        replaced_on = {}
        for _ in range(_round(rng, NATIONAL_REASSESSMENTS_A_YEAR * YEARS * self.scale * weight)):
            if not legacy:
                break
            old = rng.choice(legacy)
            if id(old) in replaced_on:
                continue
            received = start + _days(rng.randint(0, window_days))
            decided = received + _days(rng.randint(10, 15))
            issued = decided + _days(rng.randint(60, 120))
            case = _Row(reference=f"NAT{next(self.cases):09d}", child=old.child, local_authority=council.organisation,
                        stage=Stage.CONSIDERING, requester_kind=RequesterKind.REASSESSMENT,
                        requested_by=rng.choice(council.parents), caseworker=rng.choice(council.caseworkers),
                        primary_need=old.primary_need, received_on=received, reassessment_of=old)
            request = _Request("plan", received, decided=decided, issue_decided=issued - _days(30),
                               served=issued - _days(25), issued=issued)
            if decided <= today:
                case.stage, case.decision_to_assess_on = Stage.ASSESSING, decided
            if request.issue_decided <= today:
                case.stage, case.decision_to_issue_on = Stage.DRAFTING, request.issue_decided
            if request.served <= today:
                case.stage = Stage.DRAFT_SERVED
            if issued <= today:
                case.stage = Stage.FINAL_ISSUED
                replaced_on[id(old)] = issued
            cases.append(case)
            requests[id(case)] = request
        for case in legacy:
            if id(case) in replaced_on:
                case.stage, case.closed_on = Stage.REPLACED, replaced_on[id(case)]

        versions, reviews, advice, exceptions, ceasing, events = [], [], [], [], [], []
        for case in legacy + cases:
            request = requests[id(case)]
            self._case_records(rng, council, case, request, replaced_on.get(id(case)), versions, reviews, advice,
                               exceptions, ceasing, events)
        # In the order their foreign keys need; a case's stage is final only once its reviews are drawn.
        self._write(Child, children)
        self._write(EHCCase, legacy)  # first: re-assessments point at them
        self._write(EHCCase, cases)
        self._write(PlanVersion, versions)
        self._write(AnnualReview, reviews)
        self._write(AdviceRequest, advice)
        self._write(TimeLimitException, exceptions)
        self._write(CeasingProposal, ceasing)
        self._write(CaseEvent, events)
        self._placements(rng, council, weight, [case for case in cases if case.stage == Stage.FINAL_ISSUED])

    def _case_records(self, rng, council, case, request, replaced, versions, reviews, advice, exceptions, ceasing,
                      events):
        today = self.today
        actor = council.manager
        events.append(_Row(case=case, kind=CaseEvent.Kind.SUBMITTED, actor=case.requested_by,
                                on=request.received, detail="Request sent to the council."))
        if case.stage == Stage.WITHDRAWN:
            events.append(_Row(case=case, kind=CaseEvent.Kind.WITHDRAWN, on=case.closed_on,
                                    detail="Request withdrawn."))
            return
        if case.decision_to_assess_on is None:
            return
        assessed = case.stage != Stage.NOT_ASSESSING
        events.append(_Row(case=case, kind=CaseEvent.Kind.DECIDED_TO_ASSESS if assessed
                                else CaseEvent.Kind.DECIDED_NOT_TO_ASSESS, actor=actor, on=case.decision_to_assess_on,
                                detail="Decision whether to assess."))
        if not assessed:
            return
        initial = case.requester_kind in REQUESTERS
        if initial and case.received_on >= self.window_start:
            self._advice(rng, council, case, request, advice)
        if initial and request.exception:
            starts = request.received + _days(rng.randint(20, 90))
            if starts <= today:
                ends = starts + _days(rng.randint(28, 70))
                exceptions.append(_Row(
                    case=case, time_limit=TimeLimit.FINAL_PLAN, family_told_on=starts, starts_on=starts,
                    ground=rng.choice([ExceptionGround.SCHOOL_CLOSED_OTHER, ExceptionGround.EXCEPTIONAL_CIRCUMSTANCES,
                                       ExceptionGround.ABSENT_FROM_AREA, ExceptionGround.SCHOOL_CLOSED_ASKED]),
                    ends_on=ends if ends <= today else None, reason=self._text(rng, long=False), recorded_by=actor))
        if case.decision_to_issue_on is None:
            return
        if case.stage == Stage.NOT_ISSUING:
            events.append(_Row(case=case, kind=CaseEvent.Kind.DECIDED_NOT_TO_ISSUE, actor=actor,
                                    on=case.decision_to_issue_on, detail="Decided not to issue a plan."))
            return
        events.append(_Row(case=case, kind=CaseEvent.Kind.DECIDED_TO_ISSUE, actor=actor,
                                on=case.decision_to_issue_on, detail="Decided to write a plan."))
        transferred = case.requester_kind == RequesterKind.TRANSFER
        number = 1
        if not transferred:
            draft = _Row(case=case, number=1, created_by=case.caseworker,
                                views_interests_aspirations=self._text(rng))
            if request.served <= today:
                draft.status, draft.served_on = PlanVersion.Status.SERVED, request.served
                draft.comments_close_on = deadlines.draft_comments_close(request.served)
                events.append(_Row(case=case, kind=CaseEvent.Kind.DRAFT_SERVED, actor=actor, on=request.served,
                                        detail="Draft plan sent to the family."))
            versions.append(draft)
            if request.issued > today:
                return
            draft.status = PlanVersion.Status.SUPERSEDED
            number = 2
        final = _Row(case=case, number=number, status=PlanVersion.Status.FINAL, created_by=case.caseworker,
                            views_interests_aspirations=self._text(rng), placement=case.child.current_setting,
                            issued_on=request.issued)
        versions.append(final)
        events.append(_Row(case=case, kind=CaseEvent.Kind.TRANSFERRED_IN if transferred
                                else CaseEvent.Kind.FINAL_ISSUED, actor=actor,
                                on=case.transferred_in_on if transferred else request.issued,
                                detail="Final plan issued."))
        self._reviews(rng, council, case, final, request.issued, replaced, versions, reviews, ceasing, events)

    def _advice(self, rng, council, case, request, advice):
        today = self.today
        school = case.child.current_setting
        for kind, organisation in ((AdviceKind.EDUCATION, school or council.team), (AdviceKind.HEALTH, council.icb),
                                   (AdviceKind.PSYCHOLOGY, council.psychology),
                                   (AdviceKind.SOCIAL_CARE, council.social_care)):
            requested = request.decided + _days(rng.randint(0, 5))
            due = deadlines.advice_due(requested)
            submitted = requested + _days(rng.randint(20, 42) if rng.random() < ADVICE_ON_TIME[kind]
                                          else rng.randint(43, 120))
            if request.issue_decided is not None and request.issue_decided - _days(1) > requested:
                submitted = min(submitted, request.issue_decided - _days(1))
            item = _Row(case=case, kind=kind, organisation=organisation, requested_on=requested, due_on=due,
                                 requested_by=case.caseworker)
            if submitted <= today:
                item.submitted_on, item.advice = submitted, self._text(rng)
                item.status = (AdviceStatus.ACCEPTED if case.decision_to_issue_on or rng.random() < 0.7
                               else AdviceStatus.SUBMITTED)
            elif today >= requested + _days(10):
                item.status = AdviceStatus.DRAFT
            advice.append(item)

    def _reviews(self, rng, council, case, final, issued, replaced, versions, reviews, ceasing, events):
        """Annual reviews falling due in the window (and the next 2 months), each from 12 months after the
        plan was made; amendments make new plan versions, and a few reviews lead to the plan ceasing."""
        today = self.today
        horizon = today + _days(60)
        number = 1
        due = deadlines.annual_review_due(issued)
        while due < self.window_start:
            number += 1
            due = issued + relativedelta(months=12 * number)
        school = case.child.current_setting
        # The school's SENCO arranges the meeting where there is a school (reg 20), otherwise the council (reg 21).
        arranger = council.senco_for[school.pk] if school else council.manager
        version_number = final.number
        latest_final = final
        while due <= horizon and (replaced is None or due < replaced):
            next_due = issued + relativedelta(months=12 * (number + 1))
            is_last = next_due > horizon or (replaced is not None and next_due >= replaced)
            review = _Row(case=case, number=number, due_on=due, run_by_school=school,
                                  reason=ReviewReason.EARLY_YEARS if (due - case.child.date_of_birth).days < 5 * 365
                          else ReviewReason.ANNUAL)
            reviews.append(review)
            meeting = due - _days(rng.randint(0, 45))
            invited = meeting - _days(rng.randint(14, 28))
            left_open = due > today or (is_last and rng.random() < REVIEW_LEFT_OPEN)
            if left_open:
                # Arranged if the invitations have gone; held if the meeting date has passed.
                if invited <= today and rng.random() < 0.6:
                    review.status = AnnualReview.Status.INVITED
                    review.meeting_on, review.invitations_sent_on, review.arranged_by = meeting, invited, arranger
                    if meeting <= today:
                        review.status = AnnualReview.Status.MEETING_HELD
                break
            report = meeting + _days(rng.randint(3, 20))
            decided = meeting + _days(rng.randint(7, 28) if rng.random() < REVIEW_DECISION_IN_4_WEEKS
                                      else rng.randint(29, 70))
            review.meeting_on, review.invitations_sent_on, review.arranged_by = meeting, invited, arranger
            review.advice_circulated_on = meeting - _days(14)
            review.report_submitted_on = min(report, decided)
            review.child_views, review.family_views = self._text(rng, long=False), self._text(rng, long=False)
            if decided > today:
                review.status = AnnualReview.Status.REPORT_SUBMITTED if review.report_submitted_on <= today else (
                    AnnualReview.Status.MEETING_HELD)
                if review.status == AnnualReview.Status.MEETING_HELD:
                    review.report_submitted_on = None
                break
            decision = _pick(rng, REVIEW_DECISIONS)
            review.decision, review.decision_on, review.decided_by = decision, decided, council.manager
            review.decision_reasons = self._text(rng, long=False)
            review.status, review.completed_on = AnnualReview.Status.COMPLETE, decided
            events.append(_Row(case=case, kind=CaseEvent.Kind.REVIEW_DECISION, actor=council.manager, on=decided,
                                    detail="Council decided what happens to the plan after the review."))
            if decision == ReviewDecision.AMEND:
                version_number += 1
                amendment = _Row(case=case, number=version_number, status=PlanVersion.Status.SERVED,
                                        served_on=decided, created_by=case.caseworker,
                                        comments_close_on=deadlines.amendment_comments_close(decided))
                versions.append(amendment)
                review.amendment = amendment
                amended_on = decided + _days(rng.randint(16, 80))
                if amended_on > today:
                    review.status, review.completed_on = AnnualReview.Status.AMENDING, None
                    break
                version_number += 1
                amended = _Row(case=case, number=version_number, status=PlanVersion.Status.FINAL,
                                      views_interests_aspirations=latest_final.views_interests_aspirations,
                                      placement=latest_final.placement, issued_on=amended_on,
                                      created_by=case.caseworker)
                versions.append(amended)
                amendment.status = latest_final.status = PlanVersion.Status.SUPERSEDED
                review.amended_plan, review.completed_on = amended, amended_on
                latest_final = amended
                events.append(_Row(case=case, kind=CaseEvent.Kind.AMENDED_PLAN_ISSUED, actor=council.manager,
                                        on=amended_on, detail="Amended final plan issued."))
            elif decision == ReviewDecision.CEASE:
                decided_on = decided + _days(rng.randint(20, 40))
                ceases_on = decided_on + _days(rng.randint(30, 60))
                proposal = _Row(case=case, reason=_pick(rng, CEASING_REASONS),
                                           explanation=self._text(rng, long=False), proposed_on=decided,
                                           proposed_by=council.manager, setting=school,
                                           responses_due_on=decided + _days(15))
                ceasing.append(proposal)
                if decided_on > today:
                    break
                proposal.decided_on, proposal.decided_by, proposal.ceases_on = decided_on, council.manager, ceases_on
                proposal.decision_reasons = self._text(rng, long=False)
                proposal.status = CeasingProposal.Status.CEASING
                if ceases_on <= today:
                    proposal.status = CeasingProposal.Status.CEASED
                    case.stage, case.closed_on = Stage.CEASED, ceases_on
                    events.append(_Row(case=case, kind=CaseEvent.Kind.CEASED, actor=council.manager,
                                            on=ceases_on, detail="Plan ceased."))
                break
            number += 1
            due = next_due

    # --- alternative provision -----------------------------------------------------------------------------
    def _placements(self, rng, council: _Council, weight: float, planned_cases: list[_Row]) -> None:
        today = self.today
        count = _round(rng, NATIONAL_PLACEMENTS_A_YEAR * self.scale * weight)
        if not count:
            return
        code = f"gen-{council.index + 1:03d}"
        lots = self._save(Lot, [
            Lot(code=f"{code}-ks3-4", local_authority=council.organisation, name="Key stages 3 and 4",
                description=self._text(rng, long=False), registered_schools_only=True, position=1),
            Lot(code=f"{code}-tuition", local_authority=council.organisation, name="Tuition and mentoring",
                description=self._text(rng, long=False), position=2)])
        provider_orgs = self._save(Organisation, [
            Organisation(kind=OrganisationKind.PROVIDER,
                         name=f"Generated AP Provider {council.index + 1:03d}-{n + 1:02d}")
            for n in range(max(2, min(15, round(count / 25))))])
        providers = []
        for number, organisation in enumerate(provider_orgs):
            registered = number % 3 == 0
            providers.append(ApprovedProvider(
                organisation=organisation, status=ApprovedProvider.Status.ADMITTED,
                registration=(ApprovedProvider.Registration.REGISTERED_SCHOOL if registered
                              else ApprovedProvider.Registration.UNREGISTERED),
                urn=f"9{next(self.urns):06d}" if registered else "", contact_name=f"{rng.choice(GIVEN)} "
                                                                                 f"{rng.choice(FAMILY)}"))
        self._save(ApprovedProvider, providers)
        through = ApprovedProvider.lots.through
        self._save(through, [through(approvedprovider_id=provider.pk, lot_id=lots[0 if number % 3 == 0 else 1].pk)
                             for number, provider in enumerate(providers)])
        provider_users = self._users(rng, len(providers), "provider")
        self._memberships([(user, provider.organisation, Role.PROVIDER, "")
                           for user, provider in zip(provider_users, providers, strict=True)])
        recorder = {provider.pk: user for provider, user in zip(providers, provider_users, strict=True)}

        secondary = council.schools_by_phase[SettingPhase.SECONDARY]
        new_children, rows = [], []
        for _ in range(count):
            with_plan = planned_cases and rng.random() < 0.3
            if with_plan:
                child = rng.choice(planned_cases).child
            else:
                child = self._child(rng, council, today - _days(365 * rng.randint(11, 15) + rng.randint(0, 364)))
                new_children.append(child)
            school = child.current_setting if child.current_setting in secondary else rng.choice(secondary)
            starts = today - _days(rng.randint(0, 365))
            ends = starts + _days(7 * rng.randint(6, 30))
            on_list = rng.random() < 0.8
            provider = rng.choice(providers) if on_list else None
            placement = _Row(
                child=child, home_school=school, commissioner=council.organisation, provider=provider,
                provider_name="" if on_list else f"Unlisted provider {rng.randint(1, 40)}",
                provider_is_registered_school=bool(provider and provider.registration == "registered_school"),
                arranged_directly=rng.random() < 0.3, tier=rng.choice(Tier.values), has_ehc_plan=bool(with_plan),
                is_looked_after=rng.random() < 0.1, starts_on=starts, hours_per_week=rng.choice([10, 15, 20, 25]),
                is_full_time=rng.random() < 0.3, days=rng.choice(["MO,TU,WE,TH,FR", "MO,TU,WE", "TU,WE,TH",
                                                                   "MO,WE,FR"]),
                weekly_cost=rng.randint(300, 1500), objectives=self._text(rng, long=False),
                reintegration_plan=self._text(rng, long=False), named_contact=f"{rng.choice(GIVEN)} (key worker)",
                next_review_on=starts + _days(42), created_by=rng.choice(council.caseworkers))
            if ends <= today:
                placement.status, placement.ends_on, placement.outcome_on = Placement.Status.ENDED, ends, ends
                placement.outcome = rng.choice(Placement.Outcome.values)
                placement.next_review_on = ends
            rows.append(placement)
        self._write(Child, new_children)
        self._write(Placement, rows)

        marks = []
        for placement in rows:
            weekdays = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4}
            expected = {weekdays[day] for day in placement.days.split(",")}
            recorded_by = recorder[placement.provider.pk] if placement.provider else placement.created_by
            day, marked = min(today, placement.ends_on or today), 0
            while day >= placement.starts_on and marked < ATTENDANCE_DAYS:
                if day.weekday() in expected and is_working_day(day):
                    for session in (AttendanceMark.Session.AM, AttendanceMark.Session.PM):
                        marks.append(_Row(placement=placement, date=day, session=session,
                                                    mark=_pick(rng, ATTENDANCE), recorded_by=recorded_by))
                    marked += 1
                day -= _days(1)
        self._write(AttendanceMark, marks)


def generate(*, scale: float, seed: int = 2025, councils: int = DEFAULT_COUNCILS, today: dt.date,
             log: Callable[[str], None] = lambda message: None) -> Report:
    """Fill the database with synthetic national data at `scale` (1.0 = England). Call `refusal()` first."""
    return NationalData(scale=scale, seed=seed, councils=councils, today=today, log=log).run()


def model_counts() -> dict[str, int]:
    """Rows in each table the generator fills, for reports."""
    labels = ["organisations.Organisation", "accounts.User", "people.Child", "ehc.EHCCase", "ehc.PlanVersion",
              "ehc.AnnualReview", "ehc.AdviceRequest", "ehc.TimeLimitException", "ehc.CeasingProposal",
              "ehc.CaseEvent", "alt_provision.Placement", "alt_provision.AttendanceMark"]
    return {label: apps.get_model(label).objects.count() for label in labels}
