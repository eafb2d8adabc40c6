"""The improvement plan pages: the tracker, its priorities, actions and key performance indicators (KPIs), exception
reports and the quarterly board pack.

Everyone who reads a council's dashboards sees its plans. Partnership leads and managers shape a plan (the "new"
pages answer 404 to anyone else, as the other pages for people without the right council do); owners update their
own actions, KPIs and exception reports. Every object comes through `get_from` over the person's own plans, so
anything else is a 404. Views read through selectors_plan and change through services; a service's refusal is shown
on the form with a 400.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from send_portal.core.access import get_from
from send_portal.core.downloads import attachment

from . import catalogue, periods, selectors, selectors_plan, services
from .models import KPI, BoardPack, ExceptionReport, PlanAction, Priority
from .plan_forms import (
    ActionForm,
    ActionUpdateForm,
    BoardPackForm,
    ExceptionReportForm,
    KPIForm,
    PlanForm,
    PriorityForm,
    ReadingForm,
    service_errors_to_form,
)

CONFLICT = ("Someone else updated this action while you were writing your update. Their update is shown on this "
            "page. Your text is still in the form: check theirs, change yours if you need to, then save again.")


def _posted(request):
    # An empty POST must still bind the form, so that it shows its errors rather than a blank form.
    return request.POST if request.method == "POST" else None


def _status(request):
    return 400 if request.method == "POST" else 200


# --- Lookups: each over the person's own plans ----------------------------------------------------------------

def _plan(request, pk, purpose="view"):
    return get_from(request.user, selectors_plan.plans_for(request.user), pk=pk, purpose=purpose)


def _priority(request, pk, purpose="view"):
    scoped = Priority.objects.filter(plan__in=selectors_plan.plans_for(request.user)).select_related("plan__council")
    return get_from(request.user, scoped, pk=pk, purpose=purpose)


def _action(request, pk, purpose="view"):
    scoped = (PlanAction.objects.filter(priority__plan__in=selectors_plan.plans_for(request.user))
              .select_related("priority__plan__council", "owner"))
    return get_from(request.user, scoped, pk=pk, purpose=purpose)


def _kpi(request, pk, purpose="view"):
    scoped = (KPI.objects.filter(priority__plan__in=selectors_plan.plans_for(request.user))
              .select_related("priority__plan__council", "owner"))
    return get_from(request.user, scoped, pk=pk, purpose=purpose)


def _exception_report(request, pk, purpose="view"):
    scoped = (ExceptionReport.objects.filter(kpi__priority__plan__in=selectors_plan.plans_for(request.user))
              .select_related("kpi__priority__plan__council", "kpi__owner", "submitted_by"))
    return get_from(request.user, scoped, pk=pk, purpose=purpose)


def _board_pack(request, pk, purpose="download"):
    scoped = BoardPack.objects.filter(plan__in=selectors_plan.plans_for(request.user)).select_related("plan")
    return get_from(request.user, scoped, pk=pk, purpose=purpose)


def _editors_only(request, plan):
    """Pages that shape the plan are for its editors: to anyone else the page does not exist."""
    if not selectors_plan.can_edit(request.user, plan):
        raise Http404("Only the council's partnership leads and managers shape the plan.")


def _priority_caption(priority):
    return f"{priority.plan.title}, priority {priority.number}: {priority.title}"


def _form_page(request, form, *, title, caption, submit_text, back_url, intro=""):
    return render(request, "dashboards/plan/form.html", {
        "form": form, "page_title": title, "caption": caption, "submit_text": submit_text, "back_url": back_url,
        "intro": intro}, status=_status(request))


# --- Plans ------------------------------------------------------------------------------------------------------

def plans(request):
    plan_list = list(selectors_plan.plans_for(request.user))
    counts = selectors_plan.rag_counts_by_plan(plan_list)
    return render(request, "dashboards/plan/list.html", {
        "page_title": "Improvement plans", "rows": [{"plan": plan, "counts": counts[plan.pk]} for plan in plan_list],
        "can_start": selectors_plan.councils_editable_by(request.user).exists()})


def plan_new(request):
    councils = selectors_plan.councils_editable_by(request.user).order_by("name")
    if not councils.exists():
        raise Http404("Only partnership leads and managers start an improvement plan.")
    form = PlanForm(_posted(request), councils=councils)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = services.plan_create(council=data["council"], user=request.user, kind=data["kind"],
                                        title=data["title"], starts_on=data["starts_on"], ends_on=data["ends_on"])
        except ValidationError as error:
            service_errors_to_form(form, error)
        else:
            messages.success(request, f"The improvement plan \u201c{plan.title}\u201d has been started. Add its "
                                      "priorities next.")
            return redirect("dashboards_plan", pk=plan.pk)
    return _form_page(request, form, title="Start an improvement plan", caption="Improvement plans",
                      submit_text="Start the plan", back_url=reverse("dashboards_plans"),
                      intro="A Written Statement of Action (WSOA) or priority action plan after an inspection, or "
                            "the partnership's own plan. You add its priorities, actions and key performance "
                            "indicators (KPIs) next.")


def plan_detail(request, pk):
    plan = _plan(request, pk)
    priorities = selectors_plan.tracker(plan)
    waiting = [report for report in selectors_plan.exception_reports_waiting_for(request.user)
               if report.kpi.priority.plan_id == plan.pk]
    return render(request, "dashboards/plan/detail.html", {
        "page_title": plan.title, "plan": plan, "priorities": priorities,
        "counts": selectors_plan.rag_counts(priorities), "can_edit": selectors_plan.can_edit(request.user, plan),
        "suppressed": not selectors.sees_unsuppressed(request.user), "waiting": waiting})


# --- Priorities, actions and KPIs --------------------------------------------------------------------------------

def priority_new(request, pk):
    plan = _plan(request, pk, purpose="change")
    _editors_only(request, plan)
    form = PriorityForm(_posted(request), owners=selectors_plan.owners_for(plan.council))
    if request.method == "POST" and form.is_valid():
        try:
            priority = services.priority_add(plan=plan, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            service_errors_to_form(form, error)
        else:
            messages.success(request, f"Priority {priority.number} has been added.")
            return redirect(reverse("dashboards_plan", args=[plan.pk]) + f"#priority-{priority.number}")
    return _form_page(request, form, title="Add a priority", caption=plan.title, submit_text="Add the priority",
                      back_url=reverse("dashboards_plan", args=[plan.pk]))


def action_new(request, pk):
    priority = _priority(request, pk, purpose="change")
    plan = priority.plan
    _editors_only(request, plan)
    form = ActionForm(_posted(request), owners=selectors_plan.owners_for(plan.council))
    if request.method == "POST" and form.is_valid():
        try:
            action = services.action_add(priority=priority, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            service_errors_to_form(form, error)
        else:
            messages.success(request, f"Action {priority.number}.{action.number} has been added.")
            return redirect(reverse("dashboards_plan", args=[plan.pk]) + f"#priority-{priority.number}")
    return _form_page(request, form, title="Add an action", caption=_priority_caption(priority),
                      submit_text="Add the action", back_url=reverse("dashboards_plan", args=[plan.pk]))


def kpi_new(request, pk):
    priority = _priority(request, pk, purpose="change")
    plan = priority.plan
    _editors_only(request, plan)
    form = KPIForm(_posted(request), owners=selectors_plan.owners_for(plan.council))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            kpi = services.kpi_add(priority=priority, user=request.user, **data)
        except ValidationError as error:
            service_errors_to_form(form, error)
        else:
            messages.success(request, f"The key performance indicator (KPI) \u201c{kpi.title}\u201d has been added.")
            return redirect(reverse("dashboards_plan", args=[plan.pk]) + f"#priority-{priority.number}")
    return _form_page(
        request, form, title="Add a key performance indicator (KPI)", caption=_priority_caption(priority),
        submit_text="Add the KPI", back_url=reverse("dashboards_plan", args=[plan.pk]),
        intro="A KPI bound to a live dashboard indicator is measured every day over the last 12 complete months, "
              "and its RAG (red, amber, green) status follows. For any other KPI, its owner records readings by "
              "hand.")


def action_detail(request, pk):
    action = _action(request, pk)
    plan = action.priority.plan
    can_update = action.owner_id == request.user.pk or selectors_plan.can_edit(request.user, plan)
    initial = {"rag": action.rag, "progress": action.progress, "completed_on": action.completed_on,
               "expected_version": action.version}
    form = ActionUpdateForm(_posted(request), initial=initial) if can_update else None
    error = ""
    if request.method == "POST" and not can_update:
        error = "Only the action's owner, or the council's partnership leads and managers, can update it."
    elif request.method == "POST" and form.is_valid():
        try:
            services.action_update(action=action, user=request.user, **form.cleaned_data)
        except ValidationError as refusal:
            if getattr(refusal, "code", None) == "conflict":
                # Keep what they typed, and let a second save knowingly replace the update they have now seen.
                action.refresh_from_db()
                data = request.POST.copy()
                data["expected_version"] = str(action.version)
                form = ActionUpdateForm(data, initial=initial)
                form.is_valid()
                form.add_error(None, CONFLICT)
            else:
                service_errors_to_form(form, refusal)
        else:
            messages.success(request, f"Action {action.priority.number}.{action.number} has been updated.")
            return redirect(reverse("dashboards_plan", args=[plan.pk]) + f"#priority-{action.priority.number}")
    return render(request, "dashboards/plan/action.html", {
        "page_title": f"Action {action.priority.number}.{action.number}: {action.title}", "action": action,
        "plan": plan, "form": form, "error": error, "back_url": reverse("dashboards_plan", args=[plan.pk]),
    }, status=_status(request))


def _rag_rule(kpi) -> str:
    """The KPI's RAG rule in plain English (selectors_plan.kpi_rag)."""
    if kpi.higher_is_better:
        return (f"Higher is better. Green when the figure is at or above the target of {kpi.target}. Amber when it "
                f"is above the baseline of {kpi.baseline} but below the target. Red when it is at or below the "
                f"baseline.")
    return (f"Lower is better. Green when the figure is at or below the target of {kpi.target}. Amber when it is "
            f"below the baseline of {kpi.baseline} but above the target. Red when it is at or above the baseline.")


