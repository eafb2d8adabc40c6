"""Every change to an EHC case happens here. Each move is checked against ALLOWED_MOVES under a row lock, so
two people pressing the same button cause exactly one move, and each writes a CaseEvent."""

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import assign_perm

from send_portal.core.dates import govuk_date
from send_portal.core.pdf import pdf_from_html
from send_portal.notifications.services import notification_queue
from send_portal.organisations.models import Role
from send_portal.organisations.services import organisation_role_group
from send_portal.people.selectors import notice_recipients

from .. import deadlines
from ..models import (
    ALLOWED_MOVES,
    NEED_SECTIONS,
    PROVISION_SECTIONS,
    AdviceRequest,
    AdviceStatus,
    CaseEvent,
    Consultation,
    Disagreement,
    Document,
    DraftComment,
    DraftResponse,
    EHCCase,
    NoticeRecipient,
    PlanNeed,
    PlanOutcome,
    PlanProvision,
    PlanVersion,
    RequesterKind,
    Stage,
    StatutoryNotice,
    TimeLimitException,
)

REQUEST_FIELDS = ("reason", "family_views", "parent_agrees", "primary_need", "other_needs", "support_so_far",
                  "outside_advice", "attainment")

# The council's caseworkers and managers hold every case about their children; managers make the decisions.
_COUNCIL_GRANTS = {
    Role.LA_CASEWORKER: ("view_ehccase", "change_ehccase"),
    Role.LA_MANAGER: ("view_ehccase", "change_ehccase", "decide_ehccase"),
}


def grant_council(case: EHCCase) -> None:
    """The case's council holds it: its caseworkers and managers may see and change it, and managers decide."""
    for role, perms in _COUNCIL_GRANTS.items():
        group = organisation_role_group(case.local_authority, role)
        for perm in perms:
            assign_perm(perm, group, case)


class MoveNotAllowed(ValidationError):
    pass


def _new_reference() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "EHC-" + "".join(secrets.choice(alphabet) for _ in range(6))


def _locked(case: EHCCase) -> EHCCase:
    return EHCCase.objects.select_for_update().select_related("child", "local_authority").get(pk=case.pk)


def _move(case: EHCCase, to: str) -> None:
    if to not in ALLOWED_MOVES[Stage(case.stage)]:
        raise MoveNotAllowed(
            f"This case is at the stage “{case.get_stage_display()}”, so it cannot move to "
            f"“{Stage(to).label}”. Someone may have done this already: reload the page to see the latest."
        )
    case.stage = to
    case.version += 1


def _event(case, kind, *, actor=None, on=None, detail="", visible_to_family=True) -> CaseEvent:
    return CaseEvent.objects.create(case=case, kind=kind, actor=actor, on=on or timezone.localdate(),
                                    detail=detail, visible_to_family=visible_to_family)


def _family_contacts(case: EHCCase):
    """The people who hold the right to decide, and so get the notices: the parents, or from the end of the school
    year in which the young person turns 16, the young person or their representative."""
    return notice_recipients(case.child)


def _tell_family(case: EHCCase, template: str, *, key: str, **context) -> None:
    link = settings.PORTAL_BASE_URL.rstrip("/") + reverse("ehc_case_detail", args=[case.pk])
    for person in _family_contacts(case):
        notification_queue(template=template, to=person.email, idempotency_key=f"{key}:{case.pk}:{person.pk}",
                           context={"case": case, "link": link, "person": person,
                                    "service_name": settings.PORTAL_SERVICE_NAME, **context})


def _staff_addresses(organisation, roles) -> set[str]:
    """Where to write to people in an organisation with these roles: their own addresses, or the organisation's
    shared address when nobody with the role uses the portal yet."""
    people = {membership.user.email for membership in organisation.memberships.filter(
        role__in=roles, ended_at__isnull=True).select_related("user")}
    return people or ({organisation.email} - {""})


def _clean_answers(answers: dict) -> dict:
    unknown = set(answers) - set(REQUEST_FIELDS)
    if unknown:
        raise ValueError(f"Not request fields: {sorted(unknown)}")
    return answers


@transaction.atomic
def case_start(*, requested_by, child, requester_kind: str, requesting_setting=None, **answers) -> EHCCase:
    if requester_kind == RequesterKind.SCHOOL and requesting_setting is None:
        raise ValidationError("A school's request must say which school is asking.")
    case = EHCCase(child=child, local_authority=child.home_local_authority, requester_kind=requester_kind,
                   requested_by=requested_by, requesting_setting=requesting_setting, **_clean_answers(answers))
    case.reference = _new_reference()
    case.full_clean()
    case.save()
    _event(case, CaseEvent.Kind.STARTED, actor=requested_by, visible_to_family=False)
    return case


@transaction.atomic
def case_save_draft(*, case: EHCCase, user, expected_version: int, **answers) -> EHCCase:
    """Save a draft request. If someone else saved it since this person opened it, refuse rather than overwrite."""
    case = _locked(case)
    if case.stage != Stage.DRAFT or case.requested_by_id != user.pk:
        raise MoveNotAllowed("This request has already been sent, so it can no longer be changed here.")
    if case.version != expected_version:
        raise ValidationError("This request was changed in another window since you opened it. Reload the page "
                              "to see the latest version, then make your changes again.")
    for field, value in _clean_answers(answers).items():
        setattr(case, field, value)
    case.version += 1
    case.full_clean()
    case.save()
    return case


def request_problems(case: EHCCase) -> list[str]:
    """What a request still lacks before it can be sent. A family's request needs no evidence."""
    problems = []
    if not case.reason.strip():
        problems.append("Say why you think an assessment is needed")
    if case.requester_kind == RequesterKind.SCHOOL:
        if case.parent_agrees is not True:
            problems.append("A school can only send a request when the family agrees to it")
        if not case.primary_need:
            problems.append("Choose the primary area of need")
        if not case.support_so_far.strip():
            problems.append("Describe the support the school has already given")
    return problems


