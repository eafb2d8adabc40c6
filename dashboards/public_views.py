from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from . import transparency


def how_we_are_doing(request, council_id=None):
    """The public page. With one council publishing (the usual case) it shows that council; with several, it
    lists them."""
    councils = transparency.councils_publishing()
    if council_id is None:
        only = list(councils[:2])
        if len(only) != 1:
            return render(request, "dashboards/public_list.html", {"councils": councils})
        council = only[0]
    else:
        council = councils.filter(pk=council_id).first()
        if council is None:
            raise Http404("This council publishes no figures.")
    today = timezone.localdate()
    period = transparency.public_period(today)
    return render(request, "dashboards/public.html", {
        "council": council, "period": period, "round_to": transparency.ROUND_TO,
        # Called by the template only when the cached fragment has expired, so a cached page runs no queries.
        "items": lambda: transparency.published_items(council, today)})
