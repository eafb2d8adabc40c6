import datetime as dt
import hashlib
import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from send_portal.notifications.services import notification_queue
from send_portal.organisations.services import membership_start
from send_portal.people.services import family_link_create

from .models import Invitation


class InvitationUnusable(Exception):
    """The token is unknown, used, withdrawn or out of date. Callers show one message for all four."""


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _issue(invitation: Invitation, *, base_url: str) -> str:
    token = secrets.token_urlsafe(32)
    invitation.token_hash = hash_token(token)
    invitation.expires_at = timezone.now() + dt.timedelta(days=settings.PORTAL_INVITATION_DAYS)
    invitation.email = invitation.email.strip().lower()
    invitation.full_clean()
    invitation.save()
    link = base_url.rstrip("/") + reverse("invitation_accept", args=[token])
    notification_queue(
        template="invitation",
        to=invitation.email,
        context={
            "invitation": invitation,
            "link": link,
            "expires_at": invitation.expires_at,
            "invited_by": invitation.created_by,
            "service_name": settings.PORTAL_SERVICE_NAME,
            "council_name": settings.PORTAL_COUNCIL_NAME,
        },
        idempotency_key=f"invitation:{invitation.pk}:{invitation.token_hash[:16]}",
    )
    return token


@transaction.atomic
def invitation_create_staff(*, created_by, email: str, full_name: str, organisation, role: str, specialism: str = "",
                            base_url: str) -> tuple[Invitation, str]:
    from send_portal.organisations.models import Role

    from .selectors import roles_user_can_invite

    if role not in roles_user_can_invite(created_by, organisation):
        raise ValidationError({"role": "You cannot give that role in this organisation."})
    if email.strip().lower() == created_by.email.lower():
        raise ValidationError({"email": "You cannot invite yourself. Ask an administrator."})
    if role == Role.ADVISER and not specialism:
        raise ValidationError({"specialism": "Choose the adviser's specialism."})
    invitation = Invitation(kind=Invitation.Kind.STAFF, email=email, full_name=full_name, organisation=organisation,
                            role=role, specialism=specialism if role == Role.ADVISER else "", created_by=created_by)
    token = _issue(invitation, base_url=base_url)
    return invitation, token


@transaction.atomic
def invitation_create_family(*, created_by, email: str, full_name: str, child, relationship: str,
                             has_parental_responsibility: bool, base_url: str) -> tuple[Invitation, str]:
    invitation = Invitation(kind=Invitation.Kind.FAMILY, email=email, full_name=full_name, child=child,
                            relationship=relationship, has_parental_responsibility=has_parental_responsibility,
                            created_by=created_by)
    token = _issue(invitation, base_url=base_url)
    return invitation, token


def _inviter_still_entitled(invitation: Invitation) -> bool:
    """An invitation is only as good as its sender's authority at the moment it is accepted."""
    from send_portal.people.selectors import user_can_change_child

    from .selectors import roles_user_can_invite

    inviter = invitation.created_by
    if inviter is None or not inviter.is_active:
        return False
    if invitation.kind == Invitation.Kind.STAFF:
        return invitation.role in roles_user_can_invite(inviter, invitation.organisation)
    return user_can_change_child(inviter, invitation.child)


def invitation_for_token(token: str) -> Invitation:
    invitation = Invitation.objects.select_related("organisation", "child", "created_by").filter(
        token_hash=hash_token(token)
    ).first()
    if invitation is None or not invitation.is_open or not _inviter_still_entitled(invitation):
        raise InvitationUnusable
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user) -> Invitation:
    """Grant exactly what the invitation offers to the signed-in person it was sent to, once."""
    try:
        invitation = Invitation.objects.select_for_update().get(token_hash=hash_token(token))
    except Invitation.DoesNotExist as unknown:
        raise InvitationUnusable from unknown
    if not invitation.is_open or not _inviter_still_entitled(invitation):
        raise InvitationUnusable
    if invitation.created_by_id == user.pk:
        raise ValidationError("You cannot accept an invitation you sent.")
    if user.email.lower() != invitation.email:
        raise ValidationError(
            "This invitation was sent to a different email address. Sign out and sign in with the address it "
            "was sent to."
        )
    if invitation.kind == Invitation.Kind.STAFF:
        membership_start(user=user, organisation=invitation.organisation, role=invitation.role,
                         specialism=invitation.specialism, created_by=invitation.created_by)
    else:
        family_link_create(child=invitation.child, user=user, relationship=invitation.relationship,
                           has_parental_responsibility=invitation.has_parental_responsibility,
                           created_by=invitation.created_by)
        if not user.family_role:
            user.family_role = "young_person" if invitation.relationship == "self" else "parent_carer"
            user.save(update_fields=["family_role"])
    if not user.full_name and invitation.full_name:
        user.full_name = invitation.full_name
        user.save(update_fields=["full_name"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return invitation


@transaction.atomic
def invitation_accept_as_new_user(*, token: str, full_name: str, password: str):
    """Create the account for an invited person and accept in one step.

    The token came by email, so holding it proves the address: the account starts with a verified email.
    """
    invitation = invitation_for_token(token)
    User = get_user_model()
    already = ValidationError("An account already uses this email address. Sign in to accept the invitation.")
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise already
    try:
        with transaction.atomic():
            user = User.objects.create_user(email=invitation.email, password=password, full_name=full_name)
    except IntegrityError as clash:  # the same link opened twice at once
        raise already from clash
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    invitation_accept(token=token, user=user)
    return user


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.is_open:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation
