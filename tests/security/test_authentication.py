"""C-13 brute force, C-14 account enumeration and C-15 password policy, through the real sign-in pages.

Test settings switch the sign-in rate limits off so other tests can sign in freely; the tests here put the
production limits back (`production_limits`) and count against them. tests/unit/test_security_defaults.py already
shows that the counts live in the shared database cache and that /admin/login/ sends people to the portal's
sign-in page; these tests check the limits trip at exactly the configured counts, on every way in, and still do
with Redis unreachable.
"""

import re
import time

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.contrib.auth import password_validation
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from send_portal.accounts.models import User
from send_portal.settings import base as base_settings
from tests import factories

pytestmark = pytest.mark.django_db

TOO_MANY = b"Too many failed login attempts"
WRONG = "not-the-password-at-all"
DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1: Redis is down for this test only


@pytest.fixture
def production_limits(settings):
    settings.ACCOUNT_RATE_LIMITS = base_settings.ACCOUNT_RATE_LIMITS
    return base_settings.ACCOUNT_RATE_LIMITS


@pytest.fixture(params=["redis up", "redis down"])
def redis(request, settings):
    """Runs the test twice: as configured, and with the Redis cache pointing at a port where nothing listens."""
    if request.param == "redis down":
        settings.REDIS_URL = DEAD_REDIS
        settings.CACHES = {**settings.CACHES, "redis": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": DEAD_REDIS,
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}}}
        settings.CELERY_BROKER_URL = DEAD_REDIS
    return request.param


