"""State changes for referrals to the alternative provision panel.

A referral is checked for the five things the panel needs as soon as it is sent; an incomplete one goes straight
back to the referrer with what is missing and five working days to answer. The clerk triages complete ones onto
the next open agenda, back to the referrer, or elsewhere. The panel's decision is recorded through the one panel
mechanism (`send_portal.panels`), which calls `referral_decision_recorded` here: an approval leads to a placement
requirement, and a follow-up at panel is scheduled.
"""

import datetime as dt
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from send_portal.core.dates import govuk_date
from send_portal.notifications.services import notification_queue
from send_portal.panels import services as panels
from send_portal.panels.models import AgendaItem, PanelMember

from ..models import PanelReferral, Tier
from ..selectors.placements import attendance_summary
from ..selectors.providers import working_days_after
from ..selectors.referrals import (
    referral_check_labels,
    referral_is_editable,
    referral_missing,
    referral_panel_for,
    referral_papers,
    referrals_answer_overdue,
    referrals_due_follow_up,
)

logger = logging.getLogger(__name__)

__all__ = [
    "REFERRAL_FIELDS", "RESPOND_WITHIN_WORKING_DAYS", "FOLLOW_UP_WEEKS", "referral_submit", "referral_update",
    "referral_withdraw", "referral_triage", "referral_decision_recorded", "referral_decision_options",
    "referral_requirement_link", "referral_follow_ups_schedule", "referral_answers_overdue_check",
]

Status = PanelReferral.Status
OPEN = (Status.SUBMITTED, Status.INCOMPLETE, Status.RETURNED, Status.ON_AGENDA)
REFERRAL_FIELDS = ("reason", "summary", "requested_tier", "parent_consent_signed_on", "parent_consent_signed_by",
                   "child_views", "parent_views", "risk_assessment_on", "risk_assessment_summary", "interventions",
                   "lead_professional", "lead_professional_contact")
RESPOND_WITHIN_WORKING_DAYS = 5
# The panel looks again after about half a term, in line with the half-termly placement reviews.
FOLLOW_UP_WEEKS = 6
FOLLOW_UP_QUESTION = "Follow-up: is the placement meeting the pupil's needs?"
DECISION_QUESTION = "Should the panel approve an alternative provision placement, and at which tier?"
# The kinds of agenda item a referral puts before the panel (AgendaItem.kind).
DECISION, FOLLOW_UP = "ap_decision", "ap_follow_up"


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def _link(name: str, *args) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + reverse(name, args=args)


def _locked(referral: PanelReferral) -> PanelReferral:
    return PanelReferral.objects.select_for_update().select_related("panel", "child", "referrer",
                                                                    "referred_by").get(pk=referral.pk)


def _tell_referrer(referral: PanelReferral, *, template: str, key: str, **context):
    email = referral.referred_by.email
    if email and referral.referred_by.is_active:
        notification_queue(template=template, to=email, idempotency_key=f"{template}:{referral.pk}:{key}",
                           context={"referral": referral, "reference": referral.reference,
                                    "link": _link("ap_referral", referral.pk),
                                    "service_name": settings.PORTAL_SERVICE_NAME, **context})


def _tell_clerks(referral: PanelReferral, *, key: str, template: str = "ap_referral_received"):
    clerks = referral.panel.members.filter(role=PanelMember.Role.CLERK, ended_at__isnull=True,
                                           user__is_active=True).select_related("user")
    for clerk in clerks:
        notification_queue(template=template, to=clerk.user.email,
                           idempotency_key=f"{template}:{referral.pk}:{key}:{clerk.user.email.lower()}",
                           context={"reference": referral.reference, "panel": referral.panel,
                                    "link": _link("ap_referral_triage", referral.pk),
                                    "service_name": settings.PORTAL_SERVICE_NAME})


def _send_back(referral: PanelReferral, *, missing: list[str], note: str, status: str, today: dt.date):
    referral.status, referral.missing, referral.returned_note = status, missing, note
    if referral.respond_by is None or referral.respond_by < today:
        referral.respond_by = working_days_after(today, RESPOND_WITHIN_WORKING_DAYS)
    referral.save()
    _tell_referrer(referral, template="ap_referral_sent_back", key=f"{timezone.now().timestamp()}",
                   missing=referral_check_labels(missing), note=note, respond_by=referral.respond_by)