@transaction.atomic
def case_submit(*, case: EHCCase, user, received_on: dt.date | None = None) -> EHCCase:
    """Send the request: the council receives it today and the statutory clock starts."""
    case = _locked(case)
    if case.requested_by_id != user.pk:
        raise MoveNotAllowed("Only the person who wrote this request can send it.")
    problems = request_problems(case)
    if problems:
        raise ValidationError(problems)
    _move(case, Stage.RECEIVED)
    case.received_on = received_on or timezone.localdate()
    case.save()
    grant_council(case)
    if case.requesting_setting:
        assign_perm("view_ehccase", organisation_role_group(case.requesting_setting, Role.SENCO), case)
    due = deadlines.decision_to_assess_due(case.received_on)
    _event(case, CaseEvent.Kind.SUBMITTED, actor=user, on=case.received_on,
           detail=f"The council must decide whether to assess by {govuk_date(due)}.")
    _tell_family(case, "ehc_request_received", key="received", due=due)
    return case


@transaction.atomic
def case_assign_caseworker(*, case: EHCCase, caseworker, assigned_by) -> EHCCase:
    case = _locked(case)
    case.caseworker = caseworker
    case.version += 1
    case.save()
    _event(case, CaseEvent.Kind.CASEWORKER_ASSIGNED, actor=assigned_by,
           detail=f"{caseworker.get_full_name()} is the caseworker.")
    return case


@transaction.atomic
def case_triage(*, case: EHCCase, user, notices: dict, family_consulted_on: dt.date | None) -> EHCCase:
    """Record the reg 4(2) notices and the family's consultation; the council is now considering the request."""
    case = _locked(case)
    if case.stage not in (Stage.RECEIVED, Stage.CONSIDERING):
        raise MoveNotAllowed("Notices can only be recorded while the council is deciding whether to assess.")
    today = timezone.localdate()
    for recipient, (organisation, sent_on) in notices.items():
        if sent_on is None:
            continue
        if sent_on > today or sent_on < case.received_on:
            raise ValidationError(f"The date the {NoticeRecipient(recipient).label} was told must be between the "
                                  "day the request arrived and today.")
        _, created = StatutoryNotice.objects.update_or_create(
            case=case, recipient=recipient,
            defaults={"organisation": organisation, "sent_on": sent_on, "recorded_by": user})
        if created:
            _event(case, CaseEvent.Kind.NOTICE_SENT, actor=user, on=sent_on,
                   detail=f"{NoticeRecipient(recipient).label} told that the council is considering an assessment.")
    if family_consulted_on and not case.family_consulted_on:
        case.family_consulted_on = family_consulted_on
        _event(case, CaseEvent.Kind.FAMILY_CONSULTED, actor=user, on=family_consulted_on,
               detail="The council asked for the family's views before deciding.")
    if case.stage == Stage.RECEIVED:
        _move(case, Stage.CONSIDERING)
    case.save()
    return case


@transaction.atomic
def case_decide_assessment(*, case: EHCCase, decided_by, assess: bool, reasons: str,
                           decided_on: dt.date | None = None) -> EHCCase:
    case = _locked(case)
    decided_on = decided_on or timezone.localdate()
    if decided_on < case.received_on or decided_on > timezone.localdate():
        raise ValidationError("The decision date must be between the day the request arrived and today.")
    if not reasons.strip():
        raise ValidationError("Give the reasons for the decision: the family is told them.")
    _move(case, Stage.ASSESSING if assess else Stage.NOT_ASSESSING)
    case.decision_to_assess_on = decided_on
    case.decision_to_assess_by = decided_by
    case.decision_reasons = reasons
    if not assess:
        case.closed_on = decided_on
    case.save()
    if assess:
        _event(case, CaseEvent.Kind.DECIDED_TO_ASSESS, actor=decided_by, on=decided_on,
               detail=f"The council will ask for advice. It must decide whether to issue a plan by "
                      f"{govuk_date(deadlines.decision_to_issue_due(case.received_on))}.")
        _tell_family(case, "ehc_decided_to_assess", key="decided_to_assess")
    else:
        appeal_by = deadlines.appeal_deadline(decided_on)
        _event(case, CaseEvent.Kind.DECIDED_NOT_TO_ASSESS, actor=decided_by, on=decided_on,
               detail=f"You can appeal to the tribunal until {govuk_date(appeal_by)}.")
        _tell_family(case, "ehc_decided_not_to_assess", key="decided_not_to_assess", appeal_by=appeal_by)
    return case


@transaction.atomic
def case_decide_issue(*, case: EHCCase, decided_by, issue: bool, reasons: str,
                      decided_on: dt.date | None = None) -> EHCCase:
    """CFA 2014 s.37 and SEND Regulations 2014 reg 10: decide whether a plan is necessary, by week 16."""
    case = _locked(case)
    decided_on = decided_on or timezone.localdate()
    if decided_on < case.decision_to_assess_on or decided_on > timezone.localdate():
        raise ValidationError("The decision date must be between the decision to assess and today.")
    if not reasons.strip():
        raise ValidationError("Give the reasons for the decision: the family is told them.")
    if issue:
        advice = list(case.advice_requests.all())
        outstanding = [item for item in advice if item.status not in (AdviceStatus.SUBMITTED, AdviceStatus.ACCEPTED)]
        if not advice or outstanding:
            # Families complain of drafts written before the advice arrived: a plan must rest on the advice.
            raise ValidationError("A plan can only be written once all the advice requested has arrived. "
                                  f"{len(outstanding)} request{'s' if len(outstanding) != 1 else ''} still "
                                  "outstanding." if advice else "Request advice before deciding to write a plan.")
    _move(case, Stage.DRAFTING if issue else Stage.NOT_ISSUING)
    case.decision_to_issue_on = decided_on
    case.decision_to_issue_by = decided_by
    case.issue_reasons = reasons
    if not issue:
        case.closed_on = decided_on
    case.save()
    if issue:
        _event(case, CaseEvent.Kind.DECIDED_TO_ISSUE, actor=decided_by, on=decided_on,
               detail=f"The final plan must be ready by {govuk_date(deadlines.final_plan_due(case.received_on))}.")
        _tell_family(case, "ehc_decided_to_issue", key="decided_to_issue")
    else:
        appeal_by = deadlines.appeal_deadline(decided_on)
        _event(case, CaseEvent.Kind.DECIDED_NOT_TO_ISSUE, actor=decided_by, on=decided_on,
               detail=f"You can appeal to the tribunal until {govuk_date(appeal_by)}.")
        _tell_family(case, "ehc_decided_not_to_issue", key="decided_not_to_issue", appeal_by=appeal_by)
    return case


