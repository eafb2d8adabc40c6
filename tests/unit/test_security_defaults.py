import time

import pytest
from allauth.mfa.models import Authenticator
from django.core.cache import caches
from django.urls import reverse

from send_portal.accounts.validators import LocalDenyListValidator
from send_portal.organisations.models import Role
from tests import factories

pytestmark = pytest.mark.django_db


def test_signed_in_pages_are_not_stored_and_carry_security_headers(client_for):
    response = client_for("parent_a").get(reverse("home"))
    assert response["Cache-Control"] == "no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    csp = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in csp
    assert "frame-ancestors 'none'" in csp
    nonce = csp.split("'nonce-")[1].split("'")[0]
    # Every inline script carries the nonce.
    body = response.content.decode()
    assert body.count("<script") == body.count(f'nonce="{nonce}"')


def test_public_pages_may_be_cached_but_still_have_csp(client):
    response = client.get(reverse("glossary"))
    assert "no-store" not in response.get("Cache-Control", "")
    assert "Content-Security-Policy" in response


def test_staff_without_an_authenticator_are_sent_to_set_one_up(world, client):
    senco = factories.staff_user(world.school_a, Role.SENCO, with_mfa=False)
    client.force_login(senco)
    for url in (reverse("home"), reverse("child_list"), reverse("child_detail", args=[world.child_a.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == reverse("mfa_activate_totp")
    assert client.get(reverse("help")).status_code == 200


def test_staff_signing_in_without_an_authenticator_go_straight_to_set_up(world, client):
    senco = factories.staff_user(world.school_a, Role.SENCO, with_mfa=False)
    response = client.post(reverse("account_login"), {"login": senco.email, "password": factories.PASSWORD},
                           follow=True)
    assert response.redirect_chain[-1][0] == reverse("mfa_activate_totp")
    assert response.status_code == 200
    assert b"authenticator app" in response.content


def test_families_are_not_forced_to_use_mfa(client_for):
    assert client_for("parent_a").get(reverse("home")).status_code == 200


def test_staff_cannot_switch_off_their_authenticator(world, client):
    client.force_login(world.caseworker)
    authenticator = Authenticator.objects.get(user=world.caseworker, type=Authenticator.Type.TOTP)
    response = client.post(reverse("mfa_deactivate_totp"))
    assert Authenticator.objects.filter(pk=authenticator.pk).exists()
    assert response.status_code in (200, 302, 400, 403)


@pytest.mark.parametrize(("role", "timeout"), [("caseworker", 30 * 60), ("parent_a", 60 * 60)])
def test_idle_sessions_end(client_for, role, timeout, monkeypatch):
    client = client_for(role)
    assert client.get(reverse("home")).status_code == 200
    start = time.time()
    monkeypatch.setattr(time, "time", lambda: start + timeout - 5)
    assert client.get(reverse("home")).status_code == 200
    monkeypatch.setattr(time, "time", lambda: start + 2 * timeout)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url == reverse("session_timed_out")
    assert client.get(reverse("child_list")).status_code == 302  # signed out


def test_keep_alive_extends_the_session(client_for, monkeypatch):
    client = client_for("caseworker")
    client.get(reverse("home"))
    start = time.time()
    monkeypatch.setattr(time, "time", lambda: start + 25 * 60)
    assert client.post(reverse("session_keep_alive")).json() == {"status": "ok"}
    monkeypatch.setattr(time, "time", lambda: start + 50 * 60)
    assert client.get(reverse("home")).status_code == 200


def test_timeout_warning_dialog_is_on_signed_in_pages(client_for):
    body = client_for("caseworker").get(reverse("home")).content.decode()
    assert 'data-timeout-seconds="1800"' in body
    assert "Stay signed in" in body


@pytest.mark.parametrize(("password", "ok"), [
    ("exampleshire2026!", False),
    ("Password123456", False),
    ("ehcp-ehcp-2026", False),
    ("plum-orchard-lantern", True),
    ("correct horse battery staple", True),
])
def test_password_deny_list(password, ok):
    validator = LocalDenyListValidator()
    if ok:
        validator.validate(password)
    else:
        with pytest.raises(Exception, match="too easy to guess"):
            validator.validate(password)


def test_short_passwords_are_refused_at_signup(client, db):
    response = client.post(reverse("account_signup"), {
        "full_name": "Pat Parent", "email": "pat@example.test", "family_role": "parent_carer",
        "password1": "short-pass", "password2": "short-pass"})
    assert response.status_code in (200, 400)
    assert b"at least 12 characters" in response.content


def test_public_signup_makes_a_family_account_with_no_access(client, db):
    from send_portal.accounts.models import User
    from send_portal.people.models import Child

    response = client.post(reverse("account_signup"), {
        "full_name": "Pat Parent", "email": "pat@example.test", "family_role": "parent_carer",
        "password1": "plum-orchard-lantern", "password2": "plum-orchard-lantern"})
    assert response.status_code == 302
    user = User.objects.get(email="pat@example.test")
    assert user.family_role == "parent_carer"
    assert not user.memberships.exists()
    assert not Child.objects.filter(family_links__user=user).exists()


def test_sign_in_rate_limit_counts_in_the_shared_database_cache(world, client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,3/300s/key"}
    assert caches["default"].__class__.__name__ == "DatabaseCache"
    url = reverse("account_login")
    for _ in range(3):
        client.post(url, {"login": world.parent_a.email, "password": "wrong-password-here"})
    response = client.post(url, {"login": world.parent_a.email, "password": factories.PASSWORD})
    assert b"Too many failed" in response.content
    assert "_auth_user_id" not in client.session


def test_admin_login_goes_through_allauth(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_sessions_end_after_twelve_hours_however_active(client_for, monkeypatch):
    client = client_for("parent_a")
    start = time.time()
    for minutes in range(0, 12 * 60, 50):
        monkeypatch.setattr(time, "time", lambda minutes=minutes: start + minutes * 60)
        assert client.get(reverse("home")).status_code == 200
    monkeypatch.setattr(time, "time", lambda: start + 12 * 60 * 60 + 60)
    response = client.get(reverse("home"))
    assert response.url == reverse("session_timed_out")
    assert response["Clear-Site-Data"] == '"cache", "storage"'


def test_signing_out_clears_browser_data(client_for):
    client = client_for("parent_a")
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'
