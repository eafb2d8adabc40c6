from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from send_portal.core.dates import govuk_date
from send_portal.core.downloads import attachment

from . import selectors, services
from .forms import ActionForm, AttendanceForm, ConflictForm, RecommendationForm


def meeting_list(request):
    today = timezone.localdate()
    return render(request, "panels/meeting_list.html", {
        "meetings": selectors.meeting_list_for(request.user), "actions": selectors.open_actions_for(request.user),
        "recent": selectors.recent_meetings_for(request.user, today), "recent_weeks": selectors.RECENT_WEEKS,
        "queues": selectors.clerk_queues_for(request.user), "today": today})


def _meeting_page(request, meeting, *, error="", status=200):
    today = timezone.localdate()
    member = selectors.membership(request.user, meeting.panel)
    items = selectors.meeting_items_for(request.user, meeting, today)
    can_record = selectors.can_record(request.user, meeting)
    undecided = [view for view in items if not view.item.recommendation]
    minutes_pending = bool(meeting.minutes_requested_at) and (
        not meeting.minutes_rendered_at or meeting.minutes_requested_at > meeting.minutes_rendered_at)
    return render(request, "panels/meeting_detail.html", {
        "meeting": meeting, "panel": meeting.panel, "items": items, "member": member, "can_record": can_record,
        "today": today, "meeting_has_started": today >= meeting.date, "agenda_locked": today > meeting.agenda_closes_on,
        "undecided": len(undecided), "minutes_pending": minutes_pending,
        "can_produce_minutes": (can_record and today >= meeting.date and not undecided and not minutes_pending
                                and meeting.attendance_recorded_at is not None),
        "present": meeting.present.select_related("user"),
        "error": error, "error_target": "minutes",
    }, status=status)


def meeting_detail(request, pk):
    return _meeting_page(request, selectors.meeting_get_for(request.user, pk))


def _recorders_only(request, meeting, item=None):
    """The chair and the clerk record decisions and actions: anyone else goes back to the meeting, as does a
    recorder who declared a conflict of interest in the item."""
    if not selectors.can_record(request.user, meeting):
        messages.error(request, "Only the panel's chair or clerk can do that.")
        return redirect("panel_meeting", pk=meeting.pk)
    if item is not None and selectors.has_conflict(request.user, item):
        messages.error(request, f"You declared a conflict of interest in {item.reference}, so someone else must "
                                f"record it.")
        return redirect("panel_meeting", pk=meeting.pk)
    return None


def _form_page(request, form, *, meeting, item, title, submit_text, hint=""):
    return render(request, "core/form_page.html", {
        "form": form, "page_title": title, "caption": f"{item.reference} – {meeting}", "hint": hint,
        "submit_text": submit_text, "back_url": reverse("panel_meeting", args=[meeting.pk]),
    }, status=400 if request.method == "POST" else 200)


def item_recommend(request, pk, item_pk):
    meeting = selectors.meeting_get_for(request.user, pk)
    item = selectors.item_get_for(request.user, meeting, item_pk)
    refused = _recorders_only(request, meeting, item)
    if refused:
        return refused
    if item.recommendation:
        messages.info(request, f"The panel's decision on {item.reference} has already been recorded.")
        return redirect("panel_meeting", pk=meeting.pk)
    form = RecommendationForm(request.POST or None, choices=selectors.decision_choices(item))
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_record(item=item, recorded_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"The panel's decision on {item.reference} has been recorded.")
            return redirect("panel_meeting", pk=meeting.pk)
    hint = "" if timezone.localdate() >= meeting.date else \
        f"You can record the decision from the day of the meeting, {govuk_date(meeting.date)}."
    return _form_page(request, form, meeting=meeting, item=item, title=item.question, hint=hint,
                      submit_text="Record the decision")


