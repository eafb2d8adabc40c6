"""Shared fixtures: a small local area with two families, two schools and one person in every role.

Each family's child carries a canary string in its name, so access tests can prove that nothing
belonging to another family appears in a response.
"""

import datetime as dt
import os

import factory.random
import pytest

from send_portal.organisations.models import AdviserSpecialism, OrganisationKind, Role
from tests import factories

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Generated names include apostrophes and hyphens on purpose; a fixed seed makes any failure repeatable.
factory.random.reseed_random("send-portal-tests")

CANARY_A = "Canaryafam"
CANARY_B = "Canarybfam"
# Field canaries: strings that appear in one field only, so a page showing one has shown that field.
# The home postcode is the only part of a child's address the register keeps.
ADDRESS_CANARY = "QX7 4WZ"


class World(dict):
    __getattr__ = dict.__getitem__


@pytest.fixture
def world(db):
    council = factories.council()
    other_council = factories.council("Otherton Council")
    team = factories.team(council)
    other_team = factories.team(other_council, "Otherton SEND Team")
    school_a = factories.school("Alpha Primary School", "100001")
    school_b = factories.school("Beta Primary School", "100002")
    icb = factories.OrganisationFactory(name="Test ICB", kind=OrganisationKind.NHS_ICB)
    provider_org = factories.OrganisationFactory(name="Test Provider", kind=OrganisationKind.PROVIDER)

    parent_a = factories.family_user(email="parent.a@example.test")
    parent_b = factories.family_user(email="parent.b@example.test")
    young_person = factories.family_user("young_person", email="young.person@example.test")
    child_a = factories.child(council=council, setting=school_a, given_name=CANARY_A, family_name="Adams",
                              born=dt.date(2018, 5, 1), postcode=ADDRESS_CANARY)
    child_b = factories.child(council=council, setting=school_b, given_name=CANARY_B, family_name="Brown",
                              born=dt.date(2016, 9, 12))
    child_yp = factories.child(council=council, given_name="Yusuf", family_name="Young", born=dt.date(2008, 3, 3))
    child_other = factories.child(council=other_council, given_name="Otto", family_name="Other",
                                  born=dt.date(2015, 1, 1))
    factories.link(child_a, parent_a)
    factories.link(child_b, parent_b, relationship="father")
    factories.link(child_yp, young_person, relationship="self", responsibility=False)

    users = {
        "parent_a": parent_a,
        "parent_b": parent_b,
        "young_person": young_person,
        "senco_a": factories.staff_user(school_a, Role.SENCO, email="senco.a@example.test"),
        "senco_b": factories.staff_user(school_b, Role.SENCO, email="senco.b@example.test"),
        "caseworker": factories.staff_user(team, Role.LA_CASEWORKER, email="caseworker@example.test"),
        "other_caseworker": factories.staff_user(other_team, Role.LA_CASEWORKER, email="other.cw@example.test"),
        "manager": factories.staff_user(team, Role.LA_MANAGER, email="manager@example.test"),
        "adviser": factories.staff_user(icb, Role.ADVISER, specialism=AdviserSpecialism.HEALTH,
                                        email="adviser@example.test"),
        "panel": factories.staff_user(council, Role.PANEL_MEMBER, email="panel@example.test"),
        "provider": factories.staff_user(provider_org, Role.PROVIDER, email="provider@example.test"),
        "lead": factories.staff_user(council, Role.PARTNERSHIP_LEAD, email="lead@example.test"),
        "admin": factories.staff_user(council, Role.ADMINISTRATOR, email="admin@example.test", is_staff=True,
                                      is_superuser=True),
    }
    return World(
        council=council, other_council=other_council, team=team, other_team=other_team, school_a=school_a,
        school_b=school_b, icb=icb, provider_org=provider_org, child_a=child_a, child_b=child_b, child_yp=child_yp,
        child_other=child_other,
        users=users, **users,
    )


ROLE_NAMES = ["anonymous", "parent_a", "parent_b", "young_person", "senco_a", "senco_b", "caseworker",
              "other_caseworker", "manager", "adviser", "panel", "provider", "lead", "admin"]


@pytest.fixture
def client_for(client, world):
    """A test client signed in as the named person ('anonymous' for nobody)."""

    def sign_in(name):
        client.logout()
        if name != "anonymous":
            client.force_login(world.users[name], backend="allauth.account.auth_backends.AuthenticationBackend")
        return client

    return sign_in


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"],
    }
