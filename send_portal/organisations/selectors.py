from django.db.models import Q, QuerySet

from .models import FAMILY_ROLES, STAFF_ROLES, Membership, Organisation, OrganisationKind


def active_memberships(user) -> QuerySet[Membership]:
    if not user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.filter(user=user, ended_at__isnull=True).select_related("organisation")


def user_roles(user) -> frozenset[str]:
    """Every role a person holds: staff roles from memberships, family roles from their account."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_portal_roles", None)
    if cached is not None:
        return cached
    roles = set(active_memberships(user).values_list("role", flat=True))
    if user.family_role:
        roles.add(user.family_role)
    user._portal_roles = frozenset(roles)
    return user._portal_roles


def user_has_role(user, *roles) -> bool:
    return bool(user_roles(user) & set(roles))


def user_is_staff(user) -> bool:
    """Staff here means anyone who works with other people's records, which is who must use MFA."""
    return bool(user_roles(user) & STAFF_ROLES) or getattr(user, "is_staff", False) or user.is_superuser


def user_is_family(user) -> bool:
    return bool(user_roles(user) & FAMILY_ROLES)


def organisations_for(user, *roles) -> QuerySet[Organisation]:
    memberships = active_memberships(user)
    if roles:
        memberships = memberships.filter(role__in=roles)
    return Organisation.objects.filter(pk__in=memberships.values("organisation_id"))


def local_authorities_for(user, *roles) -> QuerySet[Organisation]:
    """The local authorities a member of staff works for, directly or through one of the council's teams; with
    `roles`, only through memberships in those roles."""
    orgs = organisations_for(user, *roles)
    direct = orgs.filter(kind=OrganisationKind.LOCAL_AUTHORITY).values("pk")
    through_team = orgs.filter(kind=OrganisationKind.LA_TEAM, parent__isnull=False).values("parent_id")
    return Organisation.objects.filter(Q(pk__in=direct) | Q(pk__in=through_team),
                                       kind=OrganisationKind.LOCAL_AUTHORITY)


def organisation_list(*, kind=None, district=None, query="") -> QuerySet[Organisation]:
    qs = Organisation.objects.filter(is_active=True).select_related("district", "parent")
    if kind:
        qs = qs.filter(kind=kind)
    if district:
        qs = qs.filter(district=district)
    if query:
        qs = qs.filter(name__icontains=query)
    return qs


def settings_directory() -> QuerySet[Organisation]:
    """Schools and settings a child can attend, for pickers across the portal."""
    return Organisation.objects.filter(kind=OrganisationKind.SCHOOL, is_active=True).order_by("name")


def organisation_members(organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation, ended_at__isnull=True)
        .select_related("user")
        .order_by("user__full_name")
    )




def settings_directory_search(*, text="", phase="", setting_type="", where="",
                              section_41=False) -> QuerySet[Organisation]:
    """The schools and colleges directory, filtered as families and caseworkers choose."""
    settings = settings_directory()
    if text:
        settings = settings.filter(name__icontains=text)
    if phase:
        settings = settings.filter(phase=phase)
    if setting_type:
        settings = settings.filter(setting_type=setting_type)
    if where:
        settings = settings.filter(is_out_of_area=(where == "out_of_area"))
    if section_41:
        settings = settings.filter(is_section_41=True)
    return settings
