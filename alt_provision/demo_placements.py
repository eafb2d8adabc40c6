"""Demo data for commissioning: twelve pupils in active placements with two weeks of registers (one provider that
is not a registered school has five full-time pupils, so the registration alert shows), and an open call-off with
two offers. Safe to run again: it finds what exists and adds what is missing."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from send_portal.accounts.models import User
from send_portal.organisations.models import Role
from send_portal.organisations.services import membership_start
from send_portal.people.models import Child, Sex
from send_portal.people.services import child_register

from . import deadlines
from .models import ApprovedProvider, AttendanceMark, Lot, Placement, PlacementRequirement
from .selectors import calendar_for, working_days_after
from .services import (
    attendance_record,
    offer_save,
    placement_start,
    requirement_call_off,
    requirement_create,
)

Mark = AttendanceMark.Mark
# Given name, family name, age, school, provider index (as in demo.PROVIDER_PLAN), tier, hours a week.
AP_PUPILS = [
    ("Tyler", "Hughes", 14, "Ashford Vale Academy", 1, "2", 25),
    ("Maya", "Robinson", 15, "Ashford Vale Academy", 1, "2", 22.5),
    ("Connor", "Walsh", 13, "Brackenmoor Academy", 1, "3", 20),
    ("Freya", "Doyle", 14, "Castlebridge Academy", 1, "2", 25),
    ("Jayden", "Price", 15, "Harrowfield High School", 1, "2", 18),
    ("Isla", "Bennett", 12, "Brackenmoor Academy", 4, "1", 6),
    ("Reece", "Foster", 14, "Castlebridge Academy", 4, "2", 15),
    ("Nia", "Ahmed", 11, "Greyhaven Junior School", 0, "1", 5),
    ("Kieran", "Marsh", 15, "Harrowfield High School", 2, "3", 22),
    ("Ellie", "Shaw", 13, "Ashford Vale Academy", 5, "2", 12),
    ("Omar", "Hussain", 15, "Castlebridge Academy", 7, "3", 25),
    ("Zara", "Lloyd", 14, "Brackenmoor Academy", 7, "2", 25),
]
CALL_OFF_PUPIL = ("Kai", "Turner", 14, "Harrowfield High School")
REGISTER_DAYS = 10


def _born(age: int, index: int) -> dt.date:
    today = timezone.localdate()
    return dt.date(today.year - age - 1, 1 + index % 12, 3 + index)


def _pupil(world, given, family, age, school_name, index) -> Child:
    # Matched by name and council, so seeding again in a later year finds the same pupil.
    existing = Child.objects.filter(given_name=given, family_name=family,
                                    home_local_authority=world["council"]).first()
    if existing:
        return existing
    born = _born(age, index)
    return child_register(created_by=world["caseworker"], home_local_authority=world["council"],
                          current_setting=world["schools"][school_name], given_name=given, family_name=family,
                          date_of_birth=born, sex=Sex.FEMALE if index % 2 else Sex.MALE,
                          postcode=f"EX{1 + index % 5} {index + 1}PQ")


def _school_days_back(today: dt.date, count: int, calendar) -> list[dt.date]:
    days, day = [], today - dt.timedelta(days=1)
    while len(days) < count and (today - day).days < 120:
        if deadlines.is_school_day(day, calendar):
            days.append(day)
        day -= dt.timedelta(days=1)
    return sorted(days)


def _mark(pupil_index: int, day_index: int, session: str) -> str:
    # A believable pattern: most pupils attend; a few are late now and then; two miss sessions.
    if pupil_index in (2, 9) and (day_index + (session == "pm")) % 4 == 0:
        return Mark.UNAUTHORISED
    if pupil_index == 6 and day_index == 3:
        return Mark.AUTHORISED
    if (pupil_index + day_index) % 9 == 0 and session == "am":
        return Mark.LATE
    return Mark.PRESENT


def seed_placements(world, stdout):
    today = timezone.localdate()
    providers = {index: ApprovedProvider.objects.get(organisation=organisation)
                 for index, organisation in enumerate(world["providers"])}
    officer = world["caseworker"]
    council = world["council"]
    placements = []
    for index, (given, family, age, school_name, provider_index, tier, hours) in enumerate(AP_PUPILS):
        child = _pupil(world, given, family, age, school_name, index)
        placement = Placement.objects.filter(child=child, status=Placement.Status.ACTIVE).first()
        if placement is None:
            starts_on = today - dt.timedelta(weeks=3 + index % 6)
            school = world["schools"][school_name]
            placement = placement_start(
                child=child, home_school=school, commissioner=council if index % 4 == 0 else school,
                created_by=officer, tier=tier, starts_on=starts_on, hours_per_week=Decimal(str(hours)),
                days="MO,TU,WE,TH,FR" if hours >= 18 else "TU,TH", weekly_cost=Decimal(45 * hours),
                objectives="Attend every session; rebuild reading and maths; manage anger without leaving the room.",
                reintegration_plan="Two mornings a week back at school from the second half term, with a key "
                                   "adult; full return once attendance at school is 90%.",
                reintegration_on=starts_on + dt.timedelta(weeks=20) if tier != "3" else None,
                named_contact=f"{providers[provider_index].organisation.name} key worker",
                next_review_on=starts_on + dt.timedelta(weeks=6), provider=providers[provider_index],
                has_ehc_plan=index in (2, 8), is_looked_after=index == 4)
        placements.append(placement)

    calendar = calendar_for(council)
    for day_index, day in enumerate(_school_days_back(today, REGISTER_DAYS, calendar)):
        by_provider = {}
        for pupil_index, placement in enumerate(placements):
            if placement.starts_on > day or placement.attendance.filter(date=day).exists():
                continue
            expected = placement.days == "MO,TU,WE,TH,FR" or day.weekday() in (1, 3)
            marks = ({"am": _mark(pupil_index, day_index, "am"), "pm": _mark(pupil_index, day_index, "pm")}
                     if expected else {"am": Mark.NOT_EXPECTED, "pm": Mark.NOT_EXPECTED})
            by_provider.setdefault(placement.provider, {})[placement.pk] = marks
        for provider, marks in by_provider.items():
            attendance_record(provider=provider, day=day, marks=marks, recorded_by=officer, today=day)

    _call_off(world, providers, today)
    stdout.write(f"Alternative provision placements: {Placement.objects.filter(status='active').count()} active, "
                 f"with {AttendanceMark.objects.count()} register marks.")


def _bids_team(organisation) -> User:
    """A provider's own account to make its offer; it cannot sign in (no password) until someone resets it."""
    user, created = User.objects.get_or_create(email=f"offers@{organisation.name.lower().split()[0]}.example",
                                               defaults={"full_name": f"{organisation.name} offers team"})
    if created:
        user.set_unusable_password()
        user.save()
        membership_start(user=user, organisation=organisation, role=Role.PROVIDER)
    return user


