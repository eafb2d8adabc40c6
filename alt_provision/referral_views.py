"""Referrals to the alternative provision panel, through the pages.

The referrer (a SENCO for their school, or a council officer for their council) refers a pupil, answers what the
panel needs, follows the referral, and commissions the placement once the panel approves it. The panel's clerk
triages each referral: onto the next agenda, back to the referrer, or elsewhere. Views read through selectors and
change through services; a referral comes only from the person's own referrals or the clerk's own queue, so
anything else is a 404. The clerk's pages never show the pupil's name, date of birth or address: only the
reference, the referrer, the year group and a two-year age band.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from send_portal.core.dates import govuk_date
from send_portal.core.flows import action_form_page
from send_portal.panels import selectors as panel_selectors

from . import selectors, services
from .models import PanelReferral
from .provider_forms import validation_to_form
from .referral_forms import ReferralForm, TriageForm, WithdrawForm

Status = PanelReferral.Status
SENT_BACK = (Status.INCOMPLETE, Status.RETURNED)
WITH_PANEL = (Status.ON_AGENDA, Status.APPROVED, Status.DECLINED)


def _posted(request):
    # An empty POST must still bind the form, so that it shows its errors rather than a blank page.
    return request.POST if request.method == "POST" else None


def _missing_words(codes) -> str:
    labels = [label[0].lower() + label[1:] for label in selectors.referral_check_labels(codes)]
    return "; ".join(labels)


def _outcome_message(referral: PanelReferral) -> str:
    """What happened to a referral just sent or changed: with the clerk, or back with what is missing."""
    if referral.status == Status.SUBMITTED:
        return f"Referral {referral.reference} has been sent to the panel's clerk. You will be told what happens next."
    return (f"Referral {referral.reference} has not gone to the panel yet: it is missing "
            f"{_missing_words(referral.missing)}. You have until {govuk_date(referral.respond_by)} to add them.")


# --- Referrers: schools, pupil referral units and council officers ----------------------------------------------

def referral_list(request):
    today = timezone.localdate()
    referrals = selectors.referrals_visible_to(request.user).order_by("-submitted_at", "-pk")
    return render(request, "alt_provision/referrals/list.html", {
        "page_title": "Referrals to the alternative provision panel",
        "rows": [{"referral": referral, "overdue": selectors.referral_answer_overdue(referral, today)}
                 for referral in referrals],
        "can_refer": selectors.requirement_children_for(request.user).exists(),
        "clerks": panel_selectors.panels_clerked_by(request.user).exists(),
    })


def _form_page(request, form, *, title, submit_text, back_url, referral=None):
    return render(request, "alt_provision/referrals/form.html", {
        "form": form, "page_title": title, "submit_text": submit_text, "back_url": back_url, "referral": referral,
        "missing_labels": selectors.referral_check_labels(referral.missing) if referral else [],
    }, status=400 if request.method == "POST" else 200)


def referral_new(request):
    children = selectors.requirement_children_for(request.user)
    initial = {}
    chosen = request.GET.get("child", "")
    if request.method == "GET" and chosen.isdigit():
        child = children.filter(pk=chosen).first()
        if child is not None:
            initial["child"] = child
    form = ReferralForm(_posted(request), children=children, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        child = data.pop("child")
        referrer = selectors.commissioner_for(request.user, child)
        try:
            if referrer is None:
                raise ValidationError({"child": "You can only refer pupils at your school or in your council's area"})
            referral = services.referral_submit(child=child, referrer=referrer, referred_by=request.user, **data)
        except ValidationError as error:
            validation_to_form(form, error)
        else:
            messages.success(request, _outcome_message(referral))
            return redirect("ap_referral", pk=referral.pk)
    if request.method == "GET" and not children.exists():
        return render(request, "alt_provision/referrals/none_to_refer.html", {
            "page_title": "Refer a pupil to the alternative provision panel", "back_url": reverse("ap_referrals")})
    return _form_page(request, form, title="Refer a pupil to the alternative provision panel",
                      submit_text="Send the referral", back_url=reverse("ap_referrals"))


def referral_detail(request, pk):
    referral = selectors.referral_get_for(request.user, pk)
    today = timezone.localdate()
    if selectors.referral_conflicted(request.user, referral):
        # A council officer on the panel who declared a conflict of interest sees no more here than at panel.
        return render(request, "alt_provision/referrals/conflicted.html", {
            "page_title": f"Referral {referral.reference}", "referral": referral})
    # Only this referral's own items, and of each only the meeting, the decision and its reasons: never papers.
    items = [{"meeting_date": item.meeting.date, "question": item.question, "decided": bool(item.recommendation),
              "decision": panel_selectors.decision_label(item), "reasons": item.reasons}
             for item in panel_selectors.items_about(referral).order_by("meeting__date", "pk")]
    commission_url = ""
    if referral.status == Status.APPROVED:
        commission_url = (reverse("ap_requirement", args=[referral.requirement_id]) if referral.requirement_id
                          else reverse("ap_requirement_new") + f"?referral={referral.pk}")
    return render(request, "alt_provision/referrals/detail.html", {
        "page_title": f"Referral {referral.reference}", "referral": referral, "today": today,
        "missing": selectors.referral_check_labels(referral.missing),
        "overdue": selectors.referral_answer_overdue(referral, today),
        # The child's council reads a school's referral; only the referrer changes or withdraws it.
        "editable": selectors.referral_is_editable(referral) and selectors.commissioning_organisations_for(
            request.user).filter(pk=referral.referrer_id).exists(),
        "items": items, "commission_url": commission_url,
        "pending_meeting": next((item["meeting_date"] for item in items if not item["decided"]), None),
    })


def _not_editable(request, referral):
    messages.error(request, f"Referral {referral.reference} is {referral.get_status_display().lower()}, so it can "
                            "no longer be changed or withdrawn. Contact the panel's clerk if something needs to "
                            "change.")
    return redirect("ap_referral", pk=referral.pk)


def referral_edit(request, pk):
    referral = selectors.referral_get_for_referrer(request.user, pk)
    if not selectors.referral_is_editable(referral):
        return _not_editable(request, referral)
    initial = {name: getattr(referral, name) for name in services.REFERRAL_FIELDS}
    form = ReferralForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.referral_update(referral=referral, **form.cleaned_data)
        except ValidationError as error:
            validation_to_form(form, error)
        else:
            messages.success(request, _outcome_message(referral))
            return redirect("ap_referral", pk=referral.pk)
    return _form_page(request, form, title=f"Change referral {referral.reference}", submit_text="Send the referral",
                      back_url=reverse("ap_referral", args=[referral.pk]), referral=referral)


def referral_withdraw(request, pk):
    referral = selectors.referral_get_for_referrer(request.user, pk)
    if not selectors.referral_is_editable(referral):
        return _not_editable(request, referral)
    return action_form_page(
        request, WithdrawForm(_posted(request)), title=f"Withdraw referral {referral.reference}?",
        caption="Alternative provision panel", submit_text="Withdraw the referral",
        hint="The panel will not consider it. You can make a new referral later if the pupil needs one.",
        save=lambda data: services.referral_withdraw(referral=referral, reason=data["reason"]),
        success=f"Referral {referral.reference} has been withdrawn.",
        done_url=reverse("ap_referral", args=[referral.pk]))


# --- The panel's clerk ---------------------------------------------------------------------------------------------

def _anonymous_row(referral: PanelReferral, today) -> dict:
    """What the clerk's pages show about a referral: never the pupil's name, date of birth or address."""
    child = referral.child
    return {"pk": referral.pk, "reference": referral.reference, "referrer": referral.referrer.name,
            "year_group": child.nc_year_label, "age_band": selectors.age_band(child.age(today)),
            "reason": referral.get_reason_display(), "status": referral.status,
            "status_label": referral.get_status_display(), "received_on": timezone.localdate(referral.submitted_at),
            "respond_by": referral.respond_by, "overdue": selectors.referral_answer_overdue(referral, today),
            "panel": referral.panel.name}


def _meeting_dates(referral) -> list:
    return selectors.referral_meeting_dates([referral])[referral.pk]


def referral_queue(request):
    today = timezone.localdate()
    referrals = list(selectors.referral_queue_for_clerk(request.user).order_by("submitted_at", "pk"))
    meeting_dates = selectors.referral_meeting_dates(referrals)
    rows = {key: [] for key in ("waiting", "sent_back", "with_panel", "closed")}
    for referral in referrals:
        row = _anonymous_row(referral, today)
        if referral.status == Status.SUBMITTED:
            rows["waiting"].append(row)
        elif referral.status in SENT_BACK:
            rows["sent_back"].append(row)
        elif referral.status in WITH_PANEL:
            row["meetings"] = meeting_dates[referral.pk]
            rows["with_panel"].append(row)
        else:
            rows["closed"].append(row)
    return render(request, "alt_provision/referrals/queue.html", {
        "page_title": "Referrals to triage", "rows": rows, "any": bool(referrals),
    })


def referral_triage(request, pk):
    referral = selectors.referral_get_for_clerk(request.user, pk, purpose="triage")
    today = timezone.localdate()
    back_url = reverse("ap_referral_queue")
    can_triage = referral.status == Status.SUBMITTED
    if request.method == "POST" and not can_triage:
        messages.error(request, f"Referral {referral.reference} has already been triaged.")
        return redirect("ap_referral_triage", pk=referral.pk)
    form = TriageForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = data["outcome"]
        try:
            referral = services.referral_triage(
                referral=referral, clerk=request.user, outcome=outcome, today=today,
                note=data["note"] if outcome == "return" else "",
                missing=data["missing"] if outcome == "return" else (),
                signposted_to=data["signposted_to"] if outcome == "signpost" else "")
        except ValidationError as error:
            validation_to_form(form, error)
        else:
            if outcome == "agenda":
                meeting_date = _meeting_dates(referral)[-1]
                success = (f"Referral {referral.reference} is on the agenda for the panel meeting on "
                           f"{govuk_date(meeting_date)}.")
            elif outcome == "return":
                success = (f"Referral {referral.reference} has been returned to the referrer. They have until "
                           f"{govuk_date(referral.respond_by)} to answer.")
            else:
                success = f"Referral {referral.reference} has been closed and the referrer told where to go instead."
            messages.success(request, success)
            return redirect(back_url)
    missing = set(selectors.referral_missing(referral, today))
    # The clerk reads the answers to triage them. Once the referral is with the panel, its papers follow the
    # panel's rules on the meeting page (the papers window, and never for a declared conflict of interest).
    conflicted = selectors.referral_conflicted(request.user, referral)
    papers = selectors.referral_papers(referral, today) if can_triage and not conflicted else ""
    return render(request, "alt_provision/referrals/triage.html", {
        "page_title": f"Triage referral {referral.reference}", "row": _anonymous_row(referral, today),
        "papers": papers, "conflicted": conflicted,
        "checks": [{"label": check.label, "passed": check.code not in missing} for check in selectors.REFERRAL_CHECKS],
        "sent_back_because": selectors.referral_check_labels(referral.missing),
        "returned_note": referral.returned_note, "signposted_to": referral.signposted_to,
        "meetings": _meeting_dates(referral), "can_triage": can_triage, "form": form, "back_url": back_url,
    }, status=400 if request.method == "POST" else 200)
