"""Reads for living plans: when each plan's review is due, how every review stands, who is transferring phase this
year, and which review reminders the dates call for."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from send_portal.core.access import get_from, visible_to
from send_portal.organisations.models import Membership, OrganisationKind, SettingPhase
from send_portal.people.models import Child
from send_portal.people.schoolyear import school_year_start
from send_portal.people.selectors import CHANGE_CHILD

from .. import deadlines
from ..models import AnnualReview, EHCCase, ReviewContribution, Stage
from ..timeliness import DeadlineState, deadline_state
from .assessment import CHANGE_CASE, _cases, case_get_for, final_plan, plan_made_on

RUN_REVIEW = "ehc.run_annualreview"
CHANGE_CONTRIBUTION = "ehc.change_reviewcontribution"
DUE_SOON = dt.timedelta(weeks=10)


class TowerStatus:
    """The control tower's review statuses, in the order a review moves through them."""

    NOT_YET_DUE = "not_yet_due"
    DUE_SOON = "due_soon"
    INVITED = "invited"
    MEETING_HELD = "meeting_held"
    REPORT_OVERDUE = "report_overdue"
    DECISION_OVERDUE = "decision_overdue"
    AMENDING = "amending"
    COMPLETE = "complete"

    LABELS = {
        NOT_YET_DUE: "Not yet due", DUE_SOON: "Due within 10 weeks", INVITED: "Invitations sent",
        MEETING_HELD: "Meeting held", REPORT_OVERDUE: "Report overdue", DECISION_OVERDUE: "Decision overdue",
        AMENDING: "Amendment in progress", COMPLETE: "Complete",
    }
    COLOURS = {NOT_YET_DUE: "grey", DUE_SOON: "yellow", INVITED: "blue", MEETING_HELD: "light-blue",
               REPORT_OVERDUE: "red", DECISION_OVERDUE: "red", AMENDING: "purple", COMPLETE: "green"}


def _maintained(queryset: QuerySet[EHCCase]) -> QuerySet[EHCCase]:
    return queryset.filter(stage=Stage.FINAL_ISSUED).prefetch_related(
        "plan_versions", Prefetch("reviews", queryset=AnnualReview.objects.order_by("number")))


def _reviews(case: EHCCase) -> list[AnnualReview]:
    return list(case.reviews.all())


def open_review(case: EHCCase) -> AnnualReview | None:
    return next((review for review in _reviews(case) if review.status != AnnualReview.Status.COMPLETE), None)


def last_complete_review(case: EHCCase) -> AnnualReview | None:
    done = [review for review in _reviews(case) if review.status == AnnualReview.Status.COMPLETE]
    return done[-1] if done else None


def next_review_due(case: EHCCase) -> dt.date | None:
    """When the plan must next be reviewed: 12 months (3 to 6 for under-5s) from the plan being made or from the
    council's decision after the last review, which is when a review ends (IPSEA). A plan transferred from another
    council is reviewed by the later of 12 months from its last review and 3 months from the transfer (reg 15(5))."""
    from ..services.reviews import review_due_after

    current = open_review(case)
    if current:
        return current.due_on
    last = last_complete_review(case)
    if last is None and case.transferred_in_on:
        return deadlines.transfer_review_due(case.reviewed_before_transfer_on or plan_made_on(case),
                                             case.transferred_in_on)
    start = last.decision_on if last else plan_made_on(case)
    return review_due_after(case, start) if start else None


def review_needs_preparing_for_adulthood(review: AnnualReview) -> bool:
    """Reg 20(6): from Year 9 every review considers preparing for adulthood."""
    return review.case.child.nc_year(on=review.meeting_on or review.due_on) >= 9


