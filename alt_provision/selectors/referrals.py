"""Reads for referrals to the alternative provision panel: who may see them, the five checks before triage, the
clerk's queue, and the papers the panel reads."""

import datetime as dt
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils import timezone

from send_portal.core.access import get_from
from send_portal.core.dates import govuk_date
from send_portal.panels.models import AgendaItem, ConflictDeclaration, Panel
from send_portal.panels.selectors import panels_clerked_by
from send_portal.people.selectors import children_visible_to

from ..models import PanelReferral, Tier
from .commissioning import age_band, commissioning_organisations_for

__all__ = [
    "REFERRAL_CHECKS", "RISK_ASSESSMENT_CURRENT_DAYS", "referral_missing", "referral_check_labels",
    "referral_panel_for", "referrals_visible_to", "referral_get_for", "referral_get_for_referrer",
    "referral_queue_for_clerk", "referral_get_for_clerk", "referral_conflicted", "referral_meeting_dates",
    "referral_is_editable", "referral_answer_overdue", "referral_papers",
    "referral_tier_choices", "referrals_due_follow_up", "referrals_answer_overdue",
]

# A risk assessment older than a school term is not current; the Code of Practice sets no period, so we chose one.
RISK_ASSESSMENT_CURRENT_DAYS = 91
Status = PanelReferral.Status
EDITABLE = (Status.SUBMITTED, Status.INCOMPLETE, Status.RETURNED)


@dataclass(frozen=True)
class Check:
    code: str
    label: str


REFERRAL_CHECKS = (
    Check("consent", "Signed consent from the parent, with the date and who signed"),
    Check("views", "The child's views and the parent's views"),
    Check("risk", f"A current risk assessment (dated within the last {RISK_ASSESSMENT_CURRENT_DAYS} days)"),
    Check("interventions", "Evidence of the interventions tried and their impact"),
    Check("lead", "A named lead professional, with how to contact them"),
)


def _present(*values) -> bool:
    return all(value and str(value).strip() for value in values)


def referral_missing(referral: PanelReferral, today: dt.date | None = None) -> list[str]:
    """The codes of the checks a referral fails, in the order above."""
    today = today or timezone.localdate()
    passed = {
        "consent": _present(referral.parent_consent_signed_on, referral.parent_consent_signed_by)
        and referral.parent_consent_signed_on <= today,
        "views": _present(referral.child_views, referral.parent_views),
        "risk": _present(referral.risk_assessment_on, referral.risk_assessment_summary)
        and today - dt.timedelta(days=RISK_ASSESSMENT_CURRENT_DAYS) <= referral.risk_assessment_on <= today,
        "interventions": _present(referral.interventions),
        "lead": _present(referral.lead_professional, referral.lead_professional_contact),
    }
    return [check.code for check in REFERRAL_CHECKS if not passed[check.code]]


def referral_check_labels(codes) -> list[str]:
    labels = {check.code: check.label for check in REFERRAL_CHECKS}
    return [labels[code] for code in codes if code in labels]


def referral_panel_for(child) -> Panel | None:
    """The alternative provision panel of the child's home council."""
    return (Panel.objects.filter(local_authority_id=child.home_local_authority_id, is_active=True,
                                 purpose=Panel.Purpose.ALTERNATIVE_PROVISION).order_by("pk").first())


def _base() -> QuerySet[PanelReferral]:
    return PanelReferral.objects.select_related("child", "referrer", "referred_by", "panel", "requirement")


def referrals_visible_to(user) -> QuerySet[PanelReferral]:
    """The referrer's organisation and the child's council (its commissioning officers) see a referral, as long as
    they may see the child."""
    organisations = commissioning_organisations_for(user)
    return _base().filter(Q(referrer__in=organisations) | Q(child__home_local_authority__in=organisations),
                          child__in=children_visible_to(user).order_by().values("pk"))


def referral_get_for(user, pk, *, purpose: str = "view") -> PanelReferral:
    return get_from(user, referrals_visible_to(user), purpose=purpose, pk=pk)


