"""Every indicator the dashboards offer, from each area's module, in the order the pages show them."""

from . import indicators, indicators_ap, indicators_local_offer

INDICATORS = [*indicators.INDICATORS, *indicators_ap.INDICATORS, *indicators_local_offer.INDICATORS]
BY_SLUG = {indicator.slug: indicator for indicator in INDICATORS}
