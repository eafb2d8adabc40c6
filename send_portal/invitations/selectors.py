from django.db.models import Q, QuerySet

from send_portal.core.access import visible_to
from send_portal.organisations.models import ROLES_BY_KIND, Organisation, OrganisationKind, Role
from send_portal.organisations.selectors import active_memberships, user_has_role
from send_portal.people.models import Child
from send_portal.people.selectors import CHANGE_CHILD

from .models import Invitation

# Roles only an administrator may hand out: they reach across the whole partnership.
_ADMINISTRATOR_ONLY = {Role.ADMINISTRATOR, Role.PARTNERSHIP_LEAD}
# What a council manager may grant in their own council and its teams.
_MANAGER_GRANTS = {Role.LA_CASEWORKER, Role.LA_MANAGER, Role.ADVISER, Role.PANEL_MEMBER}
# Colleagues a SENCO or provider may bring into their own organisation, so a handover needs no administrator.
_PEER_GRANTS = {Role.SENCO, Role.PROVIDER}


def roles_user_can_invite(user, organisation: Organisation) -> list[str]:
    """The roles `user` may grant in `organisation`, worked out for that organisation alone."""
    if not organisation.is_active:
        return []
    possible = ROLES_BY_KIND.get(organisation.kind, set())
    if user_has_role(user, Role.ADMINISTRATOR):
        return sorted(possible)
    allowed = set()
    for membership in active_memberships(user):
        if membership.role == Role.LA_MANAGER:
            council = membership.organisation.local_authority
            if organisation == council or (organisation.kind == OrganisationKind.LA_TEAM
                                           and organisation.parent_id == council.pk):
                allowed |= _MANAGER_GRANTS
        elif membership.role in _PEER_GRANTS and membership.organisation == organisation:
            allowed.add(membership.role)
    return sorted((possible & allowed) - _ADMINISTRATOR_ONLY)


def organisations_user_can_invite_to(user) -> QuerySet[Organisation]:
    if user_has_role(user, Role.ADMINISTRATOR):
        return Organisation.objects.filter(is_active=True)
    allowed = Q(pk__in=[])
    for membership in active_memberships(user):
        org = membership.organisation
        if membership.role == Role.LA_MANAGER:
            council = org.local_authority
            allowed |= Q(pk=council.pk) | Q(parent=council, kind=OrganisationKind.LA_TEAM)
        elif membership.role in _PEER_GRANTS:
            allowed |= Q(pk=org.pk)
    return Organisation.objects.filter(allowed, is_active=True)


def invitations_visible_to(user) -> QuerySet[Invitation]:
    """Invitations someone sent, to organisations they can invite to, or for children whose record they hold."""
    children = visible_to(user, CHANGE_CHILD, Child.objects.all())
    return (
        Invitation.objects.filter(
            Q(created_by=user)
            | Q(organisation__in=organisations_user_can_invite_to(user))
            | Q(child__in=children)
        )
        .select_related("organisation", "child", "created_by")
        .order_by("-created_at")
    )
