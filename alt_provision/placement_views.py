"""Pages for alternative provision placements: recording one a school arranged directly, the placement's plan,
the provider's daily attendance register, reviews, outcomes and the council's register of every placement.

Every placement is about a child, so every lookup goes through selectors.placement_get_for (the placement's home
or commissioning school, the council's hold on the child's record, or the provider's membership) and
core.access.get_from: 404 for missing and not yours alike."""

import csv
import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from send_portal.core.csv_safety import safe_cell
from send_portal.core.flows import action_form_page
from send_portal.organisations.models import Role
from send_portal.organisations.selectors import user_has_role

from . import selectors, services
from .exclusion_forms import errors_from
from .placement_forms import (
    AttendanceDateForm,
    AttendanceRegisterForm,
    DirectPlacementForm,
    OutcomeForm,
    RegisterFilterForm,
    ReviewForm,
)

CAPTION = "Alternative provision"
PAGE_SIZE = 50


def _posted(request):
    # An empty POST is still a submission, so it must give errors rather than a fresh form.
    return request.POST if request.method == "POST" else None


def _is_council(user) -> bool:
    return user_has_role(user, Role.LA_CASEWORKER, Role.LA_MANAGER)


# --- Recording a placement arranged directly ---------------------------------------------------------------

def placement_new(request):
    initial = {"child": request.GET.get("child")} if request.GET.get("child", "").isdigit() else {}
    form = DirectPlacementForm(_posted(request), user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            placement = services.placement_record_direct(
                recorded_by=request.user, child=data["child"], provider=data["provider_obj"],
                provider_name=data.get("provider_name", "") if data["provider_obj"] is None else "",
                provider_is_registered_school=data.get("provider_is_registered_school"), tier=data["tier"],
                starts_on=data["starts_on"], hours_per_week=data["hours_per_week"], days=",".join(data["days"]),
                weekly_cost=data["weekly_cost"], objectives=data["objectives"],
                reintegration_plan=data["reintegration_plan"], reintegration_on=data.get("reintegration_on"),
                named_contact=data["named_contact"], next_review_on=data["next_review_on"],
                has_ehc_plan=data["has_ehc_plan"], is_looked_after=data["is_looked_after"])
        except ValidationError as error:
            errors_from(form, error)
        else:
            messages.success(request, "Placement recorded. It is on the council's register of alternative "
                                      "provision.")
            return redirect("ap_placement", pk=placement.pk)
    return render(request, "alt_provision/placements/placement_new.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


# --- The placement -----------------------------------------------------------------------------------------

def placement_detail(request, pk):
    placement = selectors.placement_get_for(request.user, pk)
    provider_view = selectors.placement_provider_view(request.user, placement)
    return render(request, "alt_provision/placements/placement_detail.html", {
        "placement": placement, "provider_view": provider_view, "today": timezone.localdate(),
        "attendance": selectors.attendance_summary(placement),
        "recent_marks": placement.attendance.select_related("recorded_by")[:20],
        "reviews": placement.reviews.select_related("recorded_by"),
        "can_end": not provider_view and placement.status == placement.Status.ACTIVE,
        "days": [services.DAY_CODES.get(code, code) for code in placement.days.split(",") if code],
    })


def placement_review_new(request, pk):
    placement = selectors.placement_get_for(request.user, pk, purpose="change")
    form = ReviewForm(_posted(request))
    return _action(
        request, form, title="Record a review", caption=_caption(request, placement), submit_text="Save the review",
        success="Review recorded.", done_url=reverse("ap_placement", args=[placement.pk]),
        save=lambda data: services.placement_review_record(
            placement=placement, reviewed_on=data["reviewed_on"], progress=data["progress"],
            next_steps=data.get("next_steps", ""), next_review_on=data.get("next_review_on"),
            recorded_by=request.user),
        hint="Reviews are at least every half term. Record progress against each objective and agree the next "
             "review date.")


def placement_end(request, pk):
    placement = selectors.placement_get_for(request.user, pk, purpose="change")
    if selectors.placement_provider_view(request.user, placement):
        # The commissioner ends a placement; the provider's members may see it but not end it.
        raise Http404("Not yours to end.")
    form = OutcomeForm(_posted(request))
    return _action(
        request, form, title="End the placement", caption=_caption(request, placement), submit_text="End the placement",
        success="Placement ended and its outcome recorded.", done_url=reverse("ap_placement", args=[placement.pk]),
        save=lambda data: services.placement_end(placement=placement, outcome=data["outcome"],
                                                 outcome_on=data["outcome_on"], ended_by=request.user),
        hint="Record where the pupil went at the end of the placement. An ended placement stays on the register.")


def _caption(request, placement) -> str:
    return f"{placement.child.full_name} ({placement.child.reference})"


def _action(request, form, **kwargs):
    # As flows.action_form_page, with the service's refusal put on the field it names.
    if request.method == "POST" and form.is_valid():
        try:
            kwargs["save"](form.cleaned_data)
        except ValidationError as error:
            errors_from(form, error)
        else:
            messages.success(request, kwargs["success"])
            return redirect(kwargs["done_url"])
    kwargs = {**kwargs, "save": lambda data: None}
    return action_form_page(request, form, **kwargs)


# --- The provider's attendance register --------------------------------------------------------------------

def attendance(request):
    providers = list(selectors.providers_kept_by(request.user))
    if not providers:
        return render(request, "alt_provision/placements/attendance_none.html")
    chosen = request.GET.get("provider", "")
    provider = next((p for p in providers if str(p.pk) == chosen), providers[0])
    today = timezone.localdate()
    date_form = AttendanceDateForm(request.GET if "date_0" in request.GET else None)
    day = date_form.cleaned_data["date"] if date_form.is_bound and date_form.is_valid() else today
    if date_form.is_bound and not date_form.is_valid():
        return render(request, "alt_provision/placements/attendance.html", {
            "date_form": date_form, "providers": providers, "provider": provider, "day": None, "form": None,
        }, status=400)
    rows = selectors.attendance_day(provider, day)
    form = AttendanceRegisterForm(_posted(request), rows=rows)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.attendance_record(provider=provider, day=day, marks=form.marks(),
                                                recorded_by=request.user, today=today)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            text = "Attendance saved."
            if result["absent"]:
                text += " The commissioning school has been told about each absence today."
            messages.success(request, text)
            return redirect(f"{reverse('ap_attendance')}?{_date_query(day, provider)}")
    if not date_form.is_bound:
        date_form = AttendanceDateForm(initial={"date": day})
    return render(request, "alt_provision/placements/attendance.html", {
        "date_form": date_form, "form": form, "providers": providers, "provider": provider, "day": day,
        "today": today, "query": _date_query(day, provider),
        "previous_query": _date_query(day - dt.timedelta(days=1), provider),
        "next_query": _date_query(day + dt.timedelta(days=1), provider) if day < today else "",
    }, status=400 if request.method == "POST" else 200)


def _date_query(day, provider) -> str:
    return f"provider={provider.pk}&date_0={day.day}&date_1={day.month}&date_2={day.year}"


# --- The council's register ----------------------------------------------------------------------------------

def _register(request):
    filters = RegisterFilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    placements = selectors.register_placements(
        request.user, status=data.get("status", ""), provider=data.get("provider", ""), tier=data.get("tier", ""),
        registered=data.get("registered", ""))
    return filters, data, placements


def register(request):
    filters, data, placements = _register(request)
    page = Paginator(selectors.placement_register(placements), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [{"placement": placement,
             "rate": selectors.attendance_rate(placement.sessions_attended, placement.sessions_expected)}
            for placement in page]
    return render(request, "alt_provision/placements/register.html", {
        "filters": filters, "rows": rows, "page": page, "totals": selectors.register_totals(placements),
        "is_filtered": bool(data and any(data.values())), "is_council": _is_council(request.user),
        "breaches": selectors.registration_threshold_breaches_for(request.user) if _is_council(request.user) else [],
        "csv_query": request.GET.urlencode(),
    }, status=400 if filters.is_bound and not filters.is_valid() else 200)


def register_csv(request):
    filters, _, placements = _register(request)
    if filters.is_bound and not filters.is_valid():
        return HttpResponse("The filters are not valid.", status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ap-placements-{timezone.localdate()}.csv"'
    writer = csv.writer(response)
    writer.writerow(["Reference", "Pupil", "Home school", "Provider", "On the approved list", "Registered school",
                     "Tier", "Hours a week", "Full time", "Cost a week (£)", "Start date", "Status",
                     "Attendance rate (%)", "Next review", "Review overdue", "Outcome", "Outcome date"])
    for placement in selectors.placement_register(placements).iterator(chunk_size=500):
        rate = selectors.attendance_rate(placement.sessions_attended, placement.sessions_expected)
        writer.writerow([safe_cell(value) for value in (
            placement.child.reference, placement.child.full_name, placement.home_school.name,
            placement.provider.organisation.name if placement.provider_id else placement.provider_name,
            "Yes" if placement.provider_id else "No", "Yes" if placement.is_registered else "No",
            placement.tier, placement.hours_per_week, "Yes" if placement.is_full_time else "No",
            placement.weekly_cost, placement.starts_on.isoformat(), placement.get_status_display(),
            "" if rate is None else rate, placement.next_review_on.isoformat(),
            "Yes" if placement.review_overdue else "No", placement.get_outcome_display(),
            placement.outcome_on.isoformat() if placement.outcome_on else "")])
    return response
