import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from send_portal.core.access import get_from, visible_to
from send_portal.people.models import Child
from send_portal.people.selectors import VIEW_CHILD

from .. import deadlines, quality
from ..models import (
    NEED_SECTIONS,
    PROVISION_SECTIONS,
    AdviceRequest,
    AdviceStatus,
    EHCCase,
    PlanVersion,
    Stage,
    TimeLimit,
    TimeLimitException,
)
from ..timeliness import DeadlineState, deadline_state

VIEW_CASE = "ehc.view_ehccase"
CHANGE_CASE = "ehc.change_ehccase"
DECIDE_CASE = "ehc.decide_ehccase"


def _cases():
    return EHCCase.objects.select_related("child", "child__current_setting", "child__current_setting__district",
                                          "local_authority", "requesting_setting", "caseworker", "requested_by",
                                          "transfer_out")


def cases_visible_to(user) -> QuerySet[EHCCase]:
    """Cases about children whose record the person can see, and cases shared with them directly.
    A draft is seen only by the person writing it."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return EHCCase.objects.none()
    children = visible_to(user, VIEW_CHILD, Child.objects.all())
    shared = visible_to(user, VIEW_CASE, EHCCase.objects.all())
    return _cases().filter(
        (Q(child__in=children) | Q(pk__in=shared.values("pk"))) & (~Q(stage=Stage.DRAFT) | Q(requested_by=user))
    )


def case_get_for(user, pk, *, purpose: str = "view") -> EHCCase:
    return get_from(user, cases_visible_to(user), purpose=purpose, pk=pk)


def case_get_for_change(user, pk, *, perm: str = CHANGE_CASE, purpose: str = "edit") -> EHCCase:
    return get_from(user, visible_to(user, perm, _cases()), purpose=purpose, pk=pk)


def draft_get_for(user, pk) -> EHCCase:
    return get_from(user, _cases().filter(stage=Stage.DRAFT, requested_by=user), purpose="edit", pk=pk)


def user_may(user, perm: str, case: EHCCase) -> bool:
    return visible_to(user, perm, EHCCase.objects.filter(pk=case.pk)).exists()


def exceptions_for(case: EHCCase, time_limit: str) -> list[TimeLimitException]:
    return [exception for exception in case.exceptions.all() if exception.time_limit == time_limit]


def case_deadlines(case: EHCCase, today: dt.date | None = None) -> list[DeadlineState]:
    """Every statutory date that applies to the case now, with how it stands."""
    if case.received_on is None:
        return []
    today = today or timezone.localdate()
    if case.transferred_in_on:
        # Made by another council: only the transfer's own time limit applies here (reg 15(4)).
        return [deadline_state("Tell the family the plan has transferred",
                               deadlines.transfer_notice_due(case.transferred_in_on), case.transfer_notice_sent_on,
                               today)]
    received = case.received_on
    # A re-assessment (regs 26-27) starts with the council's notice that it will re-assess, and its final plan is due
    # 14 weeks from that notice instead of 20 weeks from a request.
    reassessing = case.reassessment_of_id is not None
    rows = [] if reassessing else [deadline_state(
        "Decision whether to assess", deadlines.decision_to_assess_due(received), case.decision_to_assess_on, today,
        bool(exceptions_for(case, TimeLimit.DECISION_TO_ASSESS)),
    )]
    rows += [deadline_state("Decision whether to re-assess", deadlines.reassessment_decision_due(request.requested_on),
                            request.decided_on, today) for request in case.reassessment_requests.all()]
    if not reassessing and case.stage in (Stage.ASSESSING, Stage.DRAFTING, Stage.DRAFT_SERVED, Stage.NOT_ISSUING,
                                          Stage.FINAL_ISSUED):
        rows.append(deadline_state("Decision whether to issue a plan", deadlines.decision_to_issue_due(received),
                                   case.decision_to_issue_on, today,
                                   bool(exceptions_for(case, TimeLimit.DECISION_TO_ISSUE))))
    if case.stage == Stage.DRAFT_SERVED:
        served = _newest_version(case, PlanVersion.Status.SERVED)
        if served:
            rows.append(deadline_state("Family's comments on the draft plan", served.comments_close_on, None, today))
    if case.stage in (Stage.ASSESSING, Stage.DRAFTING, Stage.DRAFT_SERVED, Stage.FINAL_ISSUED):
        label, due = (("Final plan after re-assessment", deadlines.reassessment_final_plan_due(received))
                      if reassessing else ("Final plan", deadlines.final_plan_due(received)))
        rows.append(deadline_state(label, due, plan_made_on(case), today,
                                   bool(exceptions_for(case, TimeLimit.FINAL_PLAN))))
    transfer = getattr(case, "transfer_out", None)
    if transfer is not None:
        rows.append(deadline_state(f"Send the plan to {transfer.to_name}", transfer.due_on, transfer.sent_on, today))
    for record in case.disagreements.all():
        rows += [deadline_state(f"Tribunal order: {label}", due, done, today)
                 for label, due, done in tribunal_order_steps(record)]
    return rows


def tribunal_order_steps(record) -> list[tuple[str, dt.date, dt.date | None]]:
    """What a tribunal order requires of the council, by when, and when each was done (reg 44). After an order to
    assess, the council either tells the family no plan will be issued or issues one: once either is done, the
    other no longer applies."""
    if not record.order:
        return []
    steps = [(label, due, dt.date.fromisoformat(record.order_steps_done[str(step)])
              if str(step) in record.order_steps_done else None)
             for step, (label, due) in enumerate(deadlines.tribunal_order_due_dates(record.order_sent_on,
                                                                                    record.order))]
    if record.order == "assess" and (steps[1][2] or steps[2][2]):
        steps = [step for step in steps if step[2] or step is steps[0]]
    return steps


def next_deadline(case: EHCCase, today: dt.date | None = None) -> DeadlineState | None:
    pending = [row for row in case_deadlines(case, today) if row.met_on is None]
    return min(pending, key=lambda row: row.due) if pending else None


def work_tray(user, *, stage="", setting=None, district=None, overdue=False, with_exceptions=False,
              today: dt.date | None = None) -> list[tuple[EHCCase, DeadlineState | None]]:
    """The council's open cases, soonest statutory deadline first."""
    today = today or timezone.localdate()
    cases = visible_to(user, CHANGE_CASE, _cases()).exclude(stage__in=[Stage.DRAFT, Stage.WITHDRAWN])
    cases = cases.prefetch_related("exceptions", "plan_versions", "disagreements", "reassessment_requests")
    if stage:
        cases = cases.filter(stage=stage)
    if setting:
        cases = cases.filter(child__current_setting=setting)
    if district:
        cases = cases.filter(child__current_setting__district=district)
    if with_exceptions:
        cases = cases.filter(Exists(TimeLimitException.objects.filter(case=OuterRef("pk"))))
    rows = [(case, next_deadline(case, today)) for case in cases]
    if overdue:
        rows = [(case, nxt) for case, nxt in rows if nxt and nxt.status == "Overdue"]
    far_future = today + dt.timedelta(days=36500)
    return sorted(rows, key=lambda row: (row[1].due if row[1] else far_future, row[0].reference))


