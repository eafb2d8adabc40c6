"""The Local Offer indicators: listings by category, listings past their review date, searches that found nothing,
and feedback answered ("You said, we did"). Figures come from `selectors_local_offer`, which counts in the
database. The Local Offer is recorded for the whole area, not council by council, so `councils` is not used."""

from django.utils import timezone

from local_offer.services.listings import review_months

from . import selectors_local_offer
from .indicators import COUNT, PERCENT, Indicator, Row, _trend
from .indicators_ap import chart_label, safe_label

THEME = "Local Offer"

_AREA_WIDE = ("The Local Offer is one directory for the whole area and is not recorded council by council, so this "
              "figure is the same whichever council you work for.")
_NOT_FILTERED = "The district, primary need and age group filters do not apply to it."
_NOW = "It is counted today, whichever period is chosen."


def _by_category(councils, filters):
    counts = selectors_local_offer.services_by_category()
    rows = []
    for name, parent, listings in counts["categories"]:
        label = f"{parent}: {name}" if parent else name
        rows.append(Row(safe_label(label), listings, None, listings, short_label=chart_label(name)))
    uncategorised = counts["uncategorised"]
    rows.append(Row("Not in any category", uncategorised, None, uncategorised, short_label="No category"))
    rows.append(Row("All published listings", counts["listings"], None, counts["listings"], is_total=True))
    return rows


def _past_review(councils, filters):
    counts = selectors_local_offer.listings_past_review(timezone.localdate())
    listings = counts["listings"]
    total = counts["overdue"] + counts["hidden"]
    return [
        Row("Published, past their review date", counts["overdue"], listings, counts["overdue"],
            short_label="Past review date"),
        Row("Hidden because they were not reviewed in time", counts["hidden"], listings, counts["hidden"],
            short_label="Hidden"),
        Row("All listings past their review date", total, listings, total, is_total=True),
    ]


def _zero_result_searches(councils, filters, series):
    return [(searches, None) for (searches,) in selectors_local_offer.zero_result_searches(series)]


def _feedback_answered(councils, filters, series):
    return selectors_local_offer.feedback_answered(series)


def _review_about() -> str:
    return f" Providers are asked to check each listing every {review_months()} months."


INDICATORS: list[Indicator] = [
    Indicator(
        slug="local-offer-services-by-category",
        title="Local Offer listings, by category",
        theme=THEME,
        about=("The number of listings published in the Local Offer today in each of the categories families "
               "browse (for example education, health and wellbeing, or things to do). A listing can be in more "
               "than one category, so the categories add up to more than the total; listings in no category are "
               "hard to find by browsing. Listings imported from other areas' Local Offers are left out. "
               + _AREA_WIDE + " " + _NOW + " " + _NOT_FILTERED),
        unit=COUNT, numerator_label="Published listings", denominator_label="",
        identifies_small_counts=False, breakdown_label="Category", higher_is_better=None, additive=False,
        compute=_by_category,
    ),
    Indicator(
        slug="local-offer-listings-past-review",
        title="Local Offer listings past their review date",
        theme=THEME,
        about=("The number of Local Offer listings whose provider has not confirmed them by their review date: "
               "those still published, and those the portal has hidden from families because the review was "
               "not done in time after reminders." + _review_about() + " Listings imported from other areas' "
               "Local Offers are checked by those areas and left out. " + _AREA_WIDE + " " + _NOW + " "
               + _NOT_FILTERED),
        unit=COUNT, numerator_label="Listings", denominator_label="Listings published or hidden",
        identifies_small_counts=False, breakdown_label="Listing", higher_is_better=False,
        compute=_past_review,
    ),
    Indicator(
        slug="local-offer-zero-result-searches",
        title="Local Offer searches that found nothing",
        theme=THEME,
        about=("How many searches of the Local Offer found no listing, by the date of the search: a sign of "
               "what families look for and cannot find. The portal keeps only the words searched (with email "
               "addresses, phone numbers and postcodes taken out) and how many times a day, nothing about who "
               "searched. It does not count searches that found something, so this is a number, not a "
               "percentage. " + _AREA_WIDE + " " + _NOT_FILTERED),
        unit=COUNT, numerator_label="Searches that found nothing", denominator_label="",
        identifies_small_counts=False, higher_is_better=False,
        compute=_trend("local-offer-zero-result-searches", _zero_result_searches, COUNT, england=False),
    ),
    Indicator(
        slug="local-offer-feedback-answered",
        title="Local Offer feedback answered (\u201cYou said, we did\u201d)",
        theme=THEME,
        about=("Of the comments and problem reports about the Local Offer received in the period, the "
               "percentage the Local Offer team has answered with what it said and what it did or will do "
               "(\u201cYou said, we did\u201d), as regulation 56 of the Special Educational Needs and Disability "
               "Regulations 2014 asks. Comments about an individual case go to the complaints team and "
               "vexatious comments are not answered, so both are left out; comments not sorted yet count as "
               "waiting for an answer. \u201cWas this useful?\u201d answers are not counted. A comment counts in "
               "the period it was received. " + _AREA_WIDE + " "
               + _NOT_FILTERED),
        unit=PERCENT, numerator_label="Answered", denominator_label="Comments and problem reports received",
        identifies_small_counts=False,
        compute=_trend("local-offer-feedback-answered", _feedback_answered, PERCENT, england=False),
    ),
]
