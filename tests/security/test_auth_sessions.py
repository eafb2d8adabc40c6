"""C-16 second half (one-time codes and step-up) and C-17 session lifecycle, through the real pages.

Time moves with time-machine; the idle and absolute limits are read from the settings, not repeated here.
"""

import time

import pytest
import time_machine
from allauth.account import app_settings as account_settings
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse

from send_portal.invitations.models import Invitation
from send_portal.organisations.models import Membership, Role
from tests import factories
from tests.conftest import ROLE_NAMES
from tests.helpers import confirm

pytestmark = pytest.mark.django_db

BACKEND = "allauth.account.auth_backends.AuthenticationBackend"
STAFF = ["senco_a", "senco_b", "caseworker", "other_caseworker", "manager", "adviser", "panel", "provider", "lead",
         "admin"]
STEP_UP = account_settings.REAUTHENTICATION_TIMEOUT


def _code(secret=factories.TEST_TOTP_SECRET):
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def _password_stage(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": factories.PASSWORD})


def _signed_in(client):
    return "_auth_user_id" in client.session


def _is_reauthentication(response):
    return response.status_code == 302 and response.url.startswith(reverse("account_reauthenticate"))


def _reauthenticate(client, next_url=None):
    url = reverse("account_reauthenticate") + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"password": factories.PASSWORD})


# --- C-16 one-time codes ------------------------------------------------------------------------------------

def test_an_authenticator_code_cannot_be_used_twice(world):
    with time_machine.travel(time.time(), tick=False):
        code = _code()
        first = Client()
        assert _password_stage(first, world.caseworker).url == reverse("mfa_authenticate")
        assert first.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
        assert _signed_in(first)
        replay = Client()
        _password_stage(replay, world.caseworker)
        response = replay.post(reverse("mfa_authenticate"), {"code": code})
        assert response.status_code == 200
        assert not _signed_in(replay)
    # The next code, half a minute on, works.
    with time_machine.travel(time.time() + 30, tick=False):
        _password_stage(replay, world.caseworker)
        assert replay.post(reverse("mfa_authenticate"), {"code": _code()}).status_code == 302
        assert _signed_in(replay)


def test_a_recovery_code_works_once(world):
    codes = RecoveryCodes.activate(world.caseworker).generate_codes()
    first, replay = Client(), Client()
    _password_stage(first, world.caseworker)
    assert first.post(reverse("mfa_authenticate"), {"code": codes[0]}).status_code == 302
    assert _signed_in(first)
    _password_stage(replay, world.caseworker)
    assert replay.post(reverse("mfa_authenticate"), {"code": codes[0]}).status_code == 200
    assert not _signed_in(replay)
    assert replay.post(reverse("mfa_authenticate"), {"code": codes[1]}).status_code == 302


# --- C-16 step-up: sensitive actions need the password again after 300 seconds -------------------------------

def test_the_step_up_window_is_five_minutes():
    assert STEP_UP == 300
    assert settings.ACCOUNT_REAUTHENTICATION_REQUIRED is True


def _invite(client, world):
    url = reverse("organisation_invite", args=[world.school_a.pk])
    check = client.post(url, {"full_name": "New Senco", "email": "new.senco@example.test", "role": Role.SENCO})
    return url, confirm(client, url, check)


def test_granting_a_role_needs_a_recent_password(world, client):
    client.force_login(world.senco_a, backend=BACKEND)
    url, response = _invite(client, world)
    assert _is_reauthentication(response)
    assert not Invitation.objects.exists()
    # Giving the password carries on with the confirmation that was interrupted.
    response = _reauthenticate(client, next_url=url)
    assert response.status_code == 302
    assert response.url == reverse("organisation_detail", args=[world.school_a.pk])
    assert Invitation.objects.filter(email="new.senco@example.test").count() == 1
    with time_machine.travel(time.time() + STEP_UP - 30):
        _, response = _invite(client, world)
        assert not _is_reauthentication(response)
    with time_machine.travel(time.time() + STEP_UP + 1):
        Invitation.objects.all().delete()
        _, response = _invite(client, world)
        assert _is_reauthentication(response)
        assert not Invitation.objects.exists()