def timeline(case: EHCCase, *, for_family: bool):
    events = case.events.select_related("actor")
    return events.filter(visible_to_family=True) if for_family else events


def eligible_children_for_request(user) -> QuerySet[Child]:
    """Children a person may ask for an assessment for: a SENCO's pupils; a parent's children with parental
    responsibility; a young person's own record."""
    from send_portal.organisations.models import Role
    from send_portal.organisations.selectors import organisations_for

    children = Child.objects.none()
    schools = organisations_for(user, Role.SENCO)
    if schools.exists():
        children = Child.objects.filter(current_setting__in=schools)
    family = Child.objects.filter(
        Q(family_links__user=user, family_links__ended_at__isnull=True)
        & (Q(family_links__has_parental_responsibility=True) | Q(family_links__relationship="self"))
    )
    return (children | family).distinct().order_by("family_name", "given_name")


CHANGE_ADVICE = "ehc.change_advicerequest"


def _advice():
    return AdviceRequest.objects.select_related("case", "case__child", "organisation", "written_by")


def advice_tray(user) -> QuerySet[AdviceRequest]:
    """What an adviser's organisation has been asked for, soonest due first."""
    return visible_to(user, CHANGE_ADVICE, _advice()).exclude(case__stage=Stage.WITHDRAWN).order_by("due_on", "pk")


def advice_get_for_adviser(user, pk) -> AdviceRequest:
    return get_from(user, visible_to(user, CHANGE_ADVICE, _advice()), purpose="advise", pk=pk)


def advice_get_for_council(user, pk) -> AdviceRequest:
    cases = visible_to(user, CHANGE_CASE, EHCCase.objects.all())
    return get_from(user, _advice().filter(case__in=cases), purpose="review advice", pk=pk)