def phase_transfer_for(case: EHCCase, on: dt.date | None = None) -> deadlines.PhaseTransfer | None:
    """The phase transfer the child makes at the end of the current school year, or a planned move between post-16
    institutions in the next 12 months (reg 18(2)), if any."""
    on = on or timezone.localdate()
    move = case.post16_move_on
    if move and on < move <= on + dt.timedelta(days=366):
        return deadlines.PhaseTransfer("post16_to_post16", "Between post-16 institutions", move.year,
                                       deadlines.post16_transfer_deadline(move))
    setting = case.child.current_setting
    transfer = deadlines.next_phase_transfer(case.child.nc_year(on=on), on,
                                             infant_school=bool(setting and setting.phase == SettingPhase.INFANT))
    if transfer and transfer.transfer_year == school_year_start(on) + 1:
        return transfer
    return None


def amended_plan_due_for(review: AnnualReview) -> dt.date | None:
    """Reg 22(3) and Devon, and for a phase transfer never later than the reg 18 deadline."""
    if not review.decision_on or review.decision != "amend":
        return None
    due = deadlines.amended_plan_due(review.meeting_on, review.decision_on)
    transfer = phase_transfer_for(review.case, review.meeting_on)
    return min(due, transfer.deadline) if transfer and transfer.deadline >= review.meeting_on else due


def review_deadlines(review: AnnualReview, today: dt.date | None = None) -> list[DeadlineState]:
    """Every statutory date for one review, with how it stands today."""
    today = today or timezone.localdate()
    rows = [deadline_state("Review meeting held", review.due_on,
                           review.meeting_on if review.meeting_on and review.meeting_on <= today
                           and review.status != AnnualReview.Status.INVITED else None, today)]
    if review.meeting_on:
        meeting = review.meeting_on
        rows += [
            deadline_state("Invitations sent (2 weeks' notice)", deadlines.review_invitations_by(meeting),
                           review.invitations_sent_on, today),
            deadline_state("Advice circulated", deadlines.review_advice_circulated_by(meeting),
                           review.advice_circulated_on, today),
            deadline_state("Report of the meeting", deadlines.review_report_due(meeting),
                           review.report_submitted_on, today),
            deadline_state("Council's decision", deadlines.review_decision_due(meeting), review.decision_on, today),
        ]
    if review.amendment_id:
        rows.append(deadline_state("Family's response to the proposed amendments",
                                   review.amendment.comments_close_on, None, today)
                    if review.status == AnnualReview.Status.AMENDING else None)
        rows.append(deadline_state("Amended plan issued", amended_plan_due_for(review),
                                   review.amended_plan.issued_on if review.amended_plan_id else None, today))
    return [row for row in rows if row is not None]


@dataclass(frozen=True)
class TowerRow:
    case: EHCCase
    review: AnnualReview | None
    due_on: dt.date | None
    status: str
    overdue: bool
    next_deadline: DeadlineState | None
    transfer: deadlines.PhaseTransfer | None

    @property
    def status_label(self) -> str:
        return TowerStatus.LABELS[self.status]

    @property
    def colour(self) -> str:
        return TowerStatus.COLOURS[self.status]


def tower_status(case: EHCCase, today: dt.date) -> tuple[str, AnnualReview | None, dt.date | None, bool]:
    current = open_review(case)
    due = next_review_due(case)
    if current is None:
        last = last_complete_review(case)
        if due and due - today <= DUE_SOON:
            return TowerStatus.DUE_SOON, last, due, due < today
        return (TowerStatus.COMPLETE if last else TowerStatus.NOT_YET_DUE), last, due, False
    status = current.status
    if status == AnnualReview.Status.NOT_ARRANGED:
        if due - today <= DUE_SOON:
            return TowerStatus.DUE_SOON, current, due, due < today
        return TowerStatus.NOT_YET_DUE, current, due, False
    if status == AnnualReview.Status.INVITED:
        if today > deadlines.review_report_due(current.meeting_on):
            return TowerStatus.REPORT_OVERDUE, current, due, True
        return TowerStatus.INVITED, current, due, current.meeting_on > due and today > due
    if status == AnnualReview.Status.MEETING_HELD:
        overdue = today > deadlines.review_report_due(current.meeting_on)
        return (TowerStatus.REPORT_OVERDUE if overdue else TowerStatus.MEETING_HELD), current, due, overdue
    if status == AnnualReview.Status.REPORT_SUBMITTED:
        overdue = today > deadlines.review_decision_due(current.meeting_on)
        return (TowerStatus.DECISION_OVERDUE if overdue else TowerStatus.MEETING_HELD), current, due, overdue
    return TowerStatus.AMENDING, current, due, today > amended_plan_due_for(current)