def _check_and_route(referral: PanelReferral, today: dt.date):
    """The five checks: a complete referral waits for the clerk; an incomplete one goes back at once."""
    missing = referral_missing(referral, today)
    if missing:
        _send_back(referral, missing=missing, note="", status=Status.INCOMPLETE, today=today)
    else:
        referral.status, referral.missing, referral.returned_note, referral.respond_by = Status.SUBMITTED, [], "", None
        referral.save()
        _tell_clerks(referral, key=f"{timezone.now().timestamp()}")


def _clean(data: dict, today: dt.date) -> dict:
    unknown = set(data) - set(REFERRAL_FIELDS)
    if unknown:
        raise TypeError(f"Unknown referral fields: {', '.join(sorted(unknown))}")
    errors = {}
    if data.get("parent_consent_signed_on") and data["parent_consent_signed_on"] > today:
        errors["parent_consent_signed_on"] = "The date consent was signed must be today or in the past."
    if data.get("risk_assessment_on") and data["risk_assessment_on"] > today:
        errors["risk_assessment_on"] = "The date of the risk assessment must be today or in the past."
    if not (data.get("summary") or "").strip():
        errors["summary"] = "Say what is happening for the pupil and what you are asking the panel for."
    if errors:
        raise ValidationError(errors)
    return {name: data.get(name) if name.endswith("_on") else (data.get(name) or "") for name in REFERRAL_FIELDS}


@transaction.atomic
def referral_submit(*, child, referrer, referred_by, today: dt.date | None = None, **data) -> PanelReferral:
    """Send a referral to the child's council's alternative provision panel."""
    today = _today(today)
    panel = referral_panel_for(child)
    if panel is None:
        raise ValidationError("The child's council has no alternative provision panel in the portal yet. Contact "
                              "the council's alternative provision team.")
    open_one = PanelReferral.objects.filter(child=child, status__in=OPEN).first()
    if open_one is not None:
        raise ValidationError(f"This pupil already has an open referral to the panel ({open_one.reference}). "
                              "Add to that referral, or ask the panel's clerk about it.")
    referral = PanelReferral(child=child, panel=panel, referrer=referrer, referred_by=referred_by,
                             submitted_at=timezone.now(), **_clean(data, today))
    referral.full_clean(exclude=["missing"], validate_constraints=False)
    try:
        with transaction.atomic():
            referral.save()
    except IntegrityError as error:  # a double click that passed the check above at the same moment
        raise ValidationError("This pupil already has an open referral to the panel. Add to that referral, or ask "
                              "the panel's clerk about it.") from error
    _check_and_route(referral, today)
    return referral


@transaction.atomic
def referral_update(*, referral: PanelReferral, today: dt.date | None = None, **data) -> PanelReferral:
    """The referrer answers: the referral is checked again and, if complete, goes back to the clerk."""
    today = _today(today)
    referral = _locked(referral)
    if not referral_is_editable(referral):
        raise ValidationError("This referral can no longer be changed: it is with the panel or closed.")
    for name, value in _clean(data, today).items():
        setattr(referral, name, value)
    referral.full_clean(exclude=["missing"])
    _check_and_route(referral, today)
    return referral


@transaction.atomic
def referral_withdraw(*, referral: PanelReferral, reason: str) -> PanelReferral:
    referral = _locked(referral)
    if not referral_is_editable(referral):
        raise ValidationError("This referral is already with the panel or closed. Contact the panel's clerk.")
    if not reason.strip():
        raise ValidationError("Say why the referral is being withdrawn.")
    referral.status, referral.returned_note = Status.WITHDRAWN, reason.strip()
    referral.save()
    return referral


