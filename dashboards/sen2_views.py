"""The SEN2 return pages: check the return for a collection year, then download it. Council caseworkers and managers
only, for a council they are an officer of."""

import io

from django import forms
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from send_portal.audit.services import record_access
from send_portal.core.access_policy import COUNCIL_RECORD_HOLDERS
from send_portal.core.dates import govuk_date
from send_portal.core.downloads import attachment
from send_portal.core.forms import GovukFilterForm
from send_portal.organisations.selectors import local_authorities_for

from . import sen2


class Sen2YearForm(GovukFilterForm):
    """The collection year in the query string (empty means the return being worked on now), and the council for
    someone who is an officer of more than one."""

    year = forms.TypedChoiceField(
        label="Collection year", required=False, coerce=int, empty_value=None,
        help_text="Named by the year of its census date in January. It reports requests and assessments in the year "
                  "before, and plans and placements on the census date.",
        error_messages={"invalid_choice": "Select a collection year from the list"})
    council = forms.ChoiceField(label="Council", required=False)

    def __init__(self, *args, councils, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, f"{year} (census date {govuk_date(sen2.census_date(year))})")
                                       for year in sen2.years(today)]
        self.fields["year"].initial = sen2.default_year(today)
        if len(councils) > 1:
            self.fields["council"].choices = [(council.pk, council.name) for council in councils]
        else:
            del self.fields["council"]


def _councils(user) -> list:
    return list(local_authorities_for(user, *COUNCIL_RECORD_HOLDERS).order_by("name", "pk"))


def _council(request, councils):
    """The council chosen with `?council=`, by default the first; one that is not theirs is a 404."""
    if not councils:
        raise Http404("You are not an officer of a council.")
    chosen = request.GET.get("council", "")
    if not chosen:
        return councils[0]
    for council in councils:
        if str(council.pk) == chosen:
            return council
    raise Http404("No such council.")


def dashboards_sen2(request):
    councils = _councils(request.user)
    council = _council(request, councils)
    today = timezone.localdate()
    form = Sen2YearForm(request.GET or None, councils=councils, today=today)
    context = {"form": form, "council": council, "councils": councils, "is_filtered": bool(request.GET)}
    if form.is_bound and not form.is_valid():
        return render(request, "dashboards/sen2.html", context, status=400)
    year = (form.cleaned_data.get("year") if form.is_bound else None) or sen2.default_year(today)
    result = sen2.sen2_return(council, year)
    context.update(_result_context(result, council, councils))
    return render(request, "dashboards/sen2.html", context)


def _result_context(result, council, councils, *, errors_only=False):
    shown = result.errors if errors_only else result.issues

    def of(module, items):
        return [item for item in items if item.module == module.number]

    return {
        "result": result,
        "collection": result.collection,
        "modules": [{"module": module, "rows": len(result.rows[module.number]),
                     "summary": of(module, result.summary), "issues": of(module, shown),
                     "errors": len(of(module, result.errors)), "warnings": len(of(module, result.warnings))}
                    for module in sen2.MODULES],
        "council_param": f"council={council.pk}" if len(councils) > 1 else "",
    }


def dashboards_sen2_download(request, year):
    councils = _councils(request.user)
    council = _council(request, councils)
    if year not in sen2.years(timezone.localdate()):
        raise Http404("There is no SEN2 return for that year.")
    result = sen2.sen2_return(council, year)
    if not result.is_ready:
        return render(request, "dashboards/sen2_blocked.html",
                      {**_result_context(result, council, councils, errors_only=True), "council": council}, status=409)
    content = sen2.export_zip(result)
    # The export carries every child's details, so it is recorded like a view of a record: one entry against the
    # council, naming the return (the entry holds no child's details).
    record_access(user=request.user, obj=council,
                  purpose=f"SEN2 {year} return downloaded (people in it: {len(result.rows[sen2.PERSON.number])})")
    return attachment(io.BytesIO(content), filename=sen2.export_filename(result), content_type="application/zip")