# The dates that still matter at each step: a step already passed is history, not the next thing to chase.
_DATES_THAT_MATTER = {
    AnnualReview.Status.NOT_ARRANGED: {"Review meeting held"},
    AnnualReview.Status.INVITED: {"Advice circulated", "Review meeting held", "Report of the meeting"},
    AnnualReview.Status.MEETING_HELD: {"Report of the meeting"},
    AnnualReview.Status.REPORT_SUBMITTED: {"Council's decision"},
    AnnualReview.Status.AMENDING: {"Family's response to the proposed amendments", "Amended plan issued"},
    AnnualReview.Status.COMPLETE: set(),
}


def _row(case: EHCCase, today: dt.date) -> TowerRow:
    status, review, due, overdue = tower_status(case, today)
    pending = [row for row in review_deadlines(review, today)
               if row.met_on is None and row.label in _DATES_THAT_MATTER[review.status]] if review else []
    if not pending and due:
        pending = [deadline_state("Review meeting held", due, None, today)]
    return TowerRow(case, review, due, status, overdue, min(pending, key=lambda row: row.due) if pending else None,
                    phase_transfer_for(case, today))


def review_tower(user, *, status: str = "", school=None, district=None, team=None, transfer_year: int | None = None,
                 overdue: bool = False, today: dt.date | None = None) -> list[TowerRow]:
    """Every maintained plan the council holds, with its review status, soonest deadline first."""
    today = today or timezone.localdate()
    cases = _maintained(visible_to(user, CHANGE_CASE, _cases())).select_related("child__current_setting")
    if school:
        cases = cases.filter(Q(child__current_setting=school) | Q(reviews__run_by_school=school)).distinct()
    if district:
        cases = cases.filter(child__current_setting__district=district)
    if team:
        caseworkers = Membership.objects.filter(organisation=team, ended_at__isnull=True).values("user")
        cases = cases.filter(caseworker__in=caseworkers)
    rows = [_row(case, today) for case in cases]
    if status:
        rows = [row for row in rows if row.status == status]
    if overdue:
        rows = [row for row in rows if row.overdue]
    if transfer_year:
        rows = [row for row in rows if row.transfer and row.transfer.transfer_year == transfer_year]
    far = today + dt.timedelta(days=36500)
    return sorted(rows, key=lambda row: (row.next_deadline.due if row.next_deadline else far, row.case.reference))


@dataclass(frozen=True)
class TransferRow:
    case: EHCCase
    transfer: deadlines.PhaseTransfer
    review_held: bool
    consulted: bool
    named: bool
    issued: bool
    placement: object
    days_left: int
    warn: bool


def phase_transfers(user, today: dt.date | None = None) -> list[TransferRow]:
    """Every child with a plan who moves to a new phase at the end of this school year (reg 18), and how far the
    plan has got: from the autumn term anything not done by the deadline is flagged."""
    today = today or timezone.localdate()
    year_start = dt.date(school_year_start(today), 9, 1)
    cases = _maintained(visible_to(user, CHANGE_CASE, _cases())).prefetch_related("consultations")
    rows = []
    for case in cases:
        transfer = phase_transfer_for(case, today)
        if transfer is None:
            continue
        this_year = [review for review in _reviews(case) if review.meeting_on and review.meeting_on >= year_start]
        held = any(review.status not in (AnnualReview.Status.NOT_ARRANGED, AnnualReview.Status.INVITED)
                   for review in this_year)
        consulted = any(consultation.sent_on >= year_start for consultation in case.consultations.all())
        final = final_plan(case)
        issued = bool(final and final.issued_on and final.issued_on >= year_start and any(
            review.amended_plan_id == final.pk for review in this_year))
        named = issued and final.placement_id is not None
        rows.append(TransferRow(case, transfer, held, consulted, named, issued,
                                final.placement if named else None, (transfer.deadline - today).days,
                                warn=not issued))
    return sorted(rows, key=lambda row: (row.transfer.deadline, row.issued, row.case.reference))