def advice_state(advice: AdviceRequest, today: dt.date | None = None) -> DeadlineState:
    met_on = advice.submitted_on if advice.status in (AdviceStatus.SUBMITTED, AdviceStatus.ACCEPTED) else None
    return deadline_state(advice.get_kind_display(), advice.due_on, met_on, today or timezone.localdate(),
                          bool(exceptions_for(advice.case, TimeLimit.ADVICE)))


def advice_timeliness_by_partner(user) -> list[dict]:
    """For each organisation asked for advice on the council's cases: how much came back within 6 weeks."""
    cases = visible_to(user, CHANGE_CASE, EHCCase.objects.all())
    rows = {}
    for advice in _advice().filter(case__in=cases):
        row = rows.setdefault(advice.organisation, {"organisation": advice.organisation, "requested": 0,
                                                   "on_time": 0, "late": 0, "overdue": 0})
        row["requested"] += 1
        status = advice_state(advice).status
        if status == "Met":
            row["on_time"] += 1
        elif status == "Met late":
            row["late"] += 1
        elif status == "Overdue":
            row["overdue"] += 1
    return sorted(rows.values(), key=lambda row: row["organisation"].name)


def current_plan(case: EHCCase, *, for_family: bool = False):
    """The version staff work on (the newest), or for families the newest they have been sent."""
    versions = case.plan_versions.order_by("-number")
    if for_family:
        versions = versions.exclude(status=PlanVersion.Status.EDITING)
    return versions.first()


def plan_parts(version: PlanVersion):
    needs = list(version.needs.all())
    outcomes = list(version.outcomes.prefetch_related("needs"))
    provision = list(version.provision.prefetch_related("needs", "outcomes"))
    return needs, outcomes, provision


def need_ref(need) -> str:
    return f"{need.section}{need.order}"


def plan_problems(version: PlanVersion) -> list[str]:
    needs, outcomes, provision = plan_parts(version)
    return quality.problems(
        [quality.Need(need_ref(need), need.text) for need in needs],
        [quality.Outcome(f"E{outcome.order}", outcome.text, frozenset(need_ref(n) for n in outcome.needs.all()),
                         outcome.preparing_for_adulthood) for outcome in outcomes],
        [quality.Provision(f"{item.section}{item.order}", item.section, item.what, item.who, item.how_often,
                           item.how_long, frozenset(need_ref(n) for n in item.needs.all())) for item in provision],
        version.case.child.nc_year(),
    ) + _budget_problems(version)


def _budget_problems(version: PlanVersion) -> list[str]:
    """Section J must set out any personal budget the council has agreed (SEND Regulations 2014 reg 12(1)(j))."""
    agreed = version.case.personal_budgets.filter(status="agreed").exists()
    if agreed and not version.personal_budget.strip():
        return ["The council has agreed a personal budget: set it out in section J"]
    return []


def plan_advice_list(case: EHCCase):
    """Section K: the advice and information gathered for the assessment."""
    return case.advice_requests.filter(status__in=[AdviceStatus.SUBMITTED, AdviceStatus.ACCEPTED]).select_related(
        "organisation").order_by("submitted_on")


def plan_as_text(version: PlanVersion) -> list[tuple[str, list[str]]]:
    """The plan section by section as plain lines, for comparing versions."""
    needs, outcomes, provision = plan_parts(version)
    sections = [("A", [version.views_interests_aspirations])]
    for section in NEED_SECTIONS:
        sections.append((section.value, [f"{need_ref(n)}: {n.text}" for n in needs if n.section == section]))
    sections.append(("E", [f"E{o.order}: {o.text}" + (" (preparing for adulthood)" if o.preparing_for_adulthood
                                                      else "") for o in outcomes]))
    for section in PROVISION_SECTIONS:
        sections.append((section.value, [
            f"{p.section}{p.order}: {p.what} Who: {p.who}. How often: {p.how_often}. How long: {p.how_long}."
            for p in provision if p.section == section]))
    sections.append(("I", [str(version.placement or version.placement_type or "")]))
    sections.append(("J", [version.personal_budget]))
    return sections


