"""Reads for provider self-service, moderation and listing reviews.

Everything a provider sees is scoped to the directory organisations linked to the portal organisations where
they are an active provider (or a SENCO, for a school's own listing). Moderators see the whole queue.
"""

import datetime as dt

from django.db.models import Q, QuerySet

from send_portal.organisations.models import Membership, Role
from send_portal.organisations.selectors import organisations_for

from ..models import AttendingType, DirectoryOrganisation, Service, ServiceProposal, Taxonomy, TaxonomyTerm
from ..questions import LOCAL_OFFER_QUESTIONS, SETTING_QUESTIONS
from ..schedules import schedule_in_words

__all__ = [
    "local_offer_team_summary",
    "keeper_emails", "keeper_portal_organisations", "keeper_directory_organisations", "services_kept_by",
    "proposals_kept_by", "moderation_queue", "proposal_is_stale", "proposal_changes", "schedule_words",
    "provider_listing_rows", "services_due_for_review", "services_editable_by", "MANAGE_STATES",
    "listings_for_management",
]

KEEPER_ROLES = (Role.PROVIDER, Role.SENCO)


def local_offer_team_summary(*, today: dt.date) -> dict:
    """What is waiting for the council's Local Offer team, for their home page."""
    from .feedback import feedback_for_triage

    listings = Service.objects.filter(source__isnull=True)
    return {
        "proposals": ServiceProposal.objects.filter(status=ServiceProposal.Status.PENDING).count(),
        "feedback": feedback_for_triage(status="new").count(),
        "overdue": listings.filter(visibility=Service.Visibility.PUBLISHED, review_due_on__lt=today).count(),
        "hidden": listings.filter(visibility=Service.Visibility.HIDDEN).count(),
    }


def keeper_portal_organisations(user):
    return organisations_for(user, *KEEPER_ROLES).filter(is_active=True)


def keeper_directory_organisations(user) -> QuerySet[DirectoryOrganisation]:
    return DirectoryOrganisation.objects.filter(portal_organisation__in=keeper_portal_organisations(user))


def services_kept_by(user) -> QuerySet[Service]:
    """Listings the person keeps. Imported out-of-area listings belong to their feed, not to a local keeper."""
    return (Service.objects.filter(organisation__in=keeper_directory_organisations(user), source__isnull=True)
            .select_related("organisation"))


def services_editable_by(user) -> QuerySet[Service]:
    """Listings the person may change or confirm. A listing the council withdrew stays down until the council
    republishes it, so its keepers cannot bring it back by editing or confirming it."""
    return services_kept_by(user).exclude(visibility=Service.Visibility.WITHDRAWN)


def proposals_kept_by(user) -> QuerySet[ServiceProposal]:
    return (ServiceProposal.objects.filter(organisation__in=keeper_directory_organisations(user))
            .select_related("organisation", "service"))


def keeper_emails(organisation: DirectoryOrganisation) -> list[str]:
    """Who is told about a listing: the active providers (and SENCOs) of the linked portal organisation, or the
    directory organisation's own address when nobody there has an account."""
    emails = set()
    if organisation.portal_organisation_id:
        emails = set(Membership.objects.filter(
            organisation_id=organisation.portal_organisation_id, role__in=KEEPER_ROLES, ended_at__isnull=True,
            user__is_active=True).values_list("user__email", flat=True))
    if not emails and organisation.email:
        emails = {organisation.email}
    return sorted(emails - {""})


def moderation_queue() -> QuerySet[ServiceProposal]:
    return (ServiceProposal.objects.filter(status=ServiceProposal.Status.PENDING)
            .select_related("organisation", "service", "proposed_by").order_by("proposed_at"))


def proposal_is_stale(proposal: ServiceProposal) -> bool:
    """True when the published listing changed after the provider started from it."""
    from ..services.listings import listing_snapshot

    if proposal.service_id is None:
        return False
    return (proposal.base or {}) != listing_snapshot(proposal.service)


