"""The alternative provision (AP) indicators: placements by tier, lot, provider and registration, attendance, the
sixth-day duty after an exclusion, how placements ended, and providers whose evidence has lapsed. Figures come
from `selectors_ap`, which counts in the database."""

from django.utils import timezone

from alt_provision.models import EvidenceKind, Placement
from alt_provision.selectors import FULL_TIME_THRESHOLD

from . import selectors_ap
from .indicators import COUNT, PERCENT, Indicator, Row, _trend, _with_total

THEME = "Alternative provision (AP)"
# The providers with the most placements are shown by name; the rest are added up in one row.
TOP_PROVIDERS = 10

_BELONGS = ("A placement counts for your council when the council commissioned it, is the pupil's home council, or "
            "ran the call-off from one of its lots.")
_FILTERS = ("The district and setting filters use the pupil's current school or setting, the age group is the "
            "pupil's age at the end of the period, and the primary need filter keeps only pupils whose education, "
            "health and care (EHC) needs assessment records that need.")
_RUNNING = "A placement counts in the period when it was running on any day of it."

CHART_LABEL_WORDS = 3


def safe_label(name: str) -> str:
    """A name people typed (a provider, a lot, a category) as a row label, on one line. The CSV download guards
    every label against being read as a formula, so the page shows the name as typed."""
    return " ".join(name.split())


def chart_label(name: str) -> str:
    """A typed name shortened for the chart's axis (charts.py draws it as written, dollar signs included)."""
    words = name.split()
    return " ".join(words[:CHART_LABEL_WORDS]) + ("…" if len(words) > CHART_LABEL_WORDS else "")


_TIER_SHORT = {"1": "Tier 1", "2": "Tier 2", "3": "Tier 3"}
_OUTCOME_SHORT = {
    Placement.Outcome.REINTEGRATED: "Back to school", Placement.Outcome.CONTINUING: "Continuing in AP",
    Placement.Outcome.SPECIAL_SCHOOL: "Special school", Placement.Outcome.POST_16: "Post-16",
    Placement.Outcome.OTHER: "Other",
}
_EVIDENCE_SHORT = {
    EvidenceKind.INSURANCE: "Insurance", EvidenceKind.SAFEGUARDING_POLICY: "Safeguarding policy",
    EvidenceKind.SAFEGUARDING_LEAD: "Safeguarding lead", EvidenceKind.STAFF_CHECKS: "Staff checks",
    EvidenceKind.HEALTH_AND_SAFETY: "Health and safety", EvidenceKind.DATA_PROTECTION: "Data protection",
    EvidenceKind.BEHAVIOUR_ATTENDANCE: "Behaviour, attendance", EvidenceKind.COMPLAINTS: "Complaints",
    EvidenceKind.FINANCIAL: "Financial check", EvidenceKind.PREMISES: "Premises",
}


def _count_row(label: str, count: int, short_label: str = "") -> Row:
    return Row(label, count, None, count, short_label=short_label)


def _by_tier(councils, filters):
    return _with_total([_count_row(label, count, _TIER_SHORT.get(tier, "")) for tier, label, count
                        in selectors_ap.placements_by_tier(councils, filters)], "All placements")


def _by_registration(councils, filters):
    registered, unregistered = selectors_ap.placements_by_registration(councils, filters)
    return _with_total([_count_row("Registered school (Ofsted or independent school)", registered, "Registered"),
                        _count_row("Not registered as a school", unregistered, "Not registered")],
                       "All placements")


def _by_lot(councils, filters):
    rows = [_count_row(safe_label(name), count, chart_label(name)) if name is not None
            else _count_row("Arranged directly, without a call-off", count, "Arranged directly")
            for name, count in selectors_ap.placements_by_lot(councils, filters)]
    return _with_total(rows, "All placements")