def _call_off(world, providers, today: dt.date):
    given, family, age, school_name = CALL_OFF_PUPIL
    child = _pupil(world, given, family, age, school_name, len(AP_PUPILS))
    if PlacementRequirement.objects.filter(child=child).exists():
        return
    requirement = requirement_create(
        child=child, commissioner=world["council"], created_by=world["caseworker"], today=today,
        lot=Lot.objects.get(code="secondary-ks3-4"),
        needs_summary="Year 10 pupil who finds large groups overwhelming; needs a small group and a consistent "
                      "adult. Working at the expected level in English, below in maths.",
        has_ehc_plan=False, is_looked_after=False, area="Harrowfield or Castlebridge",
        start_on=working_days_after(today, 10), hours_per_week=Decimal("25"), days="MO,TU,WE,TH,FR",
        objectives="GCSE English and maths; a work experience placement; attendance above 90%.",
        tier="2", reintegration_aim="A managed move to another mainstream school by September.",
        budget=Decimal("1200"))
    invitations = requirement_call_off(requirement=requirement, offers_by=working_days_after(today, 5), today=today)
    answering = {providers[1].pk: ("1050", "Two tutors for a group of six, a learning mentor every morning."),
                 providers[7].pk: ("1180", "Qualified teachers in groups of eight; a pastoral lead on site.")}
    for invitation in invitations:
        if invitation.provider_id in answering:
            price, staffing = answering[invitation.provider_id]
            offer_save(invitation=invitation, user=_bids_team(invitation.provider.organisation), price=Decimal(price),
                       start_on=requirement.start_on, hours_per_week=Decimal("25"), staffing=staffing, today=today)