def _sign_in(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def _signed_in(client):
    return "_auth_user_id" in client.session


def test_the_configured_limits_meet_cyber_essentials(production_limits):
    # At most 10 guesses per account in 5 minutes (Cyber Essentials); ours is 5 per email in 300 s.
    per_ip, per_key = production_limits["login_failed"].split(",")
    assert per_ip == "10/m/ip"
    assert per_key == "5/300s/key"
    assert production_limits["login"] == "30/m/ip"


def test_sixth_guess_at_one_account_is_refused_even_when_right(world, client, production_limits, redis):
    statuses = []
    for attempt in range(5):
        # Changing the case of the address is the same account, so it does not buy more guesses.
        email = world.parent_a.email.upper() if attempt % 2 else world.parent_a.email
        response = _sign_in(client, email, WRONG)
        statuses.append(response.status_code)
        assert TOO_MANY not in response.content, f"attempt {attempt + 1} was throttled early"
    response = _sign_in(client, world.parent_a.email, factories.PASSWORD)
    statuses.append(response.status_code)
    assert TOO_MANY in response.content
    assert not _signed_in(client)
    # Another 20 guesses in the window are not even checked: never more than 5 guesses at one account.
    checked = 5
    for _ in range(20):
        response = _sign_in(client, world.parent_a.email, WRONG)
        statuses.append(response.status_code)
        checked += TOO_MANY not in response.content
    assert checked == 5
    assert max(statuses) < 500
    # When the 300-second window has passed, the right password works again.
    with time_machine.travel(time.time() + 301):
        response = _sign_in(client, world.parent_a.email, factories.PASSWORD)
    assert response.status_code == 302
    assert _signed_in(client)


def test_eleventh_failure_from_one_address_is_refused_across_accounts(world, client, production_limits, redis):
    emails = [f"nobody{n}@example.test" for n in range(6)] + [world.users[name].email for name in (
        "parent_a", "parent_b", "young_person", "senco_a")]
    for email in emails:
        response = _sign_in(client, email, WRONG)
        assert response.status_code == 200
        assert TOO_MANY not in response.content
    response = _sign_in(client, world.caseworker.email, factories.PASSWORD)  # the 11th, right this time
    assert TOO_MANY in response.content
    assert response.status_code < 500
    assert not _signed_in(client)
    # Another address is not held up by it.
    other = Client(REMOTE_ADDR="192.0.2.44")
    assert _sign_in(other, world.parent_b.email, factories.PASSWORD).status_code == 302


def test_thirty_first_sign_in_post_in_a_minute_gets_429(world, client, production_limits, redis):
    statuses = [_sign_in(client, f"someone{n}@example.test", WRONG).status_code for n in range(30)]
    assert set(statuses) == {200}
    assert _sign_in(client, world.parent_a.email, factories.PASSWORD).status_code == 429
    assert not _signed_in(client)


def test_wrong_authenticator_codes_are_limited_like_passwords(world, client, production_limits, redis):
    assert _sign_in(client, world.caseworker.email, factories.PASSWORD).url == reverse("mfa_authenticate")
    for _ in range(5):
        response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
        assert response.status_code == 200
        assert TOO_MANY not in response.content
    right = format_hotp_value(hotp_value(factories.TEST_TOTP_SECRET, next(yield_hotp_counters_from_time())))
    response = client.post(reverse("mfa_authenticate"), {"code": right})
    assert TOO_MANY in response.content
    assert not _signed_in(client)


def test_the_admin_login_is_not_a_way_round_the_limits(world, client, production_limits, redis):
    admin = world.admin
    for _ in range(6):
        response = client.post("/admin/login/", {"username": admin.email, "password": WRONG})
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    # Even the right password posted to the admin login checks nothing and signs nobody in: the only way in is
    # the portal's rate-limited sign-in with its second factor.
    response = client.post("/admin/login/?next=/admin/", {"username": admin.email, "password": factories.PASSWORD,
                                                          "this_is_the_login_form": "1"})
    assert response.status_code == 302
    assert not _signed_in(client)
    for _ in range(5):
        _sign_in(client, admin.email, WRONG)
    assert TOO_MANY in _sign_in(client, admin.email, factories.PASSWORD).content
    assert not _signed_in(client)


def test_the_admin_site_needs_the_second_factor(world, client):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.filter(user=world.admin).delete()
    client.force_login(world.admin)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_password_reset_requests_are_limited_per_address(world, client, production_limits, redis):
    url = reverse("account_reset_password")
    statuses = [client.post(url, {"email": world.parent_a.email}).status_code for _ in range(6)]
    assert statuses == [302] * 5 + [429]
    assert len(mail.outbox) == 5


def test_sign_ups_are_limited_per_address(db, client, production_limits, redis):
    statuses = [client.post(reverse("account_signup"), {
        "full_name": "Pat", "email": f"pat{n}@example.test", "family_role": "parent_carer",
        "password1": "plum-orchard-lantern", "password2": "plum-orchard-lantern"}).status_code for n in range(21)]
    assert statuses == [302] * 20 + [429]
    assert User.objects.filter(email__startswith="pat").count() == 20


# --- C-14 account enumeration -------------------------------------------------------------------------------

UNKNOWN = "nobody.here@example.test"


def _page(response, email):
    """A response as an attacker compares it: status, where it goes, and the body without per-request tokens or
    the address they typed."""
    body = response.content.decode()
    body = body.replace(email, "EMAIL").replace(email.upper(), "EMAIL")
    body = re.sub(r'(nonce|value)="[^"]*"', "", body)
    body = re.sub(r"csrfmiddlewaretoken[^>]*>", "", body)
    return response.status_code, response.get("Location"), body


def _compare(do, existing, unknown):
    return _page(do(Client(), existing), existing), _page(do(Client(), unknown), unknown)


def test_sign_in_does_not_say_whether_an_account_exists(world):
    def attempt(client, email):
        return _sign_in(client, email, WRONG)

    for existing in (world.parent_a.email, world.caseworker.email):
        known, unknown = _compare(attempt, existing, UNKNOWN)
        assert known[0] == 200
        assert known == unknown


def test_throttled_sign_in_looks_the_same_for_unknown_addresses(world, production_limits):
    def throttled(client, email):
        for _ in range(5):
            _sign_in(client, email, WRONG)
        return _sign_in(client, email, WRONG)

    known, unknown = _compare(throttled, world.parent_a.email, UNKNOWN)
    assert TOO_MANY.decode() in known[2]
    assert known == unknown


def test_password_reset_does_not_say_whether_an_account_exists(world):
    def reset(client, email):
        response = client.post(reverse("account_reset_password"), {"email": email})
        return client.get(response.url) if response.status_code == 302 else response

    for existing in (world.parent_a.email, world.caseworker.email):
        mail.outbox.clear()
        known, unknown = _compare(reset, existing, UNKNOWN)
        assert known[0] == 200
        assert known == unknown
        # Only the real owner gets an email; nobody is mailed about an address with no account.
        assert [message.to for message in mail.outbox] == [[existing]]


def test_sign_up_does_not_say_whether_an_account_exists(world):
    def sign_up(client, email):
        response = client.post(reverse("account_signup"), {
            "full_name": "Pat Parent", "email": email, "family_role": "parent_carer",
            "password1": "plum-orchard-lantern", "password2": "plum-orchard-lantern"})
        first = (response.status_code, response.get("Location"))
        page = client.get(response.url) if response.status_code == 302 else response
        return page, first

    for existing in (world.parent_a.email, world.caseworker.email):
        mail.outbox.clear()
        new = f"new.{existing}"
        (known_page, known_first), (new_page, new_first) = sign_up(Client(), existing), sign_up(Client(), new)
        assert known_first == new_first
        assert known_first[0] == 302
        assert _page(known_page, existing) == _page(new_page, new)
        # The existing owner is told someone tried; no second account was made.
        assert User.objects.filter(email=existing).count() == 1
        assert sorted(message.to[0] for message in mail.outbox) == sorted([existing, new])


# --- C-15 password policy -----------------------------------------------------------------------------------

def _sign_up_with(client, password, email="policy@example.test"):
    response = client.post(reverse("account_signup"), {
        "full_name": "Robin Policy", "email": email, "family_role": "parent_carer",
        "password1": password, "password2": password})
    return response.status_code == 302 and User.objects.filter(email=email).exists()


POLICY_TABLE = [
    # (password, accepted, why)
    ("short-pass1", False, "under 12 characters"),
    ("abcdefghijk", False, "11 characters"),
    ("abcdefghijkl", False, "a run of letters"),
    ("123456789012", False, "a run of digits"),
    ("1q2w3e4r5t6y", False, "a common password"),
    ("SendPortal2025", False, "context word"),
    ("Exampleshire2026!", False, "the council's name"),
    ("ehcp-ehcp-2026", False, "context word"),
    ("localoffer123", False, "context word"),
    ("qwertyuiopasdf", False, "a keyboard row"),
    ("abcabcabcabcabc", False, "a short block repeated"),
    ("policy@example.test", False, "the email address"),
    ("plum-orchard-lantern", True, "three random words"),
    ("correct horse battery staple", True, "spaces"),
    (("walnut-ferry-glacier-mossy-owl-" * 3)[:64], True, "64 characters"),
    (("mackerel violin quartz tundra " * 5)[:128], True, "128 characters"),
    ("château-façade-naïveté", True, "accents"),
    ("кот-лиса-медведь-2024", True, "Cyrillic"),
    ("猫と犬と鳥と魚がいる", False, "10 characters, even if unusual"),
    ("猫と犬と鳥と魚がいる庭の池", True, "Japanese, 13 characters"),
    ("🦊🐢🐙🦉🐝🦔🐳🦩🐌🦀🐞🦜", True, "emoji, 12 characters"),
]


@pytest.mark.parametrize(("password", "accepted", "why"), POLICY_TABLE, ids=[row[2] for row in POLICY_TABLE])
def test_sign_up_applies_the_password_policy(client, db, password, accepted, why):
    assert _sign_up_with(client, password) is accepted


def test_changing_a_password_needs_the_current_one(world, client):
    client.force_login(world.parent_a)
    url = reverse("account_change_password")
    new = "marble-cactus-violin-ferry"
    for current in ("", WRONG):
        response = client.post(url, {"oldpassword": current, "password1": new, "password2": new})
        assert response.status_code == 200
        world.parent_a.refresh_from_db()
        assert world.parent_a.check_password(factories.PASSWORD)
    response = client.post(url, {"oldpassword": factories.PASSWORD, "password1": new, "password2": new})
    assert response.status_code == 302
    world.parent_a.refresh_from_db()
    assert world.parent_a.check_password(new)


def test_a_new_password_must_meet_the_policy_when_changed(world, client):
    client.force_login(world.parent_a)
    response = client.post(reverse("account_change_password"), {
        "oldpassword": factories.PASSWORD, "password1": "Exampleshire1", "password2": "Exampleshire1"})
    assert response.status_code == 200
    world.parent_a.refresh_from_db()
    assert world.parent_a.check_password(factories.PASSWORD)


def test_passwords_never_expire():
    names = {field.name for field in User._meta.get_fields()}
    assert not {name for name in names if re.search(r"expir|password_(changed|set|age)|must_change", name)}
    assert not any("expir" in str(validator).lower() for validator in base_settings.AUTH_PASSWORD_VALIDATORS)


_NO_LATIN_LETTERS = st.characters(blacklist_categories=("Cs", "Cc"),
                                  blacklist_characters="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


@hypothesis_settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(password=st.text(alphabet=_NO_LATIN_LETTERS, min_size=12, max_size=200))
def test_any_long_password_without_a_guessable_word_is_accepted(password):
    # No composition rule and no maximum: 12 or more of any characters (digits, spaces, any script, emoji) pass
    # unless the password is on the deny-list. Django's list is lower-case letters and digits, and the portal's
    # runs are of letters, digits or keys or a block of up to 4 characters repeated, so only a password of digits
    # and spaces, or of 4 or fewer different characters, may be refused here.
    from django.contrib.auth.password_validation import CommonPasswordValidator

    common = password.lower().strip() in CommonPasswordValidator().passwords
    try:
        password_validation.validate_password(password)
    except ValidationError as error:
        few = len(set(password) - {" "}) <= 4
        assert common or few or set(password) <= set("0123456789 "), f"{password!r} refused: {error.messages}"
    else:
        assert not common


@hypothesis_settings(max_examples=200, deadline=None)
@given(length=st.integers(min_value=0, max_value=11), character=st.characters(blacklist_categories=("Cs",)))
def test_every_password_under_twelve_characters_is_refused(length, character):
    with pytest.raises(ValidationError):
        password_validation.validate_password(character * length)