def _by_provider(councils, filters):
    providers = selectors_ap.placements_by_provider(councils, filters)
    rows = []
    for name, on_list, count in providers[:TOP_PROVIDERS]:
        label = name if on_list else f"{name} (not on the approved provider list)"
        rows.append(_count_row(safe_label(label), count, chart_label(name)))
    others = providers[TOP_PROVIDERS:]
    if others:
        count = sum(count for _, _, count in others)
        rows.append(_count_row(f"The other {len(others)} providers", count, "Others"))
    return _with_total(rows, "All placements")


def _by_outcome(councils, filters):
    return _with_total([_count_row(label, count, _OUTCOME_SHORT.get(outcome, "")) for outcome, label, count
                        in selectors_ap.ended_placements_by_outcome(councils, filters)], "All placements ended")


def _sixth_day(councils, filters, series):
    return selectors_ap.sixth_day_duties_met(councils, filters, series, timezone.localdate())


def _lapsed_evidence(councils, filters):
    counts = selectors_ap.providers_with_lapsed_evidence(councils, timezone.localdate())
    on_list = counts["on_list"]
    rows = [Row(label, counts[kind], on_list, counts[kind], short_label=_EVIDENCE_SHORT.get(kind, ""))
            for kind, label in EvidenceKind.choices]
    rows.append(Row("Any evidence lapsed", counts["any"], on_list, counts["any"], is_total=True))
    return rows