def plan_difference(older: PlanVersion, newer: PlanVersion) -> list[dict]:
    """A readable difference: for each section that changed, the lines removed and added."""
    import difflib

    changes = []
    for (section, old_lines), (_, new_lines) in zip(plan_as_text(older), plan_as_text(newer), strict=True):
        old_lines = [line for line in old_lines if line]
        new_lines = [line for line in new_lines if line]
        if old_lines == new_lines:
            continue
        diff = list(difflib.ndiff(old_lines, new_lines))
        changes.append({"section": section,
                        "removed": [line[2:] for line in diff if line.startswith("- ")],
                        "added": [line[2:] for line in diff if line.startswith("+ ")]})
    return changes


CHANGE_CONSULTATION = "ehc.change_consultation"


def consultations_for_setting(user) -> QuerySet:
    from ..models import Consultation

    return visible_to(user, CHANGE_CONSULTATION, Consultation.objects.select_related(
        "case", "case__child", "setting")).order_by("answer", "due_on")


def consultation_get_for_setting(user, pk):
    return get_from(user, consultations_for_setting(user), purpose="consultation", pk=pk)


def _newest_version(case: EHCCase, status: str):
    # Reads through .all() so that lists which prefetch plan_versions (the work tray, timeliness) make no extra query.
    versions = [version for version in case.plan_versions.all() if version.status == status]
    return max(versions, key=lambda version: version.number) if versions else None


def final_plan(case: EHCCase):
    return _newest_version(case, PlanVersion.Status.FINAL)


def plan_made_on(case: EHCCase) -> dt.date | None:
    """The date the plan was first made. Amended plans do not change it, so neither the 20-week measure nor the
    review clock moves when a plan is amended."""
    issued = [version.issued_on for version in case.plan_versions.all() if version.issued_on]
    return min(issued) if issued else None


def timeliness(user, *, since: dt.date | None = None) -> list[dict]:
    """How many decisions and plans met their time limit, counted both including and excluding cases where an
    exception applied (as SEN2 reports them)."""
    cases = visible_to(user, CHANGE_CASE, EHCCase.objects.filter(
        transferred_in_on__isnull=True, reassessment_of__isnull=True)).prefetch_related(
        "exceptions", "plan_versions")
    if since:
        cases = cases.filter(received_on__gte=since)
    measures = {
        TimeLimit.DECISION_TO_ASSESS: ("Decision whether to assess within 6 weeks", deadlines.decision_to_assess_due,
                                       lambda case: case.decision_to_assess_on),
        TimeLimit.FINAL_PLAN: ("Final plan within 20 weeks", deadlines.final_plan_due, plan_made_on),
    }
    rows = []
    for time_limit, (label, due, met_on) in measures.items():
        met = [(case, met_on(case)) for case in cases if case.received_on and met_on(case)]
        on_time = [case for case, when in met if when <= due(case.received_on)]
        without = [case for case, _ in met if not exceptions_for(case, time_limit)]
        on_time_without = [case for case in on_time if not exceptions_for(case, time_limit)]
        rows.append({
            "label": label, "count": len(met), "on_time": len(on_time),
            "including": _percent(len(on_time), len(met)),
            "count_excluding": len(without), "on_time_excluding": len(on_time_without),
            "excluding": _percent(len(on_time_without), len(without)),
        })
    return rows


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "None yet"


def document_get_for(user, pk):
    """A document anyone who can see its case may open; an adviser's own reports also to their organisation."""
    from ..models import Document

    visible = Q(case__in=cases_visible_to(user)) | Q(advice__in=visible_to(user, CHANGE_ADVICE,
                                                                         AdviceRequest.objects.all()))
    return get_from(user, Document.objects.select_related("case", "advice").filter(visible), purpose="download",
                    pk=pk)


def attention_get_for_sender(user, pk) -> EHCCase:
    from ..models import RequesterKind

    return get_from(user, EHCCase.objects.filter(requested_by=user, requester_kind=RequesterKind.PROFESSIONAL)
                    .select_related("local_authority"), purpose="confirmation", pk=pk)


def advice_still_to_request(case: EHCCase) -> list[str]:
    """The advice SEND Regulations 2014 reg 6(1) requires that has not been asked for yet, with preparing for
    adulthood advice from Year 9."""
    from ..models import AdviceKind

    required = [AdviceKind.FAMILY, AdviceKind.EDUCATION, AdviceKind.HEALTH, AdviceKind.PSYCHOLOGY,
                AdviceKind.SOCIAL_CARE]
    if case.child.nc_year() >= 9:
        required.append(AdviceKind.ADULTHOOD)
    asked = set(case.advice_requests.values_list("kind", flat=True))
    return [kind.label for kind in required if kind not in asked]