def test_taking_a_role_away_needs_a_recent_password(world, client):
    membership = world.senco_b.memberships.get()
    url = reverse("membership_end", args=[world.school_b.pk, membership.pk])
    client.force_login(world.admin, backend=BACKEND)
    assert client.get(url).status_code == 200
    assert _is_reauthentication(client.post(url))
    assert Membership.objects.get(pk=membership.pk).ended_at is None
    assert _reauthenticate(client, next_url=url).status_code == 302
    assert Membership.objects.get(pk=membership.pk).ended_at is not None


def test_changing_someones_admin_rights_needs_a_recent_password(world, client):
    target = world.parent_a
    url = reverse("admin:accounts_user_change", args=[target.pk])
    client.force_login(world.admin, backend=BACKEND)
    assert client.get(url).status_code == 200
    data = {"email": target.email, "full_name": target.full_name, "phone": "", "family_role": target.family_role,
            "is_active": "on", "is_staff": "on", "is_superuser": "on", "date_joined_0": "2025-01-01",
            "date_joined_1": "10:00:00"}
    assert _is_reauthentication(client.post(url, data))
    target.refresh_from_db()
    assert not target.is_superuser
    assert _reauthenticate(client).status_code == 302
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    target.refresh_from_db()
    assert target.is_superuser


@pytest.mark.parametrize("url_name", ["admin:accounts_user_add", "admin:auth_user_password_change"])
def test_admin_forms_carrying_a_new_password_ask_for_the_password_before_they_are_shown(world, client, url_name):
    # A form held up for re-authentication is kept in the session as posted: a new password must never be.
    args = [] if url_name.endswith("_add") else [world.parent_a.pk]
    url = reverse(url_name, args=args)
    client.force_login(world.admin, backend=BACKEND)
    assert _is_reauthentication(client.get(url))
    assert _reauthenticate(client).status_code == 302
    assert client.get(url).status_code == 200


def test_changing_email_needs_a_recent_password(world, client):
    client.force_login(world.parent_a, backend=BACKEND)
    url = reverse("account_email")
    add = {"action_add": "", "email": "second.address@example.test"}
    assert _is_reauthentication(client.post(url, add))
    assert not EmailAddress.objects.filter(email="second.address@example.test").exists()
    _reauthenticate(client)
    assert client.post(url, add).status_code == 302
    assert EmailAddress.objects.filter(email="second.address@example.test", user=world.parent_a).exists()
    with time_machine.travel(time.time() + STEP_UP + 1):
        remove = {"action_remove": "", "email": "second.address@example.test"}
        assert _is_reauthentication(client.post(url, remove))
        assert EmailAddress.objects.filter(email="second.address@example.test").exists()


def test_changing_mfa_needs_a_recent_password(world, client):
    client.force_login(world.caseworker, backend=BACKEND)
    assert _is_reauthentication(client.post(reverse("mfa_generate_recovery_codes")))
    assert not Authenticator.objects.filter(user=world.caseworker, type=Authenticator.Type.RECOVERY_CODES).exists()
    _reauthenticate(client)
    assert client.post(reverse("mfa_generate_recovery_codes")).status_code == 302
    assert Authenticator.objects.filter(user=world.caseworker, type=Authenticator.Type.RECOVERY_CODES).exists()
    # A family member switching theirs off, long after signing in.
    parent = world.parent_a
    TOTP.activate(parent, factories.TEST_TOTP_SECRET)
    client.force_login(parent, backend=BACKEND)
    with time_machine.travel(time.time() + STEP_UP + 1):
        assert _is_reauthentication(client.post(reverse("mfa_deactivate_totp")))
        assert Authenticator.objects.filter(user=parent, type=Authenticator.Type.TOTP).exists()