@transaction.atomic
def case_withdraw(*, case: EHCCase, user) -> EHCCase:
    case = _locked(case)
    _move(case, Stage.WITHDRAWN)
    case.closed_on = timezone.localdate()
    case.save()
    _event(case, CaseEvent.Kind.WITHDRAWN, actor=user)
    return case


@transaction.atomic
def exception_record(*, case: EHCCase, recorded_by, time_limit: str, ground: str, starts_on: dt.date,
                     ends_on: dt.date | None, reason: str, family_told_on: dt.date) -> TimeLimitException:
    """Record that a statutory exception is being relied on; the family is told, as they must be."""
    case = _locked(case)
    if case.stage in (Stage.DRAFT, Stage.WITHDRAWN, Stage.NOT_ASSESSING, Stage.NOT_ISSUING):
        raise MoveNotAllowed("Exceptions can only be recorded on a live case.")
    if starts_on < case.received_on:
        raise ValidationError({"starts_on": "The exception cannot start before the request arrived."})
    exception = TimeLimitException(case=case, time_limit=time_limit, ground=ground, starts_on=starts_on,
                                   ends_on=ends_on, reason=reason, family_told_on=family_told_on,
                                   recorded_by=recorded_by)
    exception.full_clean()
    exception.save()
    _event(case, CaseEvent.Kind.EXCEPTION_RECORDED, actor=recorded_by, on=starts_on,
           detail=f"An exception to the time limit for “{exception.get_time_limit_display()}” applies.")
    _tell_family(case, "ehc_exception", key=f"exception:{exception.pk}", exception=exception)
    return exception


# --- Advice (SEND Regulations 2014 regs 6 and 8) ---------------------------------------------------------

def _adviser_roles(organisation) -> tuple[str, ...]:
    """Who writes advice for an organisation: its advisers, and in a school its SENCOs (educational advice
    normally comes from the school, SEND Regulations 2014 reg 6(1)(b))."""
    from send_portal.organisations.models import OrganisationKind

    return (Role.ADVISER, Role.SENCO) if organisation.kind == OrganisationKind.SCHOOL else (Role.ADVISER,)


def _tell_advisers(advice: AdviceRequest, template: str, *, key: str, **context) -> None:
    """Advisers hear what is asked of them and by when, never what the case is about."""
    link = settings.PORTAL_BASE_URL.rstrip("/") + reverse("ehc_advice_detail", args=[advice.pk])
    for address in sorted(_staff_addresses(advice.organisation, _adviser_roles(advice.organisation))):
        notification_queue(template=template, to=address, idempotency_key=f"{key}:{advice.pk}:{address}",
                           context={"advice": advice, "link": link, "service_name": settings.PORTAL_SERVICE_NAME,
                                    **context})


@transaction.atomic
def advice_request(*, case: EHCCase, kind: str, organisation, requested_by,
                   requested_on: dt.date | None = None) -> AdviceRequest:
    case = _locked(case)
    if case.stage != Stage.ASSESSING:
        raise MoveNotAllowed("Advice can only be requested once the council has decided to assess.")
    requested_on = requested_on or timezone.localdate()
    if AdviceRequest.objects.filter(case=case, kind=kind, organisation=organisation).exists():
        raise ValidationError(f"{organisation} has already been asked for this advice.")
    advice = AdviceRequest(case=case, kind=kind, organisation=organisation, requested_on=requested_on,
                           due_on=deadlines.advice_due(requested_on), requested_by=requested_by)
    advice.full_clean()
    advice.save()
    for role in _adviser_roles(organisation):
        group = organisation_role_group(organisation, role)
        assign_perm("change_advicerequest", group, advice)
        assign_perm("view_ehccase", group, case)
    _event(case, CaseEvent.Kind.ADVICE_REQUESTED, actor=requested_by, on=requested_on,
           detail=f"{advice.get_kind_display()} requested from {organisation}, due by {govuk_date(advice.due_on)}.")
    _tell_advisers(advice, "ehc_advice_requested", key="advice_requested")
    return advice


def _locked_advice(advice: AdviceRequest) -> AdviceRequest:
    return AdviceRequest.objects.select_for_update().select_related("case", "organisation").get(pk=advice.pk)


@transaction.atomic
def advice_save(*, advice: AdviceRequest, adviser, text: str, expected_version: int, submit: bool) -> AdviceRequest:
    advice = _locked_advice(advice)
    if advice.status not in (AdviceStatus.REQUESTED, AdviceStatus.DRAFT, AdviceStatus.RETURNED):
        raise MoveNotAllowed("This advice has already been sent to the council.")
    if advice.version != expected_version:
        raise ValidationError("Someone else saved this advice since you opened it. Reload the page to see the "
                              "latest version, then make your changes again.")
    if submit and not text.strip():
        raise ValidationError("Write the advice before you send it.")
    advice.advice = text
    advice.written_by = adviser
    advice.version += 1
    if submit:
        advice.status = AdviceStatus.SUBMITTED
        advice.submitted_on = timezone.localdate()
        _event(advice.case, CaseEvent.Kind.ADVICE_SUBMITTED, actor=adviser, on=advice.submitted_on,
               detail=f"{advice.get_kind_display()} received from {advice.organisation}.")
    else:
        advice.status = AdviceStatus.DRAFT
    advice.save()
    return advice