def referral_get_for_referrer(user, pk, *, purpose: str = "change") -> PanelReferral:
    """Only the organisation that made a referral changes or withdraws it; the child's council reads it."""
    return get_from(user, referrals_visible_to(user).filter(referrer__in=commissioning_organisations_for(user)),
                    purpose=purpose, pk=pk)


def referral_queue_for_clerk(user) -> QuerySet[PanelReferral]:
    """Every referral to the panels this person clerks: the clerk triages them before they reach an agenda."""
    return _base().filter(panel__in=panels_clerked_by(user))


def referral_get_for_clerk(user, pk, *, purpose: str = "view") -> PanelReferral:
    return get_from(user, referral_queue_for_clerk(user), purpose=purpose, pk=pk)


def referral_conflicted(user, referral: PanelReferral) -> bool:
    """Whether this person declared a conflict of interest in any panel item about the referral."""
    return ConflictDeclaration.objects.filter(
        member__user=user, item__content_type=ContentType.objects.get_for_model(PanelReferral),
        item__object_id=referral.pk).exists()


def referral_meeting_dates(referrals) -> dict[int, list[dt.date]]:
    """The dates of the meetings each referral has been on, oldest first, in one query for a whole list."""
    dates = {referral.pk: [] for referral in referrals}
    rows = (AgendaItem.objects.filter(content_type=ContentType.objects.get_for_model(PanelReferral),
                                      object_id__in=list(dates))
            .order_by("meeting__date").values_list("object_id", "meeting__date"))
    for referral_pk, day in rows:
        dates[referral_pk].append(day)
    return dates


def referral_is_editable(referral: PanelReferral) -> bool:
    return referral.status in EDITABLE


def referral_answer_overdue(referral: PanelReferral, today: dt.date | None = None) -> bool:
    return (referral.status in (Status.INCOMPLETE, Status.RETURNED) and referral.respond_by is not None
            and (today or timezone.localdate()) > referral.respond_by)


def referral_papers(referral: PanelReferral, today: dt.date | None = None) -> str:
    """What the panel reads: no name, date of birth or address; the year group and a two-year age band."""
    today = today or timezone.localdate()
    child = referral.child
    lines = [
        f"Referral {referral.reference} from {referral.referrer}, sent on "
        f"{govuk_date(timezone.localdate(referral.submitted_at))}.",
        f"Pupil: {child.nc_year_label}, aged {age_band(child.age(today))}.",
        f"Reason: {referral.get_reason_display()}.",
    ]
    if referral.requested_tier:
        lines.append(f"The referrer asks for: {referral.get_requested_tier_display()}.")
    lines += [
        "", "What is happening", referral.summary,
        "", "The child's views", referral.child_views,
        "", "The parent's views", referral.parent_views,
        "", f"Risk assessment ({govuk_date(referral.risk_assessment_on)})", referral.risk_assessment_summary,
        "", "Interventions tried and their impact", referral.interventions,
        "", "Lead professional", f"{referral.lead_professional} ({referral.lead_professional_contact})",
        # Who signed is left out: the papers name nobody.
        "", f"Signed parent consent: given on {govuk_date(referral.parent_consent_signed_on)}.",
    ]
    return "\n".join(str(line) for line in lines)


def referral_tier_choices() -> list[tuple[str, str]]:
    return list(Tier.choices)


def referrals_answer_overdue(today: dt.date) -> QuerySet[PanelReferral]:
    """Referrals sent back whose date to answer has passed."""
    return _base().filter(status__in=(Status.INCOMPLETE, Status.RETURNED), respond_by__lt=today)


def referrals_due_follow_up(today: dt.date, *, horizon_days: int = 14) -> QuerySet[PanelReferral]:
    """Approved referrals whose panel follow-up falls within the horizon and is not yet on an agenda."""
    return (_base().filter(status=Status.APPROVED, follow_up_on__isnull=False,
                           follow_up_on__lte=today + dt.timedelta(days=horizon_days))
            .filter(follow_up_on_agenda=False))