INDICATORS: list[Indicator] = [
    Indicator(
        slug="ap-placements-by-tier",
        title="Alternative provision placements, by tier",
        theme=THEME,
        about=("The number of alternative provision (AP) placements running in the period, by the tier of the "
               "special educational needs and disabilities (SEND) and alternative provision improvement plan "
               "(March 2023): tier 1 is targeted support in the pupil's own school, tier 2 a time-limited "
               "placement, and tier 3 a transitional placement. Alternative provision includes pupil referral "
               "units (PRUs) and other providers; the pupil stays on their school's roll. " + _RUNNING + " "
               + _BELONGS + " " + _FILTERS),
        unit=COUNT, numerator_label="Placements", denominator_label="",
        identifies_small_counts=True, breakdown_label="Tier", higher_is_better=None,
        compute=_by_tier,
    ),
    Indicator(
        slug="ap-placements-by-lot",
        title="Alternative provision placements, by lot",
        theme=THEME,
        about=("The number of alternative provision (AP) placements running in the period, by the lot of the "
               "approved provider list that the placement's call-off was sent to. Placements a school or the "
               "council arranged directly, without a call-off, are shown on their own line. Lots with no "
               "placement in the period are not listed. " + _RUNNING + " " + _BELONGS + " " + _FILTERS),
        unit=COUNT, numerator_label="Placements", denominator_label="",
        identifies_small_counts=True, breakdown_label="Lot", higher_is_better=None,
        compute=_by_lot,
    ),
    Indicator(
        slug="ap-placements-by-provider",
        title="Alternative provision placements, by provider",
        theme=THEME,
        about=(f"The number of alternative provision (AP) placements running in the period with each provider: "
               f"the {TOP_PROVIDERS} providers with the most placements by name, and the rest added together. "
               f"A provider that is not on the approved provider list is named as the school recorded it. "
               + _RUNNING + " " + _BELONGS + " " + _FILTERS),
        unit=COUNT, numerator_label="Placements", denominator_label="",
        identifies_small_counts=True, breakdown_label="Provider", higher_is_better=None,
        compute=_by_provider,
    ),
    Indicator(
        slug="ap-placements-by-registration",
        title="Alternative provision placements, by whether the provider is a registered school",
        theme=THEME,
        about=("The number of alternative provision (AP) placements running in the period with a provider "
               "registered as a school (with Ofsted, or as an independent school) and with one that is not. "
               "A provider on the approved provider list counts by its registration now; for a provider not on "
               "the list, the portal uses what the school recorded with the placement. A provider that is not a "
               f"registered school must register once it teaches {FULL_TIME_THRESHOLD} or more pupils full time, "
               "or any full-time pupil with an education, health and care (EHC) plan or who is looked after "
               "(Education and Skills Act 2008, section 92). " + _RUNNING + " " + _BELONGS + " " + _FILTERS),
        unit=COUNT, numerator_label="Placements", denominator_label="",
        identifies_small_counts=True, breakdown_label="Provider's registration", higher_is_better=None,
        compute=_by_registration,
    ),
    Indicator(
        slug="ap-attendance",
        title="Attendance at alternative provision",
        theme=THEME,
        about=("The percentage of sessions attended, of the sessions pupils in alternative provision (AP) were "
               "expected at, from the morning and afternoon marks providers record. Present and late count as "
               "attended; authorised and unauthorised absence as missed; a session the pupil was not expected "
               "at is left out. A session counts in the period of its date. A period where 1 to 4 pupils had "
               "marks is hidden from those who see aggregates only, however many sessions there were. "
               + _BELONGS + " " + _FILTERS),
        unit=PERCENT, numerator_label="Sessions attended", denominator_label="Sessions expected",
        identifies_small_counts=True,
        compute=_trend("ap-attendance", selectors_ap.attendance, PERCENT, england=False),
    ),
    Indicator(
        slug="ap-sixth-day",
        title="Full-time education in place by the sixth school day after an exclusion",
        theme=THEME,
        about=("After a permanent exclusion the council, and after a suspension of more than 5 school days the "
               "school, must arrange full-time education from the sixth school day (Education Act 1996 section "
               "19(3A); Education and Inspections Act 2006 section 100). This is the percentage of those duties "
               "whose sixth school day fell in the period where full-time education started on or before it. "
               "The sixth school day counts from the first day of exclusion, leaving out weekends, bank holidays "
               "and the council's school holidays. A duty whose sixth day is still to come is counted once it "
               "is met or missed. Full-time education is often alternative provision (AP), such as a pupil "
               "referral unit (PRU). An exclusion counts for the pupil's home council. " + _FILTERS),
        unit=PERCENT, numerator_label="Full-time education by the sixth day", denominator_label="Duties due",
        identifies_small_counts=True,
        compute=_trend("ap-sixth-day", _sixth_day, PERCENT, england=False),
    ),
    Indicator(
        slug="ap-reintegration-outcomes",
        title="Alternative provision placements ended, by outcome",
        theme=THEME,
        about=("The number of alternative provision (AP) placements that ended in the period, by where the pupil "
               "went next: back to mainstream school (reintegration), continuing in alternative provision, a "
               "special school, a post-16 destination, or something else. A placement counts in the period of "
               "the date it ended. " + _BELONGS + " " + _FILTERS),
        unit=COUNT, numerator_label="Placements ended", denominator_label="",
        identifies_small_counts=True, breakdown_label="Outcome", higher_is_better=None,
        compute=_by_outcome,
    ),
    Indicator(
        slug="ap-providers-lapsed-evidence",
        title="Alternative provision providers with lapsed evidence",
        theme=THEME,
        about=("The number of providers on your council's approved provider list for alternative provision (AP), "
               "approved or suspended, whose compliance evidence in force has passed its expiry date, today, "
               "by kind of evidence. A provider with more than one kind lapsed is counted once on each of those "
               "lines and once in the total. The portal suspends an approved provider from new call-offs when "
               "its evidence lapses and lifts the suspension when it is renewed. These are counts of "
               "organisations, not of children, so small counts are not hidden on the dashboards, and the "
               "period and other filters do not change them."),
        unit=COUNT, numerator_label="Providers with this evidence lapsed", denominator_label="Providers on the list",
        identifies_small_counts=False, breakdown_label="Evidence", higher_is_better=False, additive=False,
        value_label="Providers", compute=_lapsed_evidence,
    ),
]