@transaction.atomic
def advice_return(*, advice: AdviceRequest, returned_by, reason: str) -> AdviceRequest:
    """Send inadequate advice back with reasons. The 6-week due date stays: the duty was to give advice."""
    advice = _locked_advice(advice)
    if advice.status != AdviceStatus.SUBMITTED:
        raise MoveNotAllowed("Only advice that has been sent can be returned.")
    if not reason.strip():
        raise ValidationError("Say what the advice needs: the adviser reads this.")
    advice.status = AdviceStatus.RETURNED
    advice.returned_reason = reason
    advice.submitted_on = None
    advice.version += 1
    advice.save()
    _event(advice.case, CaseEvent.Kind.ADVICE_RETURNED, actor=returned_by,
           detail=f"{advice.get_kind_display()} from {advice.organisation} returned for more detail.")
    _tell_advisers(advice, "ehc_advice_returned", key=f"advice_returned:{advice.version}")
    return advice


@transaction.atomic
def advice_accept(*, advice: AdviceRequest, accepted_by) -> AdviceRequest:
    advice = _locked_advice(advice)
    if advice.status != AdviceStatus.SUBMITTED:
        raise MoveNotAllowed("Only advice that has been sent can be accepted.")
    advice.status = AdviceStatus.ACCEPTED
    advice.version += 1
    advice.save()
    _event(advice.case, CaseEvent.Kind.ADVICE_ACCEPTED, actor=accepted_by,
           detail=f"{advice.get_kind_display()} from {advice.organisation} accepted.")
    return advice


REMINDER_WEEK_BEFORE = "week_before"
REMINDER_DUE_TODAY = "due_today"
REMINDER_ESCALATION = "escalation"


def advice_reminder_kind(advice: AdviceRequest, today: dt.date) -> str | None:
    """Which chase, if any, an open advice request gets today: a week before, on the day, then escalation."""
    if today == advice.due_on - dt.timedelta(days=7):
        return REMINDER_WEEK_BEFORE
    if today == advice.due_on:
        return REMINDER_DUE_TODAY
    if today > advice.due_on:
        return REMINDER_ESCALATION
    return None


def advice_send_due_reminders(*, today: dt.date | None = None) -> int:
    """Chase open advice. Safe to run any number of times a day, from any number of workers: each reminder
    has a unique key in the notifications table, so it goes out once."""
    today = today or timezone.localdate()
    queued = 0
    open_advice = AdviceRequest.objects.filter(
        status__in=[AdviceStatus.REQUESTED, AdviceStatus.DRAFT, AdviceStatus.RETURNED],
        case__stage=Stage.ASSESSING, due_on__lte=today + dt.timedelta(days=7),
    ).select_related("case", "organisation", "case__caseworker")
    for advice in open_advice:
        kind = advice_reminder_kind(advice, today)
        if kind is None:
            continue
        with transaction.atomic():
            key = f"advice_reminder:{kind}:{advice.due_on.isoformat()}"
            if kind == REMINDER_ESCALATION:
                queued += _escalate_advice(advice, key=key)
            else:
                _tell_advisers(advice, "ehc_advice_reminder", key=key, reminder=kind)
                queued += 1
    return queued


def _escalate_advice(advice: AdviceRequest, *, key: str) -> int:
    """Overdue advice goes to the adviser organisation's managers (its own address, or a council manager for a
    council team) and to the caseworker, once."""
    from send_portal.organisations.models import Membership

    to = set()
    if advice.organisation.email:
        to.add(advice.organisation.email)
    managers = Membership.objects.filter(organisation=advice.organisation, role=Role.LA_MANAGER,
                                         ended_at__isnull=True).select_related("user")
    to |= {membership.user.email for membership in managers}
    if advice.case.caseworker:
        to.add(advice.case.caseworker.email)
    link = settings.PORTAL_BASE_URL.rstrip("/") + reverse("ehc_case_detail", args=[advice.case_id])
    for address in sorted(to):
        notification_queue(template="ehc_advice_overdue", to=address,
                           idempotency_key=f"{key}:{advice.pk}:{address}",
                           context={"advice": advice, "link": link, "service_name": settings.PORTAL_SERVICE_NAME})
    return len(to)


# --- The draft plan ---------------------------------------------------------------------------------------

def _locked_version(version: PlanVersion) -> PlanVersion:
    return PlanVersion.objects.select_for_update().select_related("case", "case__child").get(pk=version.pk)


def _editable(version: PlanVersion, expected_revision: int) -> PlanVersion:
    version = _locked_version(version)
    if not version.is_editable:
        raise MoveNotAllowed("This version of the plan has been sent, so it cannot be changed. Start a new "
                             "version to make changes.")
    if version.revision != expected_revision:
        raise ValidationError("Someone else changed this plan since you opened it. Reload the page to see their "
                              "changes, then make yours again.")
    version.revision += 1
    version.save(update_fields=["revision"])
    return version


@transaction.atomic
def plan_start(*, case: EHCCase, user) -> PlanVersion:
    """Open a version for editing: the first draft, or a copy of the latest one to revise after comments."""
    case = _locked(case)
    current = case.plan_versions.filter(status=PlanVersion.Status.EDITING).first()
    if current:
        return current
    if case.stage == Stage.DRAFT_SERVED:
        _move(case, Stage.DRAFTING)
        case.save()
        _event(case, CaseEvent.Kind.DRAFT_REVISED, actor=user,
               detail="The council is changing the draft plan after the family's comments.")
    elif case.stage != Stage.DRAFTING:
        raise MoveNotAllowed("A plan can only be written once the council has decided to issue one.")
    latest = case.plan_versions.order_by("-number").first()
    version = PlanVersion.objects.create(case=case, number=(latest.number + 1) if latest else 1, created_by=user)
    if latest:
        latest.status = PlanVersion.Status.SUPERSEDED
        latest.save(update_fields=["status"])
        _copy_plan_content(latest, version)
    return version