def kpi_detail(request, pk):
    kpi = _kpi(request, pk)
    plan = kpi.priority.plan
    can_record = not kpi.indicator and (
        kpi.owner_id == request.user.pk or selectors_plan.can_edit(request.user, plan))
    form = ReadingForm(_posted(request)) if can_record else None
    error = ""
    if request.method == "POST" and form is None:
        error = ("This KPI takes its figures from a live indicator, so readings are not recorded by hand."
                 if kpi.indicator else
                 "Only the KPI's owner, or the council's partnership leads and managers, can record a reading.")
    elif request.method == "POST" and form.is_valid():
        try:
            services.kpi_record_reading(kpi=kpi, user=request.user, **form.cleaned_data)
        except ValidationError as refusal:
            service_errors_to_form(form, refusal)
        else:
            messages.success(request, "The reading has been recorded.")
            return redirect("dashboards_plan_kpi", pk=kpi.pk)
    suppressed = not selectors.sees_unsuppressed(request.user)
    readings = [{"reading": reading, "hidden": suppressed and selectors_plan.on_small_counts(reading)}
                for reading in kpi.readings.select_related("recorded_by").order_by("-measured_on")]
    bound = catalogue.BY_SLUG.get(kpi.indicator) if kpi.indicator else None
    return render(request, "dashboards/plan/kpi.html", {
        "page_title": kpi.title, "kpi": kpi, "plan": plan, "bound": bound, "readings": readings,
        "suppressed": suppressed,
        "latest_hidden": bool(readings) and readings[0]["hidden"],  # the newest reading is the KPI's figure
        "rule": _rag_rule(kpi), "reports": kpi.exception_reports.select_related("submitted_by"),
        "form": form, "error": error, "back_url": reverse("dashboards_plan", args=[plan.pk]),
    }, status=_status(request))