@transaction.atomic
def referral_triage(*, referral: PanelReferral, clerk, outcome: str, note: str = "", missing=(),
                    signposted_to: str = "", today: dt.date | None = None) -> PanelReferral:
    """The clerk's triage: onto the next open agenda, back to the referrer, or signposted elsewhere."""
    today = _today(today)
    referral = _locked(referral)
    if not referral.panel.members.filter(user=clerk, role=PanelMember.Role.CLERK, ended_at__isnull=True).exists():
        raise ValidationError("Only the panel's clerk triages its referrals.")
    if referral.status != Status.SUBMITTED:
        raise ValidationError("Only a referral waiting for the clerk can be triaged.")
    if outcome == "agenda":
        item = panels.agenda_add_next(panel=referral.panel, subject=referral, reference=referral.reference,
                                      question=DECISION_QUESTION, papers=referral_papers(referral, today),
                                      added_by=clerk, kind=DECISION, today=today)
        referral.status = Status.ON_AGENDA
        referral.save()
        _tell_referrer(referral, template="ap_referral_update", key=f"agenda:{item.meeting_id}",
                       what=f"It will be considered at the panel meeting on {govuk_date(item.meeting.date)}.")
    elif outcome == "return":
        if not note.strip() and not missing:
            raise ValidationError("Say what the referrer needs to do.")
        # The clerk may fail a check whose answer looked complete (a consent form not actually signed, say).
        _send_back(referral, missing=list(missing), note=note.strip(), status=Status.RETURNED, today=today)
    elif outcome == "signpost":
        if not signposted_to.strip():
            raise ValidationError("Say where the referrer should go instead.")
        referral.status, referral.signposted_to, referral.returned_note = (Status.SIGNPOSTED, signposted_to.strip(),
                                                                           note.strip())
        referral.save()
        _tell_referrer(referral, template="ap_referral_update", key="signposted",
                       what="The panel's clerk has suggested a better route for this pupil.")
    else:
        raise ValidationError("Choose what happens to the referral.")
    return referral


def referral_decision_options(item: AgendaItem) -> list[tuple[str, str]]:
    """The chair's choices. At the follow-up the panel says whether the placement is working."""
    if item.kind == FOLLOW_UP:
        return [("yes", "The placement is meeting the pupil's needs: carry on"),
                ("no", "It is not: the commissioner reviews the placement now"),
                ("more_info", "More information needed from the commissioner")]
    return [*((f"yes:{value}", f"Approve a placement. {label}") for value, label in Tier.choices),
            ("no", "Decline the referral"), ("defer", "Defer to the next meeting"),
            ("more_info", "More information needed from the referrer")]


def referral_decision_recorded(item: AgendaItem, recorded_by) -> None:
    """Registered with the panels app: what the panel's decision means for the referral."""
    referral = _locked(PanelReferral(pk=item.object_id))
    meeting_date = item.meeting.date
    today = timezone.localdate()
    if item.kind == FOLLOW_UP:
        _follow_up_decided(referral, item, meeting_date)
        return
    if item.recommendation == AgendaItem.Recommendation.YES:
        referral.status, referral.approved_tier = Status.APPROVED, item.detail
        referral.follow_up_on = meeting_date + dt.timedelta(weeks=FOLLOW_UP_WEEKS)
        referral.full_clean(exclude=["missing"])
        referral.save()
        _tell_referrer(referral, template="ap_referral_update", key="approved",
                       what=f"The panel approved a placement ({referral.get_approved_tier_display()}). Sign in to "
                            f"commission it.")
    elif item.recommendation == AgendaItem.Recommendation.NO:
        referral.status = Status.DECLINED
        referral.save()
        _tell_referrer(referral, template="ap_referral_update", key="declined",
                       what="The panel declined the referral. Sign in to read its reasons.")
    elif item.recommendation == AgendaItem.Recommendation.DEFER:
        later = panels.agenda_add_next(panel=referral.panel, subject=referral, reference=referral.reference,
                                       question=DECISION_QUESTION, papers=item.papers, added_by=recorded_by,
                                       kind=DECISION, on_or_after=meeting_date + dt.timedelta(days=1), today=today)
        _tell_referrer(referral, template="ap_referral_update", key=f"deferred:{item.pk}",
                       what=f"The panel deferred the referral to its meeting on {govuk_date(later.meeting.date)}.")
    elif item.recommendation == AgendaItem.Recommendation.MORE_INFO:
        _send_back(referral, missing=[], note=item.reasons, status=Status.RETURNED, today=today)


def referral_requirement_link(*, referral: PanelReferral, requirement) -> PanelReferral:
    """The placement requirement written after an approval belongs to the referral."""
    referral = _locked(referral)
    if referral.status != Status.APPROVED:
        raise ValidationError("Only an approved referral leads to a placement requirement.")
    if referral.requirement_id and referral.requirement_id != requirement.pk:
        raise ValidationError("A placement requirement has already been written for this referral.")
    if requirement.child_id != referral.child_id:
        raise ValidationError("The requirement must be for the referred pupil.")
    if requirement.tier != referral.approved_tier:
        raise ValidationError({"tier": f"The panel approved {referral.get_approved_tier_display().lower()}: "
                                       "choose that tier"})
    referral.requirement = requirement
    referral.save(update_fields=["requirement", "updated_at"])
    return referral