def item_conflict(request, pk, item_pk):
    meeting = selectors.meeting_get_for(request.user, pk)
    item = selectors.item_get_for(request.user, meeting, item_pk)
    if selectors.has_conflict(request.user, item):
        messages.info(request, f"You have already declared a conflict of interest in {item.reference}.")
        return redirect("panel_meeting", pk=meeting.pk)
    form = ConflictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.conflict_declare(item=item, user=request.user, nature=form.cleaned_data["nature"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"You have declared a conflict of interest in {item.reference}. You will "
                                      f"not see its papers or take part in its decision.")
            return redirect("panel_meeting", pk=meeting.pk)
    return _form_page(request, form, meeting=meeting, item=item, title="Declare a conflict of interest",
                      submit_text="Declare the conflict of interest",
                      hint="Declare any personal or professional interest in this item before the panel "
                           "discusses it.")


def item_action_new(request, pk, item_pk):
    meeting = selectors.meeting_get_for(request.user, pk)
    item = selectors.item_get_for(request.user, meeting, item_pk)
    refused = _recorders_only(request, meeting, item)
    if refused:
        return refused
    form = ActionForm(request.POST or None, members=list(selectors.current_members(meeting.panel)))
    if request.method == "POST" and form.is_valid():
        try:
            services.action_add(item=item, created_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"The action on {item.reference} has been added.")
            return redirect("panel_meeting", pk=meeting.pk)
    return _form_page(request, form, meeting=meeting, item=item, title="Add an action",
                      submit_text="Add the action")


def meeting_attendance(request, pk):
    meeting = selectors.meeting_get_for(request.user, pk)
    refused = _recorders_only(request, meeting)
    if refused:
        return refused
    members = list(selectors.current_members(meeting.panel))
    form = AttendanceForm(request.POST or None, members=members,
                          initial={"present": list(meeting.present.values_list("pk", flat=True))})
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_attendance_record(meeting=meeting, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Who attended has been recorded.")
            return redirect("panel_meeting", pk=meeting.pk)
    hint = "" if timezone.localdate() >= meeting.date else \
        f"You can record who attended from the day of the meeting, {govuk_date(meeting.date)}."
    return render(request, "core/form_page.html", {
        "form": form, "page_title": "Who attended the meeting", "caption": str(meeting), "hint": hint,
        "submit_text": "Save", "back_url": reverse("panel_meeting", args=[meeting.pk]),
    }, status=400 if request.method == "POST" else 200)


def action_done(request, pk, action_pk):
    meeting = selectors.meeting_get_for(request.user, pk)
    action = selectors.action_get_for(request.user, meeting, action_pk)
    if action.owner_id != request.user.pk and not selectors.can_record(request.user, meeting):
        messages.error(request, "Only the action's owner, or the panel's chair or clerk, can mark it as done.")
        return redirect("panel_meeting", pk=meeting.pk)
    if action.done_at:
        messages.info(request, "That action is already done.")
        return redirect("panel_meeting", pk=meeting.pk)
    error = ""
    if request.method == "POST":
        try:
            services.action_complete(action=action, user=request.user)
        except ValidationError as failure:
            error = failure.messages[0]
        else:
            messages.success(request, f"The action on {action.item.reference} is marked as done.")
            return redirect("panel_meeting", pk=meeting.pk)
    return render(request, "panels/action_done.html", {"meeting": meeting, "action": action, "error": error},
                  status=400 if error else 200)


def minutes(request, pk):
    meeting = selectors.meeting_get_for(request.user, pk)
    if request.method == "POST":
        try:
            services.minutes_request(meeting=meeting, user=request.user)
        except ValidationError as error:
            return _meeting_page(request, meeting, error=error.messages[0], status=400)
        messages.success(request, "The minutes are being prepared. Refresh this page in a minute to download them.")
        return redirect(reverse("panel_meeting", args=[meeting.pk]) + "#minutes")
    if not meeting.minutes_pdf:
        raise Http404("The minutes have not been produced yet.")
    try:
        pdf = meeting.minutes_pdf.open("rb")
    except OSError as missing:  # the file has gone from storage: ask for it to be produced again
        raise Http404("The minutes file could not be found.") from missing
    return attachment(pdf, content_type="application/pdf",
                      filename=f"minutes-{slugify(meeting.panel.name)}-{meeting.date:%Y-%m-%d}.pdf")
