"""Pages for the statutory clocks of children out of school: exclusions and the sixth-day duty, absence for
health reasons and the health needs referrals it brings, and the council's school calendar.

Every record here is about a child, so every lookup goes through the child's visibility and core.access.get_from
(404 for missing and not yours alike, and each look recorded). Parents do not use these pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from send_portal.core.dates import govuk_date
from send_portal.core.flows import action_form_page
from send_portal.organisations.models import Role
from send_portal.organisations.selectors import user_has_role

from . import selectors, services
from .exclusion_forms import (
    AcknowledgeForm,
    CalendarEntryForm,
    ExclusionFilterForm,
    ExclusionForm,
    HealthAbsenceForm,
    ProvisionForm,
    errors_from,
)
from .models import Exclusion

CAPTION = "Children out of school"
PAGE_SIZE = 25


def _posted(request):
    # An empty POST is still a submission, so it must give errors rather than a fresh form.
    return request.POST if request.method == "POST" else None


def _is_council(user) -> bool:
    return user_has_role(user, Role.LA_CASEWORKER, Role.LA_MANAGER)


def _form_page(request, form, template, context, *, status=None):
    if status is None:
        status = 400 if request.method == "POST" else 200
    return render(request, template, {"form": form, **context}, status=status)


# --- Exclusions --------------------------------------------------------------------------------------------

def exclusion_list(request):
    today = timezone.localdate()
    filters = ExclusionFilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    exclusions = selectors.exclusions_visible_to(request.user, kind=data.get("kind", ""),
                                                 status=data.get("status", ""), query=data.get("q", ""), today=today)
    page = Paginator(exclusions, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [{"exclusion": exclusion, "status": selectors.exclusion_status(exclusion, today)} for exclusion in page]
    return render(request, "alt_provision/clocks/exclusion_list.html", {
        "filters": filters, "rows": rows, "page": page,
        "missed_count": selectors.exclusions_visible_to(request.user, status="missed", today=today).count(),
        "is_filtered": bool(data and any(data.values())), "is_council": _is_council(request.user),
    }, status=400 if filters.is_bound and not filters.is_valid() else 200)


def exclusion_new(request):
    initial = {"child": request.GET.get("child")} if request.GET.get("child", "").isdigit() else {}
    form = ExclusionForm(_posted(request), user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            exclusion = services.exclusion_record(child=data["child"], kind=data["kind"], first_day=data["first_day"],
                                                  school_days=data.get("school_days"), recorded_by=request.user)
        except ValidationError as error:
            errors_from(form, error)
        else:
            if exclusion.sixth_day:
                messages.success(request, "Exclusion recorded. Full-time education must start by "
                                          f"{govuk_date(exclusion.sixth_day)}.")
            else:
                messages.success(request, "Suspension recorded. It is 5 school days or fewer, so there is no "
                                          "sixth-day duty.")
            return redirect("ap_exclusion", pk=exclusion.pk)
    return _form_page(request, form, "alt_provision/clocks/exclusion_new.html", {})


def exclusion_detail(request, pk):
    exclusion = selectors.exclusion_get_for(request.user, pk)
    return render(request, "alt_provision/clocks/exclusion_detail.html", {
        "exclusion": exclusion, "status": selectors.exclusion_status(exclusion),
        "duty_holder": _duty_words(exclusion),
    })


def _duty_words(exclusion: Exclusion) -> str:
    if exclusion.sixth_day is None:
        return "None: a suspension of 5 school days or fewer"
    if exclusion.kind == Exclusion.Kind.PERMANENT:
        return "The council (Education Act 1996 section 19)"
    return "The school (Education and Inspections Act 2006 section 100)"


def exclusion_provision(request, pk):
    exclusion = selectors.exclusion_get_for(request.user, pk, purpose="change")
    initial = {"starts_on": exclusion.provision_starts_on, "details": exclusion.provision_details} \
        if exclusion.provision_starts_on else {}
    form = ProvisionForm(_posted(request), initial=initial)

    def save(data):
        return services.exclusion_record_provision(exclusion=exclusion, starts_on=data["starts_on"],
                                                   details=data["details"])

    sixth = f" The sixth school day is {govuk_date(exclusion.sixth_day)}." if exclusion.sixth_day else ""
    return action_form_page(
        request, form, title="Record when full-time education started", caption=exclusion.child.full_name,
        submit_text="Save", save=save, success="The start of full-time education is recorded.",
        done_url=reverse("ap_exclusion", args=[exclusion.pk]),
        hint=f"Exclusion from {exclusion.school.name} from {govuk_date(exclusion.first_day)}.{sixth}")


# --- Absence for health reasons ----------------------------------------------------------------------------

def health_absences(request):
    today = timezone.localdate()
    referrals = selectors.health_referrals_visible_to(request.user)
    page = Paginator(referrals, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "alt_provision/clocks/health_absences.html", {
        "referrals": page, "page": page, "totals": selectors.health_absence_totals(request.user, today),
        "can_acknowledge": _is_council(request.user),
    })


def health_absence_new(request):
    initial = {"child": request.GET.get("child")} if request.GET.get("child", "").isdigit() else {}
    form = HealthAbsenceForm(_posted(request), user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = services.health_absences_record(child=data["child"], first_day=data["first_day"],
                                                     last_day=data.get("last_day"), recorded_by=request.user)
        except ValidationError as error:
            errors_from(form, error)
        else:
            recorded = result["recorded"]
            text = f"{recorded} school day{'s' if recorded != 1 else ''} of absence recorded."
            if result["already"]:
                text += f" {result['already']} {'were' if result['already'] != 1 else 'was'} recorded already."
            if result["referrals"]:
                text += " The child has now missed 15 school days this term, so the council's health needs " \
                        "education team has been told."
            messages.success(request, text)
            return redirect("ap_health_absences")
    return _form_page(request, form, "alt_provision/clocks/health_absence_new.html", {})


def health_referral_acknowledge(request, pk):
    referral = selectors.health_referral_get_for(request.user, pk, purpose="change")
    form = AcknowledgeForm(_posted(request))
    return action_form_page(
        request, form, title="Acknowledge the health needs referral", caption=referral.child.full_name,
        submit_text="Acknowledge", success="Referral acknowledged.", done_url=reverse("ap_health_absences"),
        save=lambda data: services.health_referral_acknowledge(referral=referral, user=request.user,
                                                               note=data.get("note", "")),
        hint=f"Flagged on {govuk_date(referral.flagged_on)} for the term starting "
             f"{govuk_date(referral.term_starts_on)}. Acknowledging shows the school the health needs education "
             f"team has it in hand.")


# --- The school calendar -----------------------------------------------------------------------------------

def school_calendar(request):
    return render(request, "alt_provision/clocks/school_calendar.html", {
        "council": selectors.council_for(request.user),
        "holidays": selectors.school_holidays_for(request.user),
        "terms": selectors.school_terms_for(request.user),
    })


def _council_or_404(user):
    council = selectors.council_for(user)
    if council is None:
        raise Http404("No council.")
    return council


def school_holiday_new(request):
    council = _council_or_404(request.user)
    form = CalendarEntryForm(_posted(request), name_label="Name",
                             name_hint="For example, Spring half term or Staff training day")
    return action_form_page(
        request, form, title="Add a school holiday", caption=council.name, submit_text="Add holiday",
        success="Holiday added. The sixth day of any duty still running has been worked out again.",
        done_url=reverse("ap_school_calendar"),
        save=lambda data: services.school_holiday_add(local_authority=council, name=data["name"],
                                                      starts_on=data["starts_on"], ends_on=data["ends_on"]),
        hint="Days schools in the area are closed: half terms, holidays and closure days. Weekends and bank "
             "holidays are already left out.")


def school_term_new(request):
    council = _council_or_404(request.user)
    form = CalendarEntryForm(_posted(request), name_label="Name", name_hint="For example, Autumn term 2026")
    return action_form_page(
        request, form, title="Add a term", caption=council.name, submit_text="Add term", success="Term added.",
        done_url=reverse("ap_school_calendar"),
        save=lambda data: services.school_term_add(local_authority=council, name=data["name"],
                                                   starts_on=data["starts_on"], ends_on=data["ends_on"]),
        hint="Health absences are counted term by term. Without terms, the portal uses autumn (September to "
             "December), spring (January to March) and summer (April to August).")


def _delete_page(request, obj, *, kind, delete, success):
    if request.method == "POST":
        delete()
        messages.success(request, success)
        return redirect("ap_school_calendar")
    return render(request, "alt_provision/clocks/calendar_delete.html", {"entry": obj, "kind": kind})


def school_holiday_delete(request, pk):
    holiday = selectors.school_holiday_get_for(request.user, pk, purpose="delete")
    return _delete_page(request, holiday, kind="holiday", delete=lambda: services.school_holiday_delete(
        holiday=holiday), success=f"{holiday.name} deleted. The sixth day of any duty still running has been "
                                  "worked out again.")


def school_term_delete(request, pk):
    term = selectors.school_term_get_for(request.user, pk, purpose="delete")
    return _delete_page(request, term, kind="term", delete=lambda: services.school_term_delete(term=term),
                        success=f"{term.name} deleted.")