def _follow_up_papers(referral: PanelReferral, today: dt.date) -> str:
    lines = [f"Follow-up of referral {referral.reference}, approved as {referral.get_approved_tier_display()}."]
    placement = getattr(referral.requirement, "placement", None) if referral.requirement_id else None
    if placement is None:
        lines.append("No placement has started yet: the requirement is "
                     + (referral.requirement.get_status_display().lower() if referral.requirement_id
                        else "not written yet") + ".")
    else:
        rate = attendance_summary(placement)["rate"]
        lines += [f"The placement started on {govuk_date(placement.starts_on)}, {placement.hours_per_week} hours a "
                  f"week.",
                  "Attendance: " + (f"{rate}% of sessions." if rate is not None else "no sessions recorded yet."),
                  f"Next half-termly review: {govuk_date(placement.next_review_on)}."]
        last = placement.reviews.order_by("-reviewed_on").first()
        if last:
            lines += ["", f"Latest review ({govuk_date(last.reviewed_on)})", last.progress]
    return "\n".join(lines)


def referral_follow_ups_schedule(today: dt.date | None = None) -> int:
    """Put each approved referral's follow-up on the first open agenda on or after its date. Run daily; an item
    already added is not added again."""
    today = _today(today)
    added = 0
    for referral in referrals_due_follow_up(today):
        try:
            with transaction.atomic():
                referral = _locked(referral)
                if referral.follow_up_on_agenda or referral.status != Status.APPROVED:
                    continue
                panels.agenda_add_next(panel=referral.panel, subject=referral, reference=referral.reference,
                                       question=FOLLOW_UP_QUESTION, papers=_follow_up_papers(referral, today),
                                       added_by=None, kind=FOLLOW_UP, on_or_after=referral.follow_up_on, today=today)
                referral.follow_up_on_agenda = True
                referral.save(update_fields=["follow_up_on_agenda", "updated_at"])
                added += 1
        except ValidationError as error:
            # One panel without an open meeting (or a clash on an agenda) must not stop the others' follow-ups;
            # tomorrow's run tries again.
            logger.warning("Follow-up for referral %s not scheduled: %s", referral.pk, "; ".join(error.messages))
    return added


def _follow_up_decided(referral: PanelReferral, item: AgendaItem, meeting_date: dt.date):
    """A placement that is working needs no more follow-ups (its half-termly reviews go on). One that is not, or
    needs more information, comes back to the panel in six weeks; when it is not working, the commissioner is
    asked to review it within five working days."""
    outcome = dict(referral_decision_options(item))[item.recommendation]
    placement = getattr(referral.requirement, "placement", None) if referral.requirement_id else None
    if item.recommendation != AgendaItem.Recommendation.YES:
        referral.follow_up_on = meeting_date + dt.timedelta(weeks=FOLLOW_UP_WEEKS)
        referral.follow_up_on_agenda = False
        referral.save(update_fields=["follow_up_on", "follow_up_on_agenda", "updated_at"])
    if item.recommendation == AgendaItem.Recommendation.NO and placement is not None \
            and placement.status == placement.Status.ACTIVE:
        review_by = working_days_after(timezone.localdate(), RESPOND_WITHIN_WORKING_DAYS)
        if placement.next_review_on > review_by:
            placement.next_review_on = review_by
            placement.save(update_fields=["next_review_on"])
    _tell_referrer(referral, template="ap_referral_update", key=f"follow_up:{item.pk}",
                   what=f"The panel followed up the placement. {outcome}.")


def referral_answers_overdue_check(today: dt.date | None = None) -> int:
    """Referrals sent back whose date to answer has passed: the referrer is reminded and the clerk told, once
    each for that date. The referral stays open: the clerk decides whether to close it."""
    today = _today(today)
    sent = 0
    for referral in referrals_answer_overdue(today):
        _tell_referrer(referral, template="ap_referral_overdue", key=f"overdue:{referral.respond_by}",
                       respond_by=referral.respond_by)
        _tell_clerks(referral, key=f"overdue:{referral.respond_by}", template="ap_referral_overdue_clerk")
        sent += 1
    return sent