def provider_listing_rows(user, *, today: dt.date) -> list[dict]:
    """The "Your listings" dashboard: each listing with its review date, warnings and any pending proposal,
    then proposed new services."""
    pending = {p.service_id: p for p in proposals_kept_by(user).filter(status=ServiceProposal.Status.PENDING,
                                                                        service__isnull=False)}
    rows = []
    for service in services_kept_by(user).exclude(visibility=Service.Visibility.WITHDRAWN):
        rows.append({
            "service": service, "proposal": pending.get(service.pk),
            "review_overdue": bool(service.review_due_on and service.review_due_on < today),
            "review_soon": bool(service.review_due_on and today <= service.review_due_on
                                <= today + dt.timedelta(days=28)),
        })
    return rows


# What the moderator reads: each field's label, in the order the provider's form asks.
SCALAR_LABELS = [
    ("name", "Name"), ("description", "Description"), ("url", "Website"), ("email", "Email address"),
    ("phone", "Phone number"), ("status", "Status"), ("alert", "Notice at the top of the page"),
    ("minimum_age", "Youngest age"), ("maximum_age", "Oldest age"), ("is_free", "Free"),
    ("fees_description", "Fees"), ("offers_in_person", "In person"), ("offers_online", "Online"),
    ("offers_phone", "By phone"), ("application_process", "How to start"), ("referral_needed", "Referral needed"),
    ("eligibility_description", "Who can use it"),
]
PURPOSE_LABELS = [
    (Taxonomy.Purpose.CATEGORIES, "Categories"), (Taxonomy.Purpose.NEEDS, "Needs supported"),
    (Taxonomy.Purpose.AUDIENCES, "Who it is for"), (Taxonomy.Purpose.OTHER, "Other classifications"),
    (Taxonomy.Purpose.ACCESSIBILITY, "Accessibility features"),
]
def schedule_words(schedule: dict) -> str:
    """A schedule snapshot in plain words, with how people attend, for the moderator's comparison."""
    attending = dict(AttendingType.choices).get(schedule.get("attending_type") or "in_person", "")
    return f"{schedule_in_words(**schedule) or 'No days given'} ({attending.lower()})"


def _value_words(name: str, value) -> str:
    if value in (None, "", [], {}):
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if name == "status":
        return dict(Service.Status.choices).get(value, value)
    return str(value)


def _term_names(ids, names: dict) -> list[str]:
    return sorted(names.get(str(pk), "A term that no longer exists") for pk in ids or [])


def _location_lines(location: dict, names: dict) -> list[str]:
    address = ", ".join(part for part in (location.get("address_1"), location.get("address_2"),
                                          location.get("city"), location.get("postcode")) if part)
    lines = [location.get("name") or "A location"]
    if address:
        lines.append(address)
    if location.get("description"):
        lines.append(location["description"])
    features = _term_names(location.get("accessibility"), names)
    if features:
        lines.append("Accessibility: " + ", ".join(features))
    if location.get("accessibility_description"):
        lines.append(location["accessibility_description"])
    lines.extend("When: " + schedule_words(s) for s in location.get("schedules") or [])
    return lines


def _list_lines(key: str, rows: list[dict], names: dict) -> list[list[str]]:
    """Each item of a repeating part as lines of text, so before and after can be read side by side."""
    if key == "locations":
        return [_location_lines(row, names) for row in rows]
    if key == "schedules":
        return [[schedule_words(row)] for row in rows]
    if key == "cost_options":
        return [[" ".join(part for part in (row.get("option"), f"£{row['amount']}" if row.get("amount") else "",
                                            row.get("amount_description")) if part)] for row in rows]
    if key == "contacts":
        return [[", ".join(part for part in (row.get("name"), row.get("title"), row.get("email"), row.get("phone"))
                           if part)] for row in rows]
    if key == "languages":
        return [[row.get("name", "")] for row in rows]
    return [[", ".join(str(v) for v in row.values() if v)] for row in rows]


LIST_LABELS = [("locations", "Where"), ("schedules", "When (the whole service)"), ("cost_options", "Costs"),
               ("contacts", "Contacts"), ("languages", "Languages"), ("service_areas", "Areas covered")]