def _copy_plan_content(source: PlanVersion, target: PlanVersion) -> None:
    target.views_interests_aspirations = source.views_interests_aspirations
    target.personal_budget = source.personal_budget
    target.save()
    needs = {}
    for need in source.needs.all():
        needs[need.pk] = PlanNeed.objects.create(version=target, section=need.section, text=need.text,
                                                 order=need.order)
    outcomes = {}
    for outcome in source.outcomes.prefetch_related("needs"):
        outcomes[outcome.pk] = PlanOutcome.objects.create(version=target, text=outcome.text, order=outcome.order,
                                                          preparing_for_adulthood=outcome.preparing_for_adulthood)
        outcomes[outcome.pk].needs.set([needs[n.pk] for n in outcome.needs.all()])
    for item in source.provision.prefetch_related("needs", "outcomes"):
        copy = PlanProvision.objects.create(version=target, section=item.section, what=item.what, who=item.who,
                                            how_often=item.how_often, how_long=item.how_long, order=item.order)
        copy.needs.set([needs[n.pk] for n in item.needs.all()])
        copy.outcomes.set([outcomes[o.pk] for o in item.outcomes.all()])


@transaction.atomic
def plan_update_text(*, version: PlanVersion, expected_revision: int, **sections) -> PlanVersion:
    version = _editable(version, expected_revision)
    for name, value in sections.items():
        if name not in ("views_interests_aspirations", "personal_budget"):
            raise ValueError(name)
        setattr(version, name, value)
    version.save()
    return version


def _next_order(queryset) -> int:
    return (queryset.order_by("-order").values_list("order", flat=True).first() or 0) + 1


def _own(version, items):
    """Links may only point at parts of the same version."""
    items = list(items)
    if any(item.version_id != version.pk for item in items):
        raise ValidationError("Links must be to needs and outcomes in this plan.")
    return items


@transaction.atomic
def plan_save_need(*, version: PlanVersion, expected_revision: int, section: str, text: str,
                   need: PlanNeed | None = None) -> PlanNeed:
    version = _editable(version, expected_revision)
    if need is None:
        need = PlanNeed(version=version, order=_next_order(version.needs.filter(section=section)))
    need.section, need.text = section, text
    need.full_clean()
    need.save()
    return need


@transaction.atomic
def plan_save_outcome(*, version: PlanVersion, expected_revision: int, text: str, needs, preparing_for_adulthood: bool,
                      outcome: PlanOutcome | None = None) -> PlanOutcome:
    version = _editable(version, expected_revision)
    if outcome is None:
        outcome = PlanOutcome(version=version, order=_next_order(version.outcomes))
    outcome.text, outcome.preparing_for_adulthood = text, preparing_for_adulthood
    outcome.full_clean()
    outcome.save()
    outcome.needs.set(_own(version, needs))
    return outcome


@transaction.atomic
def plan_save_provision(*, version: PlanVersion, expected_revision: int, section: str, what: str, who: str,
                        how_often: str, how_long: str, needs, outcomes,
                        provision: PlanProvision | None = None) -> PlanProvision:
    version = _editable(version, expected_revision)
    if provision is None:
        provision = PlanProvision(version=version, order=_next_order(version.provision.filter(section=section)))
    provision.section, provision.what, provision.who = section, what, who
    provision.how_often, provision.how_long = how_often, how_long
    provision.full_clean()
    provision.save()
    provision.needs.set(_own(version, needs))
    provision.outcomes.set(_own(version, outcomes))
    return provision


@transaction.atomic
def plan_delete_item(*, version: PlanVersion, expected_revision: int, item) -> None:
    _editable(version, expected_revision)
    if item.version_id != version.pk:
        raise ValidationError("That is not part of this plan.")
    item.delete()


@transaction.atomic
def plan_serve(*, version: PlanVersion, user, served_on: dt.date | None = None) -> PlanVersion:
    """Send the draft to the family with at least 15 days to comment, ask for a meeting and name a school."""
    from ..selectors import plan_problems

    version = _locked_version(version)
    if not version.is_editable:
        raise MoveNotAllowed("This version has already been sent.")
    problems = plan_problems(version)
    if problems:
        raise ValidationError(problems)
    case = _locked(version.case)
    _move(case, Stage.DRAFT_SERVED)
    case.save()
    version.status = PlanVersion.Status.SERVED
    version.served_on = served_on or timezone.localdate()
    version.comments_close_on = deadlines.draft_comments_close(version.served_on)
    version.save()
    _event(case, CaseEvent.Kind.DRAFT_SERVED, actor=user, on=version.served_on,
           detail=f"Comments, a request for a meeting and the school or college you would like named are due by "
                  f"{govuk_date(version.comments_close_on)}.")
    _tell_family(case, "ehc_draft_served", key=f"draft_served:{version.number}", version=version)
    return version


@transaction.atomic
def draft_respond(*, version: PlanVersion, author, comments: dict, wants_meeting: bool, preferred_setting,
                  wants_personal_budget: bool, submit: bool) -> DraftResponse:
    """Save (and optionally send) a family member's response. Comments stay with the version they are about."""
    version = _locked_version(version)
    if version.status != PlanVersion.Status.SERVED:
        raise MoveNotAllowed("This draft is no longer open for comments.")
    response, _ = DraftResponse.objects.get_or_create(version=version, author=author)
    if response.submitted_at:
        raise MoveNotAllowed("You have already sent your response to this draft.")
    response.wants_meeting = wants_meeting
    response.preferred_setting = preferred_setting
    response.wants_personal_budget = wants_personal_budget
    if submit:
        response.submitted_at = timezone.now()
    response.save()
    for section, text in comments.items():
        if text.strip():
            DraftComment.objects.update_or_create(response=response, section=section, defaults={"text": text})
        else:
            DraftComment.objects.filter(response=response, section=section).delete()
    if submit:
        _event(version.case, CaseEvent.Kind.FAMILY_RESPONDED, actor=author,
               detail="The family sent their response to the draft plan"
                      + (" and asked for a meeting." if wants_meeting else "."))
    return response


# --- Consultation and the final plan ---------------------------------------------------------------------

