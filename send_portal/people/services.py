import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm

from send_portal.organisations.models import Organisation, OrganisationKind, Role
from send_portal.organisations.services import organisation_role_group

from .models import CapacityDecision, Child, FamilyLink, Relationship
from .signals import setting_changed

# Which organisation roles get which permissions on a child's record. The council's caseworkers and
# managers hold the record; the child's school sees it.
_COUNCIL_GRANTS = {Role.LA_CASEWORKER: ("view_child", "change_child"), Role.LA_MANAGER: ("view_child", "change_child")}
_SETTING_GRANTS = {Role.SENCO: ("view_child",)}

_EDITABLE_FIELDS = ("given_name", "family_name", "preferred_name", "date_of_birth", "sex", "upn", "postcode",
                    "own_email")


def _new_reference() -> str:
    # Short, unguessable and free of characters people confuse when reading one out (0/O, 1/I).
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "CYP-" + "".join(secrets.choice(alphabet) for _ in range(6))


def _grant(child: Child, organisation: Organisation, grants: dict) -> None:
    for role, perms in grants.items():
        group = organisation_role_group(organisation, role)
        for perm in perms:
            assign_perm(perm, group, child)


def _revoke(child: Child, organisation: Organisation, grants: dict) -> None:
    for role, perms in grants.items():
        group = organisation_role_group(organisation, role)
        for perm in perms:
            remove_perm(perm, group, child)


def _check_organisations(home_local_authority, current_setting):
    if home_local_authority.kind != OrganisationKind.LOCAL_AUTHORITY:
        raise ValidationError({"home_local_authority": "Choose a local authority."})
    if current_setting is not None and current_setting.kind != OrganisationKind.SCHOOL:
        raise ValidationError({"current_setting": "Choose a school or setting."})


@transaction.atomic
def child_register(*, created_by, home_local_authority: Organisation, current_setting: Organisation | None = None,
                   **details) -> Child:
    _check_organisations(home_local_authority, current_setting)
    child = Child(home_local_authority=home_local_authority, current_setting=current_setting, created_by=created_by,
                  **{field: value for field, value in details.items() if field in _EDITABLE_FIELDS})
    if child.upn == "":
        child.upn = None
    for _ in range(5):
        child.reference = _new_reference()
        if not Child.objects.filter(reference=child.reference).exists():
            break
    child.full_clean()
    child.save()
    _grant(child, home_local_authority, _COUNCIL_GRANTS)
    if current_setting:
        _grant(child, current_setting, _SETTING_GRANTS)
    return child


@transaction.atomic
def child_update(*, child: Child, **details) -> Child:
    child = Child.objects.select_for_update().get(pk=child.pk)
    for field, value in details.items():
        if field not in _EDITABLE_FIELDS:
            raise ValueError(f"{field} cannot be changed here")
        setattr(child, field, value)
    if child.upn == "":
        child.upn = None
    child.full_clean()
    child.save()
    return child


@transaction.atomic
def child_change_setting(*, child: Child, new_setting: Organisation | None) -> Child:
    """Move a child to another school or setting: the old school loses access and the new one gains it."""
    child = Child.objects.select_for_update().get(pk=child.pk)
    _check_organisations(child.home_local_authority, new_setting)
    if child.current_setting_id == getattr(new_setting, "pk", None):
        return child
    old_setting = child.current_setting
    if old_setting:
        _revoke(child, old_setting, _SETTING_GRANTS)
    child.current_setting = new_setting
    child.save(update_fields=["current_setting", "updated_at"])
    if new_setting:
        _grant(child, new_setting, _SETTING_GRANTS)
    setting_changed.send(sender=Child, child=child, old_setting=old_setting, new_setting=new_setting)
    return child


@transaction.atomic
def child_change_home_authority(*, child: Child, new_authority: Organisation) -> Child:
    """The child's home council changes, for example when the family moves: the new council gains the record and the
    old one loses it (records it already holds about the child stay with it)."""
    child = Child.objects.select_for_update().get(pk=child.pk)
    _check_organisations(new_authority, child.current_setting)
    if child.home_local_authority_id == new_authority.pk:
        return child
    _revoke(child, child.home_local_authority, _COUNCIL_GRANTS)
    child.home_local_authority = new_authority
    child.save(update_fields=["home_local_authority", "updated_at"])
    _grant(child, new_authority, _COUNCIL_GRANTS)
    return child


