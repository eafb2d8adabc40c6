"""What each role sees first: the things they need to do next."""

import datetime as dt

from django.db.models import Count
from django.utils import timezone

from ehc.selectors import (
    advice_state,
    advice_tray,
    cases_visible_to,
    consultations_for_setting,
    contributions_for,
    next_deadline,
    reviews_to_run,
    work_tray,
)
from local_offer import selectors as local_offer_selectors
from send_portal.invitations.models import Invitation
from send_portal.invitations.selectors import invitations_visible_to, organisations_user_can_invite_to
from send_portal.organisations.models import Organisation, OrganisationKind, Role
from send_portal.organisations.selectors import active_memberships, organisation_members, user_roles
from send_portal.people.models import Child
from send_portal.people.selectors import children_linked_to, children_visible_to


def home_context(user) -> dict:
    roles = user_roles(user)
    memberships = list(active_memberships(user))
    context = {"roles": roles, "memberships": memberships, "sections": []}
    if Role.PARENT_CARER in roles or Role.YOUNG_PERSON in roles or not roles:
        context["linked_children"] = list(children_linked_to(user))
        context["pending_invitations"] = [
            invitation for invitation in Invitation.objects.filter(email=user.email.lower(), accepted_at__isnull=True,
                                                                   revoked_at__isnull=True)
            if invitation.is_open
        ]
    if roles & {Role.SENCO, Role.LA_CASEWORKER, Role.LA_MANAGER}:
        visible = children_visible_to(user)
        context["children_count"] = visible.count()
        context["recent_children"] = list(visible.order_by("-created_at")[:5])
    if roles & {Role.LA_CASEWORKER, Role.LA_MANAGER}:
        tray = work_tray(user)
        context["tray_size"] = len(tray)
        context["tray_overdue"] = sum(1 for _, nxt in tray if nxt and nxt.status == "Overdue")
        context["tray_due_soon"] = sum(1 for _, nxt in tray if nxt and nxt.status == "Due soon")
    elif roles & {Role.SENCO, Role.PARENT_CARER, Role.YOUNG_PERSON}:
        context["ehc_cases"] = [(case, next_deadline(case)) for case in cases_visible_to(user)]
    if Role.SENCO in roles:
        context["consultations"] = list(consultations_for_setting(user).filter(answer="pending"))
    if roles & {Role.ADVISER, Role.SENCO}:
        context["advice_rows"] = [(advice, advice_state(advice)) for advice in advice_tray(user)
                                  if advice.status in ("requested", "draft", "returned")]
    # Review meetings this person is invited to and has not yet sent views or advice for.
    context["review_invitations"] = list(contributions_for(user).filter(submitted_on__isnull=True,
                                                                        review__status="invited"))
    if Role.SENCO in roles:
        context["reviews_to_run"] = list(reviews_to_run(user))
    if roles & {Role.ADMINISTRATOR, Role.LA_MANAGER, Role.SENCO, Role.PROVIDER, Role.LA_CASEWORKER}:
        waiting = [invitation for invitation in invitations_visible_to(user)[:50] if invitation.is_open]
        context["waiting_invitations"] = waiting
        context["can_invite_to"] = list(organisations_user_can_invite_to(user)[:10])
    if roles & {Role.PROVIDER, Role.LA_MANAGER}:
        context["colleagues"] = {
            membership.organisation: list(organisation_members(membership.organisation))
            for membership in memberships if membership.role in (Role.PROVIDER, Role.LA_MANAGER)
        }
    if roles & {Role.ADMINISTRATOR, Role.LA_MANAGER}:
        context["local_offer_team"] = local_offer_selectors.local_offer_team_summary(today=timezone.localdate())
    if roles & {Role.PROVIDER, Role.SENCO}:
        kept = local_offer_selectors.services_kept_by(user)
        context["listings_kept"] = kept.count()
        context["listings_needing_review"] = kept.filter(
            visibility__in=["published", "hidden"],
            review_due_on__lte=timezone.localdate() + dt.timedelta(days=28)).count()
    if roles & {Role.PARTNERSHIP_LEAD, Role.ADMINISTRATOR}:
        context["register_size"] = Child.objects.count()
        context["organisations_by_kind"] = [
            {"kind": OrganisationKind(row["kind"]).label, "count": row["count"]}
            for row in Organisation.objects.filter(is_active=True).values("kind").annotate(count=Count("pk"))
            .order_by("kind")
        ]
    return context