# --- Exception reports ---------------------------------------------------------------------------------------

def exception_report(request, pk):
    report = _exception_report(request, pk)
    kpi = report.kpi
    plan = kpi.priority.plan
    can_write = kpi.owner_id == request.user.pk and not report.submitted_at
    form = ExceptionReportForm(_posted(request)) if can_write else None
    error = ""
    if request.method == "POST" and form is None:
        error = ("This exception report has already been sent." if report.submitted_at
                 else "Only the KPI's owner can write its exception report.")
    elif request.method == "POST" and form.is_valid():
        try:
            services.exception_report_submit(report=report, user=request.user, **form.cleaned_data)
        except ValidationError as refusal:
            service_errors_to_form(form, refusal)
        else:
            messages.success(request, "Your exception report has been sent. It goes to the partnership board in the "
                                      "next board pack.")
            return redirect("dashboards_plan_exception_report", pk=report.pk)
    return render(request, "dashboards/plan/exception_report.html", {
        "page_title": f"Exception report: {kpi.title}", "report": report, "kpi": kpi, "plan": plan,
        "still_red": kpi.red_since == report.red_since, "form": form, "error": error,
        "back_url": reverse("dashboards_plan_kpi", args=[kpi.pk]),
    }, status=_status(request))


# --- Board packs -------------------------------------------------------------------------------------------------