def _open_for_consultation(case: EHCCase) -> bool:
    """A setting can be consulted while the family has the draft plan, or proposed amendments after a review."""
    from ..models import AnnualReview

    return case.stage == Stage.DRAFT_SERVED or (
        case.stage == Stage.FINAL_ISSUED and case.reviews.filter(status=AnnualReview.Status.AMENDING).exists())


@transaction.atomic
def consultation_send(*, case: EHCCase, setting, sent_by, sent_on: dt.date | None = None) -> Consultation:
    from send_portal.organisations.models import OrganisationKind

    case = _locked(case)
    if not _open_for_consultation(case):
        raise MoveNotAllowed("Schools and colleges are consulted once the draft plan, or the proposed amendments "
                             "after a review, have been sent to the family.")
    if setting.kind != OrganisationKind.SCHOOL:
        raise ValidationError("Choose a school, college or other setting.")
    if Consultation.objects.filter(case=case, setting=setting).exists():
        raise ValidationError(f"{setting} has already been consulted.")
    sent_on = sent_on or timezone.localdate()
    maintaining = setting.parent if setting.parent and setting.parent.kind == OrganisationKind.LOCAL_AUTHORITY \
        and setting.parent_id != case.local_authority_id else None
    consultation = Consultation.objects.create(case=case, setting=setting, maintaining_authority=maintaining,
                                               sent_on=sent_on, due_on=sent_on + dt.timedelta(days=15),
                                               sent_by=sent_by)
    group = organisation_role_group(setting, Role.SENCO)
    assign_perm("change_consultation", group, consultation)
    assign_perm("view_ehccase", group, case)
    _event(case, CaseEvent.Kind.CONSULTATION_SENT, actor=sent_by, on=sent_on,
           detail=f"{setting} asked whether it can meet the needs in the draft plan, by "
                  f"{govuk_date(consultation.due_on)}.")
    link = settings.PORTAL_BASE_URL.rstrip("/") + reverse("ehc_consultation", args=[consultation.pk])
    senco_emails = _staff_addresses(setting, [Role.SENCO])
    if maintaining:
        # The maintaining council is consulted by email: it holds no account for this family's case.
        senco_emails |= {maintaining.email} - {""}
        _event(case, CaseEvent.Kind.CONSULTATION_SENT, actor=sent_by, on=sent_on, visible_to_family=False,
               detail=f"{maintaining}, which maintains {setting}, consulted as well.")
    for address in sorted(senco_emails):
        notification_queue(template="ehc_consultation", to=address,
                           idempotency_key=f"consultation:{consultation.pk}:{address}",
                           context={"consultation": consultation, "link": link,
                                    "service_name": settings.PORTAL_SERVICE_NAME})
    return consultation


@transaction.atomic
def consultation_answer(*, consultation: Consultation, answered_by, agree: bool, decline_ground: str = "",
                        comments: str = "") -> Consultation:
    consultation = Consultation.objects.select_for_update().select_related("case").get(pk=consultation.pk)
    if consultation.answer != Consultation.Answer.PENDING:
        raise MoveNotAllowed("This consultation has already been answered.")
    if not _open_for_consultation(consultation.case):
        raise MoveNotAllowed("The plan has moved on, so this consultation is closed.")
    if not agree and not decline_ground:
        raise ValidationError({"decline_ground": "Choose the reason the school cannot meet the needs."})
    consultation.answer = Consultation.Answer.AGREED if agree else Consultation.Answer.DECLINED
    consultation.decline_ground = "" if agree else decline_ground
    consultation.comments = comments
    consultation.answered_on = timezone.localdate()
    consultation.answered_by = answered_by
    consultation.full_clean()
    consultation.save()
    _event(consultation.case, CaseEvent.Kind.CONSULTATION_ANSWERED, actor=answered_by,
           detail=f"{consultation.setting} replied: {consultation.get_answer_display().lower()}.")
    return consultation


@transaction.atomic
def plan_issue_final(*, case: EHCCase, issued_by, placement, placement_reason: str = "",
                     issued_on: dt.date | None = None) -> PlanVersion:
    """Finalise the plan: a new, immutable version naming the placement in section I, sent with appeal rights."""
    case = _locked(case)
    served = case.plan_versions.filter(status=PlanVersion.Status.SERVED).order_by("-number").first()
    if case.stage != Stage.DRAFT_SERVED or served is None:
        raise MoveNotAllowed("The final plan can only be issued after the draft has been with the family.")
    issued_on = issued_on or timezone.localdate()
    if issued_on < served.comments_close_on and not served.responses.filter(submitted_at__isnull=False).exists():
        raise ValidationError(f"The family has until {govuk_date(served.comments_close_on)} to respond to the draft. "
                              "Wait for their response or for the 15 days to end.")
    if not case.consultations.filter(setting=placement).exists():
        raise ValidationError(f"Consult {placement} before naming it in the plan (CFA 2014 s.39(2)).")
    preferred = {r.preferred_setting for r in served.responses.filter(submitted_at__isnull=False)} - {None}
    if preferred and placement not in preferred and not placement_reason.strip():
        raise ValidationError("The family asked for a different school or college. Give the reason it is not named "
                              "(CFA 2014 s.39(4)): the family is told it.")
    _move(case, Stage.FINAL_ISSUED)
    case.save()
    final = PlanVersion.objects.create(case=case, number=served.number + 1, created_by=issued_by)
    _copy_plan_content(served, final)
    final.placement = placement
    final.placement_reason = placement_reason
    final.status = PlanVersion.Status.FINAL
    final.issued_on = issued_on
    final.save()
    served.status = PlanVersion.Status.SUPERSEDED
    served.save(update_fields=["status"])
    assign_perm("view_ehccase", organisation_role_group(placement, Role.SENCO), case)
    appeal_by = deadlines.appeal_deadline(issued_on)
    _event(case, CaseEvent.Kind.FINAL_ISSUED, actor=issued_by, on=issued_on,
           detail=f"{placement} is named in section I. You can appeal to the tribunal until {govuk_date(appeal_by)}.")
    _tell_family(case, "ehc_final_issued", key="final_issued", appeal_by=appeal_by)
    recipients = {placement.email} | _staff_addresses(placement, [Role.SENCO])
    from send_portal.organisations.models import Organisation, OrganisationKind

    icb = Organisation.objects.filter(kind=OrganisationKind.NHS_ICB, is_active=True).exclude(email="").first()
    if icb:
        recipients.add(icb.email)
    for address in sorted(recipients - {""}):
        notification_queue(template="ehc_final_issued_partner", to=address,
                           idempotency_key=f"final_issued:{final.pk}:{address}",
                           context={"case": case, "version": final, "service_name": settings.PORTAL_SERVICE_NAME})
    if case.reassessment_of_id:
        from .plan_changes import replace_after_reassessment

        replace_after_reassessment(reassessment=case, issued_on=issued_on)
    from send_portal.notifications.outbox import outbox_enqueue

    from ..tasks import render_plan_pdf

    outbox_enqueue(render_plan_pdf, final.pk)  # on commit; waits if the queue is down
    return final


