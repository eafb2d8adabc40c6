"""One demo account per role. Staff accounts have TOTP set up with the published demo secret."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP

from send_portal.organisations.models import AdviserSpecialism, Role
from send_portal.organisations.services import membership_start

from .models import FamilyRole, User


def _account(email, full_name, password, **fields):
    user, created = User.objects.get_or_create(email=email, defaults={"full_name": full_name, **fields})
    if created:
        user.set_password(password)
        user.save()
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def _with_totp(user, secret):
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, secret)
        RecoveryCodes.activate(user)
    return user


def seed(world, stdout):
    password, secret = world["password"], world["totp_secret"]
    families = {
        "parent": ("parent@demo.test", "Grace Okafor", FamilyRole.PARENT_CARER),
        "parent2": ("parent2@demo.test", "Daniel Clarke", FamilyRole.PARENT_CARER),
        "youngperson": ("youngperson@demo.test", "Sam Patel", FamilyRole.YOUNG_PERSON),
    }
    for key, (email, name, role) in families.items():
        world[key] = _account(email, name, password, family_role=role)

    staff = [
        ("senco", "senco@demo.test", "Priya Shah", world["schools"]["Ashford Vale Primary School"], Role.SENCO, ""),
        ("caseworker", "caseworker@demo.test", "Tom Reid", world["casework_north"], Role.LA_CASEWORKER, ""),
        ("manager", "manager@demo.test", "Helen Brooks", world["casework_north"], Role.LA_MANAGER, ""),
        ("adviser", "adviser@demo.test", "Dr Aisha Rahman", world["ep_service"], Role.ADVISER,
         AdviserSpecialism.EDUCATIONAL_PSYCHOLOGIST),
        ("panel", "panel@demo.test", "Mark Jennings", world["council"], Role.PANEL_MEMBER, ""),
        ("provider", "provider@demo.test", "Lucy Hart", world["providers"][0], Role.PROVIDER, ""),
        ("lead", "lead@demo.test", "Sarah Whitfield", world["council"], Role.PARTNERSHIP_LEAD, ""),
        ("admin", "admin@demo.test", "Alex Morgan", world["council"], Role.ADMINISTRATOR, ""),
    ]
    for key, email, name, organisation, role, specialism in staff:
        extra = {"is_staff": True, "is_superuser": True} if role == Role.ADMINISTRATOR else {}
        user = _with_totp(_account(email, name, password, **extra), secret)
        membership_start(user=user, organisation=organisation, role=role, specialism=specialism)
        world[key] = user
    stdout.write(f"Accounts: {len(families) + len(staff)} demo accounts.")