def proposal_changes(before: dict, after: dict) -> list[dict]:
    """Every part of a listing that differs between two snapshots, as rows with a label and the before and
    after values as lists of lines (a list of items for repeating parts). Term ids become term names."""
    before, after = before or {}, after or {}
    term_ids = set(before.get("terms") or []) | set(after.get("terms") or [])
    for snapshot in (before, after):
        for location in snapshot.get("locations") or []:
            term_ids |= set(location.get("accessibility") or [])
    terms = {str(t.pk): t for t in TaxonomyTerm.objects.filter(pk__in=[pk for pk in term_ids if _is_uuid(pk)])
             .select_related("taxonomy")}
    names = {pk: term.name for pk, term in terms.items()}
    rows = []
    for name, label in SCALAR_LABELS:
        old, new = _value_words(name, before.get(name)), _value_words(name, after.get(name))
        if old != new:
            rows.append({"label": label, "before": [[old]] if old else [], "after": [[new]] if new else []})
    for purpose, label in PURPOSE_LABELS:
        def in_purpose(ids, purpose=purpose):
            return [pk for pk in ids or [] if (terms.get(str(pk)) and terms[str(pk)].taxonomy.purpose == purpose)
                    or (purpose == Taxonomy.Purpose.OTHER and str(pk) not in terms)]
        old = _term_names(in_purpose(before.get("terms")), names)
        new = _term_names(in_purpose(after.get("terms")), names)
        if old != new:
            rows.append({"label": label, "before": [[", ".join(old)]] if old else [],
                         "after": [[", ".join(new)]] if new else []})
    for key, questions in (("local_offer_answers", LOCAL_OFFER_QUESTIONS), ("setting_information", SETTING_QUESTIONS)):
        old_answers, new_answers = before.get(key) or {}, after.get(key) or {}
        for question_key, label in questions:
            old, new = old_answers.get(question_key) or "", new_answers.get(question_key) or ""
            if old != new:
                rows.append({"label": label, "before": [[old]] if old else [], "after": [[new]] if new else []})
    for key, label in LIST_LABELS:
        old, new = before.get(key) or [], after.get(key) or []
        if old != new:
            rows.append({"label": label, "before": _list_lines(key, old, names), "after": _list_lines(key, new, names)})
    return rows


def _is_uuid(value) -> bool:
    import uuid

    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def services_due_for_review(*, today: dt.date) -> QuerySet[Service]:
    """Listings the daily review job looks at: local listings due within the first reminder window, overdue,
    or already hidden. Listings further off are skipped, so the job's cost follows what is due rather than the
    size of the directory."""
    from ..services.reviews import REMINDER_DAYS

    horizon = today + dt.timedelta(days=max(REMINDER_DAYS))
    return (Service.objects.filter(source__isnull=True, review_due_on__isnull=False)
            .filter(Q(visibility=Service.Visibility.PUBLISHED, review_due_on__lte=horizon)
                    | Q(visibility=Service.Visibility.HIDDEN))
            .select_related("organisation"))


# The Local Offer team's listings page: which listings each filter shows.
MANAGE_STATES = [
    ("attention", "Needing attention: overdue, flagged or hidden"), ("overdue", "Overdue for review"),
    ("flagged", "Flagged"), ("hidden", "Hidden"), ("withdrawn", "Withdrawn by the council"),
    ("published", "All published"),
]


def listings_for_management(*, state: str, today: dt.date, query: str = "") -> QuerySet[Service]:
    """Local listings for the Local Offer team, filtered by state and optionally by name or organisation."""
    published = Q(visibility=Service.Visibility.PUBLISHED)
    overdue = published & Q(review_due_on__lt=today)
    flagged = published & Q(review_flagged_on__isnull=False)
    hidden = Q(visibility=Service.Visibility.HIDDEN)
    condition = {
        "overdue": overdue, "flagged": flagged, "hidden": hidden,
        "withdrawn": Q(visibility=Service.Visibility.WITHDRAWN), "published": published,
    }.get(state, overdue | flagged | hidden)
    listings = Service.objects.filter(source__isnull=True).filter(condition)
    if query:
        listings = listings.filter(Q(name__icontains=query) | Q(organisation__name__icontains=query))
    return listings.select_related("organisation").order_by("review_due_on", "name", "pk")