# --- Reaching a review ----------------------------------------------------------------------------------------

def review_case_for(user, pk) -> EHCCase:
    """The case's review page: anyone who may see the case."""
    return case_get_for(user, pk, purpose="review")


def may_run_review(user, case: EHCCase, review: AnnualReview | None) -> bool:
    """The council's caseworkers and managers, and the SENCO of the school running the review."""
    if visible_to(user, CHANGE_CASE, EHCCase.objects.filter(pk=case.pk)).exists():
        return True
    return review is not None and visible_to(user, RUN_REVIEW, AnnualReview.objects.filter(pk=review.pk)).exists()


def review_case_for_running(user, pk) -> EHCCase:
    """A case whose review this person may arrange and record; anyone else gets 404."""
    council = visible_to(user, CHANGE_CASE, EHCCase.objects.all())
    school = visible_to(user, RUN_REVIEW, AnnualReview.objects.exclude(status=AnnualReview.Status.COMPLETE))
    return get_from(user, _maintained(_cases()).filter(Q(pk__in=council.values("pk"))
                                                       | Q(pk__in=school.values("case"))),
                    purpose="run review", pk=pk)


def reviews_to_run(user) -> QuerySet[AnnualReview]:
    """Open reviews a school runs whose meeting is not yet recorded and reported, soonest due first."""
    return visible_to(user, RUN_REVIEW, AnnualReview.objects.select_related("case", "case__child")).filter(
        status__in=[AnnualReview.Status.NOT_ARRANGED, AnnualReview.Status.INVITED, AnnualReview.Status.MEETING_HELD]
    ).order_by("due_on", "pk")


def _contributions():
    return ReviewContribution.objects.select_related("review", "review__case", "review__case__child", "organisation")


def contributions_for(user) -> QuerySet[ReviewContribution]:
    """The review invitations addressed to this person or their organisation, open ones first."""
    return visible_to(user, CHANGE_CONTRIBUTION, _contributions()).order_by("submitted_on", "advice_due_on", "pk")


def contribution_get_for(user, pk) -> ReviewContribution:
    return get_from(user, contributions_for(user), purpose="review advice", pk=pk)


def circulated_advice(review: AnnualReview) -> list[ReviewContribution]:
    return list(review.contributions.filter(submitted_on__isnull=False).select_related("organisation"))


# --- Reminders ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ReviewReminder:
    case: EHCCase
    review: AnnualReview | None
    kind: str
    due_on: dt.date

    LABELS = {
        "review_due": "the review is due within 10 weeks",
        "invitations_not_sent": "the review meeting has not been arranged and the review is due within 4 weeks",
        "advice_missing": "advice for the review meeting is due to be circulated within 2 weeks",
        "report_overdue": "the report of the review meeting is overdue",
        "decision_due": "the council's decision after the review meeting is due within a week",
        "amended_plan_due": "the amended plan is due within 2 weeks",
        "phase_transfer": "the amended plan for a phase transfer is due",
    }

    @property
    def label(self) -> str:
        return self.LABELS[self.kind]