def plan_render_pdf(*, version: PlanVersion) -> PlanVersion:
    """Render a final plan to a tagged PDF/UA file."""
    from django.core.files.base import ContentFile
    from django.template.loader import render_to_string

    from ..selectors import plan_advice_list, plan_parts

    needs, outcomes, provision = plan_parts(version)
    html = render_to_string("pdf/ehc_plan.html", {
        "version": version, "case": version.case, "needs": needs, "outcomes": outcomes, "provision": provision,
        "need_sections": NEED_SECTIONS, "provision_sections": PROVISION_SECTIONS,
        "advice_list": plan_advice_list(version.case), "council_name": settings.PORTAL_COUNCIL_NAME,
        "appeal_by": deadlines.appeal_deadline(version.issued_on) if version.issued_on else None,
    })
    pdf = pdf_from_html(html)
    with transaction.atomic():
        version = PlanVersion.objects.select_for_update().get(pk=version.pk)
        if version.pdf:
            version.pdf.delete(save=False)
        version.pdf.save(f"{version.case.reference}-v{version.number}.pdf", ContentFile(pdf), save=True)
    return version


# --- Mediation and tribunal ---------------------------------------------------------------------------------

DISAGREEMENT_FIELDS = ("mediation_adviser_contacted_on", "certificate_on", "mediation_outcome",
                       "appeal_registered_on", "appeal_outcome", "appeal_outcome_on", "order", "order_sent_on")


def _decision_date(case: EHCCase, decision: str) -> dt.date | None:
    """The date of the letter for an appealable decision on the case, or None if there is no such decision."""
    from ..models import AnnualReview, CeasingProposal, PlanVersion

    issued = case.plan_versions.filter(issued_on__isnull=False).order_by("number")
    first, latest = issued.first(), issued.last()
    not_amended = case.reviews.filter(status=AnnualReview.Status.COMPLETE, decision="maintain").order_by(
        "-decision_on").first()
    refused = case.reassessment_requests.filter(status="refused").order_by("-decided_on").first()
    ceasing = case.ceasing_proposals.filter(status__in=[CeasingProposal.Status.CEASING, CeasingProposal.Status.CEASED]
                                            ).order_by("-decided_on").first()
    return {
        Disagreement.Decision.NOT_TO_ASSESS: case.decision_to_assess_on if case.stage == Stage.NOT_ASSESSING else None,
        Disagreement.Decision.NOT_TO_ISSUE: case.decision_to_issue_on if case.stage == Stage.NOT_ISSUING else None,
        Disagreement.Decision.PLAN_CONTENT: first.issued_on if first else None,
        Disagreement.Decision.NOT_TO_AMEND: not_amended.decision_on if not_amended else None,
        Disagreement.Decision.AMENDED_PLAN: latest.issued_on if latest and latest != first
        and latest.status == PlanVersion.Status.FINAL else None,
        Disagreement.Decision.CEASE: ceasing.decided_on if ceasing and ceasing.appealable else None,
        Disagreement.Decision.NOT_TO_REASSESS: refused.decided_on if refused else None,
    }[decision]


@transaction.atomic
def disagreement_save(*, case: EHCCase, decision: str, recorded_by, **details) -> Disagreement:
    """Record or update mediation and appeal dates against the decision they are about."""
    case = _locked(case)
    decided_on = _decision_date(case, decision)
    if decided_on is None:
        raise ValidationError("There is no such decision on this case to disagree with.")
    today = timezone.localdate()
    for field in DISAGREEMENT_FIELDS:
        value = details.get(field)
        if isinstance(value, dt.date) and not decided_on <= value <= today:
            raise ValidationError(f"Dates must be between the decision ({govuk_date(decided_on)}) and today.")
    record, created = Disagreement.objects.get_or_create(
        case=case, decision=decision, defaults={"decision_sent_on": decided_on, "recorded_by": recorded_by})
    # A later decision of the same kind (a second ceasing, another review) starts a fresh record of its own.
    record.decision_sent_on = decided_on
    order_changed = record.order != (details.get("order") or "")
    for field in DISAGREEMENT_FIELDS:
        setattr(record, field, details.get(field) or ("" if field.endswith(("outcome", "order")) else None))
    steps_done = details.get("order_steps_done") or {}
    if any(not record.order_sent_on or not record.order_sent_on <= day <= today for day in steps_done.values()):
        raise ValidationError("The dates the council carried out the order must be between the order and today.")
    # A different order starts its steps afresh.
    record.order_steps_done = {} if order_changed or not record.order else {
        str(step): day.isoformat() for step, day in steps_done.items()}
    record.recorded_by = recorded_by
    record.full_clean()
    record.save()
    if created:
        _event(case, CaseEvent.Kind.DISAGREEMENT_RECORDED, actor=recorded_by,
               detail=f"Mediation or an appeal about the {record.get_decision_display().lower()} is recorded.")
    return record