def board_packs(request, pk):
    plan = _plan(request, pk)
    can_edit = selectors_plan.can_edit(request.user, plan)
    quarters = selectors_plan.quarters_offered(plan, timezone.localdate())
    form = BoardPackForm(_posted(request), quarters=quarters) if can_edit and quarters else None
    error = ""
    if request.method == "POST" and form is None:
        error = ("Only the council's partnership leads and managers can produce the board pack." if not can_edit
                 else "The plan has not begun yet, so there is no quarter to produce a board pack for.")
    elif request.method == "POST" and form.is_valid():
        try:
            pack = services.board_pack_request(plan=plan, quarter=form.cleaned_data["quarter"], user=request.user)
        except ValidationError as refusal:
            service_errors_to_form(form, refusal)
        else:
            label = periods.parse(periods.QUARTER, pack.quarter).label
            messages.success(request, f"The board pack for {label} is being produced. Refresh this page in a "
                                      "minute to download it.")
            return redirect("dashboards_plan_board_packs", pk=plan.pk)
    rows = [{"pack": pack, "label": periods.parse(periods.QUARTER, pack.quarter).label,
             "pending": pack.rendered_at is None or pack.requested_at > pack.rendered_at}
            for pack in selectors_plan.board_packs(plan).select_related("requested_by")]
    return render(request, "dashboards/plan/board_packs.html", {
        "page_title": "Board packs", "plan": plan, "rows": rows, "form": form, "error": error,
        "can_edit": can_edit, "back_url": reverse("dashboards_plan", args=[plan.pk]),
    }, status=_status(request))


def board_pack_pdf(request, pk):
    pack = _board_pack(request, pk)
    if not pack.pdf:
        raise Http404("The board pack has not been produced yet.")
    try:
        pdf = pack.pdf.open("rb")
    except OSError as missing:  # the file has gone from storage: it can be produced again
        raise Http404("The board pack file could not be found.") from missing
    return attachment(pdf, content_type="application/pdf",
                      filename=f"board-pack-{slugify(pack.plan.title)[:60]}-{pack.quarter}.pdf")