@transaction.atomic
def family_link_create(*, child: Child, user, relationship: str, has_parental_responsibility: bool,
                       created_by=None) -> FamilyLink:
    if relationship == Relationship.SELF and has_parental_responsibility:
        raise ValidationError("A young person does not hold parental responsibility for themselves.")
    existing = FamilyLink.objects.filter(child=child, user=user, ended_at__isnull=True).first()
    if existing:
        return existing
    link = FamilyLink(child=child, user=user, relationship=relationship,
                      has_parental_responsibility=has_parental_responsibility, created_by=created_by)
    link.full_clean()
    try:
        with transaction.atomic():
            link.save()
    except IntegrityError as clash:
        raise ValidationError("This child already has a young person's account linked.") from clash
    assign_perm("view_child", user, child)
    return link


@transaction.atomic
def family_link_end(*, link: FamilyLink) -> FamilyLink:
    link = FamilyLink.objects.select_for_update().get(pk=link.pk)
    if link.ended_at:
        return link
    link.ended_at = timezone.now()
    link.save(update_fields=["ended_at"])
    remove_perm("view_child", link.user, link.child)
    return link


@transaction.atomic
def capacity_decision_record(*, child: Child, decision: str, assessed_on, basis: str, recorded_by,
                             representative=None) -> CapacityDecision:
    if assessed_on > timezone.localdate():
        raise ValidationError({"assessed_on": "The date of the assessment must be today or in the past."})
    for superseded in CapacityDecision.objects.select_for_update().filter(
        child=child, decision=decision, withdrawn_at__isnull=True
    ):
        superseded.withdrawn_at = timezone.now()
        superseded.save(update_fields=["withdrawn_at"])
    record = CapacityDecision(child=child, decision=decision, assessed_on=assessed_on, basis=basis,
                              recorded_by=recorded_by, representative=representative)
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def capacity_decision_withdraw(*, record: CapacityDecision) -> CapacityDecision:
    record = CapacityDecision.objects.select_for_update().get(pk=record.pk)
    if not record.withdrawn_at:
        record.withdrawn_at = timezone.now()
        record.save(update_fields=["withdrawn_at"])
    return record


def rights_at_16_invite_due(*, today: dt.date | None = None) -> int:
    """Invite each young person whose decisions have passed to them (the end of the school year in which they turned
    16) to their own account, unless a capacity decision keeps all decisions with a parent or representative. Safe
    to run any number of times: nobody is invited twice while an invitation is open."""
    from send_portal.invitations.models import Invitation
    from send_portal.invitations.services import invitation_create_family

    from .selectors import rights_transfer_candidates

    invited = 0
    for child in rights_transfer_candidates(today=today):
        if not child.own_email or child.passed_on > (today or timezone.localdate()):
            continue
        if child.self_link or child.open_invitation or child.keeps_all_decisions_with_others:
            continue
        inviter = _council_inviter(child)
        if inviter is None:
            continue
        with transaction.atomic():
            if Invitation.objects.filter(child=child, relationship=Relationship.SELF, accepted_at__isnull=True,
                                         revoked_at__isnull=True).exists():
                continue
            invitation_create_family(created_by=inviter, email=child.own_email, full_name=child.full_name,
                                     child=child, relationship=Relationship.SELF, has_parental_responsibility=False,
                                     base_url=settings.PORTAL_BASE_URL)
            invited += 1
    return invited


def _council_inviter(child: Child):
    """Someone at the child's council who may invite family members: the invitation is only as good as their
    authority (see invitations.services)."""
    from send_portal.organisations.models import Membership

    memberships = Membership.objects.filter(
        ended_at__isnull=True, role__in=[Role.LA_CASEWORKER, Role.LA_MANAGER], user__is_active=True,
        organisation__kind=OrganisationKind.LA_TEAM, organisation__parent=child.home_local_authority,
    ).select_related("user").order_by("role", "pk")
    return next((membership.user for membership in memberships), None)
