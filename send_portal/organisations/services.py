from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .models import (
    ROLES_BY_KIND,
    AdviserSpecialism,
    Membership,
    Organisation,
    OrganisationKind,
    OrganisationRoleGroup,
    Role,
)


def organisation_role_group(organisation: Organisation, role: str) -> Group:
    """The group for one role in one organisation, created on first use."""
    link = OrganisationRoleGroup.objects.filter(organisation=organisation, role=role).select_related("group").first()
    if link:
        return link.group
    group, _ = Group.objects.get_or_create(name=f"org:{organisation.pk}:{role}")
    link, _ = OrganisationRoleGroup.objects.get_or_create(
        organisation=organisation, role=role, defaults={"group": group}
    )
    return link.group


def groups_for_role(organisation: Organisation, role: str) -> list[Group]:
    """The groups a member joins: the organisation's, and for a council team also the council-wide one,
    so that records shared with a council reach every team that works on them."""
    groups = [organisation_role_group(organisation, role)]
    if organisation.kind == OrganisationKind.LA_TEAM:
        groups.append(organisation_role_group(organisation.parent, role))
    return groups


@transaction.atomic
def membership_start(*, user, organisation: Organisation, role: str, specialism: str = "", job_title: str = "",
                     created_by=None) -> Membership:
    if role not in ROLES_BY_KIND.get(organisation.kind, set()):
        raise ValidationError(
            f"A {organisation.get_kind_display().lower()} cannot have a member with the role "
            f"“{Role(role).label.lower()}”."
        )
    if role == Role.ADVISER and specialism not in AdviserSpecialism.values:
        raise ValidationError("Choose the adviser's specialism.")
    existing = Membership.objects.filter(user=user, organisation=organisation, role=role, ended_at__isnull=True).first()
    if existing:
        return existing
    membership = Membership(
        user=user, organisation=organisation, role=role, specialism=specialism if role == Role.ADVISER else "",
        job_title=job_title, created_by=created_by,
    )
    membership.full_clean()
    membership.save()
    user.groups.add(*groups_for_role(organisation, role))
    return membership


@transaction.atomic
def membership_end(*, membership: Membership) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.ended_at:
        return membership
    if membership.role == Role.ADMINISTRATOR and not Membership.objects.filter(
        role=Role.ADMINISTRATOR, ended_at__isnull=True
    ).exclude(pk=membership.pk).exists():
        raise ValidationError("The portal must keep at least one administrator.")
    membership.ended_at = timezone.now()
    membership.save(update_fields=["ended_at"])
    _sync_role_groups(membership.user)
    return membership


def _sync_role_groups(user) -> None:
    """Make the user's organisation-role groups exactly those their active memberships call for."""
    wanted = {
        group.pk
        for membership in Membership.objects.filter(user=user, ended_at__isnull=True).select_related("organisation")
        for group in groups_for_role(membership.organisation, membership.role)
    }
    current = set(user.groups.filter(organisation_role__isnull=False).values_list("pk", flat=True))
    user.groups.remove(*(current - wanted))
    user.groups.add(*(wanted - current))