# --- Documents ----------------------------------------------------------------------------------------------

@transaction.atomic
def document_add(*, case: EHCCase, uploaded, uploaded_by, kind: str, advice: AdviceRequest | None = None) -> Document:
    from django.core.files.base import ContentFile

    from ..uploads import INFECTED, SCAN_ERROR, display_name, inspect_upload, logger, scan, sha256_of

    content_type, _extension, data = inspect_upload(uploaded)
    # Scanned at upload, so the answer is known before anyone can ask for the file. An infected file is refused
    # and never stored; one the scanner could not check is kept but held back (never downloadable) and alerted.
    scan_status = scan(data)
    if scan_status == INFECTED:
        raise ValidationError("The selected file contains a virus")
    document = Document(case=case, advice=advice, kind=kind, original_name=display_name(uploaded.name),
                        content_type=content_type, size=len(data), sha256=sha256_of(data), uploaded_by=uploaded_by,
                        scan_status=scan_status)
    if scan_status == SCAN_ERROR:
        logger.error("ALERT document on case %s held back: the virus scan failed", case.reference)
    document.file.save("upload", ContentFile(data), save=False)
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def document_remove(*, document: Document, user) -> None:
    """Evidence can be removed while the request is still a draft; after that it is part of the record."""
    if document.case.stage != Stage.DRAFT and document.kind == Document.Kind.EVIDENCE:
        raise MoveNotAllowed("Evidence sent with a request stays with it.")
    if document.advice and document.advice.status not in (AdviceStatus.REQUESTED, AdviceStatus.DRAFT,
                                                          AdviceStatus.RETURNED):
        raise MoveNotAllowed("A report sent with advice stays with it.")
    document.file.delete(save=False)
    document.delete()


# --- Panels ----------------------------------------------------------------------------------------------

@transaction.atomic
def case_to_panel(*, case: EHCCase, meeting, papers: str, added_by):
    from send_portal.panels.services import agenda_add

    case = _locked(case)
    questions = {
        Stage.RECEIVED: "Should the council carry out an EHC needs assessment?",
        Stage.CONSIDERING: "Should the council carry out an EHC needs assessment?",
        Stage.ASSESSING: "Should the council issue an EHC plan?",
    }
    if case.stage not in questions:
        raise MoveNotAllowed("A case goes to panel before a decision whether to assess or whether to issue a plan.")
    if meeting.panel.local_authority_id != case.local_authority_id:
        raise ValidationError("Choose a meeting of one of this council's panels.")
    item = agenda_add(meeting=meeting, subject=case, reference=case.reference, question=questions[case.stage],
                      papers=papers, added_by=added_by)
    _event(case, CaseEvent.Kind.TO_PANEL, actor=added_by,
           detail=f"The {meeting.panel} will consider the case on {govuk_date(meeting.date)}.")
    return item


def panel_recommendation_recorded(item, recorded_by) -> None:
    """Registered with the panels app: a recommendation goes on the case's timeline. The manager still decides."""
    case = EHCCase.objects.get(pk=item.object_id)
    _event(case, CaseEvent.Kind.PANEL_RECOMMENDED, actor=recorded_by,
           detail=f"The {item.meeting.panel} made its recommendation. The council's manager makes the decision.")


@transaction.atomic
def case_bring_to_attention(*, brought_by, reason: str, family_knows: bool, home_local_authority,
                            current_setting=None, **child_details) -> EHCCase:
    """A professional tells the council about a child: the council becomes responsible today (CFA 2014 s.24).

    The child is added to the register for the council to match with any record it already holds; the
    professional is not given access to it."""
    from send_portal.people.services import child_register

    child = child_register(created_by=brought_by, home_local_authority=home_local_authority,
                           current_setting=current_setting, **child_details)
    case = EHCCase(child=child, local_authority=home_local_authority, requester_kind=RequesterKind.PROFESSIONAL,
                   requested_by=brought_by, reason=reason, stage=Stage.RECEIVED, received_on=timezone.localdate())
    case.reference = _new_reference()
    case.full_clean()
    case.save()
    for role, perms in _COUNCIL_GRANTS.items():
        group = organisation_role_group(home_local_authority, role)
        for perm in perms:
            assign_perm(perm, group, case)
    family = "The family knows." if family_knows else "The family has not been told yet."
    _event(case, CaseEvent.Kind.SUBMITTED, actor=brought_by, on=case.received_on, visible_to_family=False,
           detail=f"Brought to the council's attention by a professional. {family} The council must decide "
                  f"whether to assess by {govuk_date(deadlines.decision_to_assess_due(case.received_on))}.")
    return case


@transaction.atomic
def case_start_for_new_child(*, requested_by, home_local_authority, current_setting=None,
                             **child_details) -> EHCCase:
    """Register a child the portal does not know, then start the request. A parent or young person is linked to
    the new record (the council checks parental responsibility before anything is decided)."""
    from send_portal.organisations.models import Role as OrgRole
    from send_portal.organisations.selectors import organisations_for
    from send_portal.people.services import child_register, family_link_create

    schools = organisations_for(requested_by, OrgRole.SENCO)
    is_school = current_setting is not None and schools.filter(pk=current_setting.pk).exists()
    if not is_school and not requested_by.family_role:
        raise ValidationError("Only a school's SENCO, a parent or a young person can ask for an assessment.")
    child = child_register(created_by=requested_by, home_local_authority=home_local_authority,
                           current_setting=current_setting, **child_details)
    if is_school:
        return case_start(requested_by=requested_by, child=child, requester_kind=RequesterKind.SCHOOL,
                          requesting_setting=current_setting)
    young_person = requested_by.family_role == "young_person"
    family_link_create(child=child, user=requested_by, relationship="self" if young_person else "parent",
                       has_parental_responsibility=not young_person, created_by=requested_by)
    return case_start(requested_by=requested_by, child=child,
                      requester_kind=RequesterKind.YOUNG_PERSON if young_person else RequesterKind.PARENT)
