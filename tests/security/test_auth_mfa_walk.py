"""C-16, first half: no page of the portal is reachable by staff without a second factor.

Every URL the access policy names is requested, with the real objects from tests/targets.py, by every member of
staff in the `world` after their authenticator has been removed, and by a session that has passed only the
password stage of sign-in. Staff must be sent to set up an authenticator; the half-signed-in session must be
treated as signed out.
"""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.test import Client
from django.urls import reverse

from send_portal.accounts.middleware import _MFA_EXEMPT_PREFIXES
from send_portal.core.access_policy import POLICY
from tests import factories
from tests.targets import policy_targets

pytestmark = pytest.mark.django_db

STAFF = ["senco_a", "senco_b", "caseworker", "other_caseworker", "manager", "adviser", "panel", "provider", "lead",
         "admin"]


def _call(client, url, method):
    return client.post(url) if method == "post" else client.get(url)


def _every_url(world):
    targets = policy_targets(world)
    # The targets name an object for every page behind sign-in; public pages (which need none, or only a public
    # listing) are walked where they have one.
    missing = sorted(name for name in set(POLICY) - set(targets) if POLICY[name].kind != "public")
    assert missing == [], f"tests/targets.py has no target for {missing}"
    return [(name, reverse(name, kwargs=kwargs), method) for name, (kwargs, method, _) in sorted(targets.items())
            if name in POLICY]


# Building every target takes most of this test's time, so one test walks the table three ways.
def test_no_policy_url_is_reachable_without_a_second_factor(world):
    every_url = _every_url(world)
    _pages_open_before_mfa_hold_no_records(every_url)
    _staff_without_an_authenticator_are_sent_to_set_one_up(world, every_url)
    _a_session_past_only_the_password_stage_reaches_nothing(world, every_url)


def _pages_open_before_mfa_hold_no_records(every_url):
    # The MFA middleware lets these prefixes through; none of them may be a page with people's records.
    exempt = [name for name, url, _ in every_url if url.startswith(_MFA_EXEMPT_PREFIXES)]
    assert exempt
    assert {name: POLICY[name].kind for name in exempt} == {
        name: "public" if name != "session_keep_alive" else "signed_in" for name in exempt}


def _staff_without_an_authenticator_are_sent_to_set_one_up(world, every_url):
    Authenticator.objects.filter(user__in=[world.users[name] for name in STAFF]).delete()
    setup_url = reverse("mfa_activate_totp")
    reached, walked = [], set()
    for role in STAFF:
        client = Client()
        client.force_login(world.users[role], backend="allauth.account.auth_backends.AuthenticationBackend")
        for name, url, method in every_url:
            if url.startswith(_MFA_EXEMPT_PREFIXES):
                continue
            response = _call(client, url, method)
            walked.add(name)
            if not (response.status_code == 302 and response.url == setup_url):
                reached.append(f"{role} {method.upper()} {name}: {response.status_code}")
    assert reached == []
    # Every page behind sign-in was walked (public pages are walked where the targets name one).
    assert {name for name, rule in POLICY.items() if rule.kind != "public"} - walked <= {"session_keep_alive"}


def _a_session_past_only_the_password_stage_reaches_nothing(world, every_url):
    TOTP.activate(world.caseworker, factories.TEST_TOTP_SECRET)
    client = Client()
    response = client.post(reverse("account_login"), {"login": world.caseworker.email,
                                                      "password": factories.PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    reached = []
    for name, url, method in every_url:
        if POLICY[name].kind == "public":
            continue
        response = _call(client, url, method)
        if not (response.status_code == 302 and response.url.startswith(reverse("account_login"))):
            reached.append(f"{method.upper()} {name}: {response.status_code}")
    assert reached == []
    # Still half-way: the code page is what they get, and nothing counted them as signed in.
    assert client.get(reverse("mfa_authenticate")).status_code == 200
    assert "_auth_user_id" not in client.session