def test_staff_set_up_their_first_authenticator_straight_after_signing_in_but_not_later(world):
    Authenticator.objects.filter(user=world.senco_a).delete()
    client = Client()
    with time_machine.travel(time.time()) as traveller:
        assert _password_stage(client, world.senco_a).status_code == 302
        assert client.get(reverse("mfa_activate_totp")).status_code == 200
        traveller.shift(STEP_UP + 1)
        assert _is_reauthentication(client.get(reverse("mfa_activate_totp")))


# --- C-17 session lifecycle ---------------------------------------------------------------------------------

def test_the_session_key_changes_when_signing_in(world, client):
    session = client.session
    session["visited"] = True
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    before = session.session_key
    assert _password_stage(client, world.parent_a).status_code == 302
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert _signed_in(client)
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()
    # Planting the old key (session fixation) gets an attacker nothing.
    attacker = Client()
    attacker.cookies[settings.SESSION_COOKIE_NAME] = before
    assert attacker.get(reverse("ehc_case_list")).status_code == 302


@pytest.mark.parametrize("role", ["parent_a", "caseworker"])
def test_signing_out_ends_the_session_for_good(client_for, role):
    client = client_for(role)
    old_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.get(reverse("ehc_case_list")).status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302
    assert not Session.objects.filter(session_key=old_key).exists()
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = old_key
    response = replay.get(reverse("ehc_case_list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_every_role_is_signed_out_after_its_idle_limit(world):
    for role in ROLE_NAMES[1:]:
        limit = settings.PORTAL_IDLE_TIMEOUT_STAFF if role in STAFF else settings.PORTAL_IDLE_TIMEOUT_FAMILY
        with time_machine.travel(time.time()) as traveller:
            client = Client()
            client.force_login(world.users[role], backend=BACKEND)
            assert client.get(reverse("home")).status_code == 200, role
            traveller.shift(limit - 60)
            assert client.get(reverse("home")).status_code == 200, role
            traveller.shift(limit + 60)
            response = client.get(reverse("home"))
            assert response.url == reverse("session_timed_out"), role
            assert not _signed_in(client)
    assert settings.PORTAL_IDLE_TIMEOUT_STAFF == 30 * 60
    assert settings.PORTAL_IDLE_TIMEOUT_FAMILY == 60 * 60


def test_staff_idle_for_31_minutes_must_sign_in_again(world):
    with time_machine.travel(time.time()) as traveller:
        client = Client()
        client.force_login(world.caseworker, backend=BACKEND)
        assert client.get(reverse("child_list")).status_code == 200
        traveller.shift(31 * 60)
        assert client.get(reverse("child_list")).url == reverse("session_timed_out")
        response = client.get(reverse("child_list"))
        assert response.url.startswith(reverse("account_login"))


def test_staff_are_signed_out_after_twelve_hours_however_busy(world):
    with time_machine.travel(time.time()) as traveller:
        client = Client()
        client.force_login(world.caseworker, backend=BACKEND)
        # Busy all day: never idle for more than 25 minutes, until just past the 12 hours.
        for _ in range(12 * 60 // 25):
            assert client.post(reverse("session_keep_alive")).status_code == 200
            traveller.shift(25 * 60)
        assert client.post(reverse("session_keep_alive")).status_code == 200
        traveller.shift(12 * 60 * 60 - (12 * 60 // 25) * 25 * 60 + 60)
        assert client.get(reverse("child_list")).url == reverse("session_timed_out")
        assert not _signed_in(client)


def _two_sessions(user):
    here, elsewhere = Client(), Client()
    for client in (here, elsewhere):
        client.force_login(user, backend=BACKEND)
        assert client.get(reverse("account_email")).status_code == 200
    return here, elsewhere


def _is_signed_out(client):
    response = client.get(reverse("account_email"))
    return response.status_code == 302 and response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ["parent_a", "caseworker"])
def test_changing_the_password_signs_out_other_sessions(world, role):
    user = world.users[role]
    here, elsewhere = _two_sessions(user)
    key_elsewhere = elsewhere.cookies[settings.SESSION_COOKIE_NAME].value
    new = "marble-cactus-violin-ferry"
    response = here.post(reverse("account_change_password"), {
        "oldpassword": factories.PASSWORD, "password1": new, "password2": new})
    assert response.status_code == 302
    assert not Session.objects.filter(session_key=key_elsewhere).exists()
    assert _is_signed_out(elsewhere)
    assert here.get(reverse("account_email")).status_code == 200


def test_resetting_the_password_by_email_signs_out_every_session(world, client):
    _, elsewhere = _two_sessions(world.parent_a)
    client.post(reverse("account_reset_password"), {"email": world.parent_a.email})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password/reset/key/" in line).strip()
    form = client.get(link, follow=True)
    new = "marble-cactus-violin-ferry"
    assert client.post(form.redirect_chain[-1][0], {"password1": new, "password2": new}).status_code == 302
    assert _is_signed_out(elsewhere)


def test_adding_an_authenticator_signs_out_other_sessions(world, django_capture_on_commit_callbacks):
    parent = world.parent_a
    _, elsewhere = _two_sessions(parent)
    here = Client()
    _password_stage(here, parent)  # a real sign-in, so no second password is asked for a first authenticator
    here.get(reverse("mfa_activate_totp"))
    secret = here.session["mfa.totp.secret"]
    # allauth signals the change once it is committed; time stands still so the code cannot expire meanwhile.
    with django_capture_on_commit_callbacks(execute=True), time_machine.travel(time.time(), tick=False):
        response = here.post(reverse("mfa_activate_totp"), {"code": _code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=parent, type=Authenticator.Type.TOTP).exists()
    assert _is_signed_out(elsewhere)
    assert here.get(reverse("account_email")).status_code == 200


def test_removing_an_authenticator_signs_out_other_sessions(world):
    parent = world.parent_a
    TOTP.activate(parent, factories.TEST_TOTP_SECRET)
    here, elsewhere = _two_sessions(parent)
    _reauthenticate(here)
    assert here.post(reverse("mfa_deactivate_totp")).status_code == 302
    assert not Authenticator.objects.filter(user=parent).exists()
    assert _is_signed_out(elsewhere)
    assert here.get(reverse("account_email")).status_code == 200


def test_new_recovery_codes_sign_out_other_sessions(world, django_capture_on_commit_callbacks):
    here, elsewhere = _two_sessions(world.caseworker)
    _reauthenticate(here)
    with django_capture_on_commit_callbacks(execute=True):
        assert here.post(reverse("mfa_generate_recovery_codes")).status_code == 302
    assert _is_signed_out(elsewhere)
    assert here.get(reverse("account_email")).status_code == 200


@pytest.mark.parametrize("role", ["parent_a", "caseworker", "admin"])
def test_a_deactivated_account_is_signed_out_at_its_next_request(world, role):
    user = world.users[role]
    here, _ = _two_sessions(user)
    user.is_active = False
    user.save()
    assert _is_signed_out(here)


def test_a_deactivated_account_cannot_sign_in_again(world, client):
    world.parent_a.is_active = False
    world.parent_a.save()
    response = client.post(reverse("account_login"), {"login": world.parent_a.email, "password": factories.PASSWORD},
                           follow=True)
    assert not _signed_in(client)
    assert response.status_code == 200


def test_an_administrator_can_end_someones_sessions(world, client):
    here, elsewhere = _two_sessions(world.parent_a)
    client.force_login(world.admin, backend=BACKEND)
    response = client.post(reverse("admin:accounts_user_changelist"), {
        "action": "end_sessions", "_selected_action": [world.parent_a.pk]})
    assert response.status_code == 302
    assert _is_signed_out(here)
    assert _is_signed_out(elsewhere)
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 200  # the admin's own stays
