import datetime as dt

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from factory.django import DjangoModelFactory

from send_portal.accounts.models import User
from send_portal.organisations.models import Organisation, OrganisationKind, SettingPhase
from send_portal.organisations.services import membership_start
from send_portal.people.services import child_register, family_link_create

TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
PASSWORD = "correct-horse-battery-staple"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    full_name = factory.Faker("name", locale="en_GB")

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save()
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.PROVIDER


def council(name="Testshire Council"):
    return OrganisationFactory(name=name, kind=OrganisationKind.LOCAL_AUTHORITY)


def team(parent, name="SEND Team"):
    return OrganisationFactory(name=name, kind=OrganisationKind.LA_TEAM, parent=parent)


def school(name, urn):
    return OrganisationFactory(name=name, kind=OrganisationKind.SCHOOL, phase=SettingPhase.PRIMARY, urn=urn)


def staff_user(organisation, role, *, specialism="", with_mfa=True, **fields):
    user = UserFactory(**fields)
    membership_start(user=user, organisation=organisation, role=role, specialism=specialism)
    if with_mfa:
        TOTP.activate(user, TEST_TOTP_SECRET)
    return user


def family_user(family_role="parent_carer", **fields):
    return UserFactory(family_role=family_role, **fields)


def child(*, council, setting=None, given_name="Alex", family_name="Example", born=dt.date(2018, 5, 1), **fields):
    return child_register(created_by=None, home_local_authority=council, current_setting=setting,
                          given_name=given_name, family_name=family_name, date_of_birth=born, **fields)


def link(child, user, relationship="mother", responsibility=True):
    return family_link_create(child=child, user=user, relationship=relationship,
                              has_parental_responsibility=responsibility)