def review_reminders_due(today: dt.date) -> list[ReviewReminder]:
    """Which reminders today's date calls for. Each is sent once: the key includes the date it is about."""
    reminders = []
    for case in _maintained(_cases()).select_related("child__current_setting"):
        review = open_review(case)
        due = next_review_due(case)
        if due is None:
            continue
        not_arranged = review is None or review.status == AnnualReview.Status.NOT_ARRANGED
        if not_arranged and due - today <= DUE_SOON:
            reminders.append(ReviewReminder(case, review, "review_due", due))
        if not_arranged and due - today <= dt.timedelta(weeks=4):
            reminders.append(ReviewReminder(case, review, "invitations_not_sent", due))
        if review is None or not_arranged:
            transfer = phase_transfer_for(case, today)
            if transfer and school_year_start(today) == today.year:  # from the autumn term
                reminders.append(ReviewReminder(case, review, "phase_transfer", transfer.deadline))
            continue
        meeting = review.meeting_on
        if review.status == AnnualReview.Status.INVITED:
            circulate_by = deadlines.review_advice_circulated_by(meeting)
            if today >= circulate_by - dt.timedelta(days=7) and not review.advice_circulated_on:
                reminders.append(ReviewReminder(case, review, "advice_missing", circulate_by))
        if review.status in (AnnualReview.Status.INVITED, AnnualReview.Status.MEETING_HELD) \
                and today > deadlines.review_report_due(meeting):
            reminders.append(ReviewReminder(case, review, "report_overdue", deadlines.review_report_due(meeting)))
        if review.status == AnnualReview.Status.REPORT_SUBMITTED \
                and today >= deadlines.review_decision_due(meeting) - dt.timedelta(days=7):
            reminders.append(ReviewReminder(case, review, "decision_due", deadlines.review_decision_due(meeting)))
        if review.status == AnnualReview.Status.AMENDING:
            amended_due = amended_plan_due_for(review)
            if today >= amended_due - dt.timedelta(weeks=2):
                reminders.append(ReviewReminder(case, review, "amended_plan_due", amended_due))
    return reminders


def ceasing_appeal_deadline(proposal) -> dt.date | None:
    """The last day to appeal against a decision to cease, when it can be appealed: 2 months from the decision, or
    1 month from a mediation certificate about it if that is later."""
    from ..models import Disagreement

    if proposal.decided_on is None or proposal.status == "continuing" or not proposal.appealable:
        return None
    record = proposal.case.disagreements.filter(decision=Disagreement.Decision.CEASE,
                                                decision_sent_on=proposal.decided_on).first()
    return deadlines.appeal_deadline(proposal.decided_on, record.certificate_on if record else None)


def personal_budget_requestable(case: EHCCase) -> bool:
    from ..services.budgets import _when_requestable

    try:
        _when_requestable(case)
    except ValidationError:
        return False
    return not case.personal_budgets.filter(status__in=["requested", "review_requested"]).exists()


def council_for(user):
    """The council a caseworker or manager works for: the one their team belongs to."""
    for membership in Membership.objects.filter(user=user, ended_at__isnull=True).select_related(
            "organisation", "organisation__parent"):
        organisation = membership.organisation
        if organisation.kind == OrganisationKind.LOCAL_AUTHORITY:
            return organisation
        if organisation.parent and organisation.parent.kind == OrganisationKind.LOCAL_AUTHORITY:
            return organisation.parent
    raise Http404("You do not work for a council.")


def children_for_transfer_in(user):
    """Children on this council's register who have no plan it maintains in the portal."""
    return visible_to(user, CHANGE_CHILD, Child.objects.all()).exclude(
        ehc_cases__stage=Stage.FINAL_ISSUED).order_by("family_name", "given_name")


def notice_addressees(case: EHCCase) -> list:
    """Who a letter about the case is addressed to: the people who hold the right to decide."""
    from send_portal.people.selectors import notice_recipients

    return notice_recipients(case.child)


def correspondence(case: EHCCase) -> dict:
    """The case's letters, newest first, and every issued version of the plan with its PDF."""
    versions = case.plan_versions.filter(issued_on__isnull=False).order_by("-number")
    return {"letters": list(case.letters.all()), "plan_versions": list(versions)}
