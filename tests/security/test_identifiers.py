"""C-09: every URL that names a child's record, or anything under it, carries an unguessable token rather than a
sequential id, and a made-up token gets the same 404 page as a record that is not yours."""

import re

import pytest
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter

from send_portal.core.converters import KINDS, OpaqueIdConverter

# Routes that may keep plain ids, and why. None of them names a child or anything recorded about one.
NOT_CHILD_DATA = {
    "organisation_": "organisations are public bodies (councils, schools, NHS bodies); memberships are staff records",
    "membership_end": "a staff member's membership of an organisation, not a child's record",
    "ap_provider": "the approved provider list: organisations and their applications, not children",
    "ap_evidence_download": "a provider's compliance evidence (insurance, DBS policy), not a child's record",
    "ap_visit_new": "a quality visit to a provider",
    "ap_application_": "a provider's application to join the approved list",
    "ap_school_holiday_delete": "the council's school calendar",
    "ap_school_term_delete": "the council's school calendar",
    "dashboards_": "aggregate figures, the improvement plan, board packs and the SEN2 year: never one child",
    "local_offer_": "the public Local Offer directory (services already have UUID keys)",
    "oruk_": "the public Open Referral UK API, keyed by the published UUIDs",
    "invitation_accept": "the single-use invitation token itself is the secret",
    "admin:": "the Django admin, for administrators, which shows no child records",
    "account_": "allauth sign-in pages",
}

# Parameters on child-data routes that are not identifiers at all.
NOT_IDENTIFIERS = {
    ("ehc_plan_item_delete", "kind"): "which list the item is in: need, outcome or provision",
}


def _patterns(resolver, prefix="", namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _patterns(pattern, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name or ''}", prefix + str(pattern.pattern), pattern.pattern.converters


def _reason_not_child_data(name):
    return next((reason for start, reason in NOT_CHILD_DATA.items() if name.startswith(start)), None)


def test_every_parameter_on_child_data_routes_is_an_opaque_id():
    plain, opaque = [], 0
    for name, route, converters in _patterns(get_resolver()):
        if not converters or _reason_not_child_data(name):
            continue
        for parameter, converter in converters.items():
            if isinstance(converter, OpaqueIdConverter):
                opaque += 1
            elif (name, parameter) not in NOT_IDENTIFIERS:
                plain.append(f"{name}: <{type(converter).__name__} {parameter}> in {route}")
    assert plain == [], "Use an opaque converter (send_portal/core/converters.py) for these"
    assert opaque >= 80  # about 100 today: if this drops sharply the walk has stopped finding the routes


def test_the_allow_list_names_only_routes_that_exist_and_need_it():
    routes = list(_patterns(get_resolver()))
    for start in NOT_CHILD_DATA:
        assert any(name.startswith(start) for name, _, _ in routes), f"{start} matches no route: remove it"
    # Nothing on the allow-list uses an opaque id: if a route became child data it must leave the list.
    on_list_but_opaque = [name for name, _, converters in routes if _reason_not_child_data(name)
                          and any(isinstance(c, OpaqueIdConverter) for c in converters.values())]
    assert on_list_but_opaque == []


def test_no_int_converter_is_left_outside_the_allow_list():
    ints = sorted({name for name, _, converters in _patterns(get_resolver())
                   if any(isinstance(c, IntConverter) for c in converters.values())
                   and not _reason_not_child_data(name)})
    assert ints == []


def test_reverse_takes_the_plain_id_and_the_view_gets_it_back():
    from django.urls import resolve

    url = reverse("ehc_letter_pdf", args=[41, 7])
    assert re.fullmatch(r"/assessments/41-[a-z2-7]{16}/letters/7-[a-z2-7]{16}\.pdf", url)
    assert resolve(url).kwargs == {"pk": 41, "letter_pk": 7}


def test_each_kind_has_its_own_salt_so_tokens_do_not_cross_over():
    child_url = reverse("child_detail", args=[41])
    case_url = reverse("ehc_case_detail", args=[41])
    child_token = child_url.strip("/").split("/")[-1]
    case_token = case_url.strip("/").split("/")[-1]
    assert child_token != case_token
    assert len({reverse("child_detail", args=[n]) for n in range(1, 50)}) == 49
    converters = [type(kind, (OpaqueIdConverter,), {"kind": kind})() for kind in KINDS]
    assert len({converter.to_url(41) for converter in converters}) == len(KINDS)


def _forge(url):
    """The same URL with the id moved on by one but the MAC kept: what someone guessing would try."""
    return re.sub(r"/(\d+)-([a-z2-7]{16})/", lambda m: f"/{int(m[1]) + 1}-{m[2]}/", url, count=1)


def _without_per_request_tokens(response):
    return re.sub(rb'(nonce|value)="[^"]*"', b"", response.content)


@pytest.mark.parametrize("role", ["parent_b", "caseworker"])
def test_a_made_up_token_gets_the_same_404_as_not_yours(world, client_for, role):
    client = client_for(role)
    other_child = world.child_a if role == "parent_b" else world.child_other
    not_yours = client.get(reverse("child_detail", args=[other_child.pk]))
    forged = client.get(_forge(reverse("child_detail", args=[world.child_b.pk])))
    bare_id = client.get(f"/children/{world.child_b.pk}/")  # the old form of the URL no longer resolves
    assert not_yours.status_code == forged.status_code == bare_id.status_code == 404
    assert _without_per_request_tokens(forged) == _without_per_request_tokens(not_yours)
    assert _without_per_request_tokens(bare_id) == _without_per_request_tokens(not_yours)


def test_the_right_person_still_reaches_the_record_through_the_token(world, client_for):
    response = client_for("parent_a").get(reverse("child_detail", args=[world.child_a.pk]))
    assert response.status_code == 200


def test_links_survive_rotating_the_secret_key(world, client_for, settings):
    old_link = reverse("child_detail", args=[world.child_a.pk])
    with override_settings(SECRET_KEY="a-new-key-" + "x" * 50, SECRET_KEY_FALLBACKS=[settings.SECRET_KEY]):
        assert client_for("parent_a").get(old_link).status_code == 200
        new_link = reverse("child_detail", args=[world.child_a.pk])
        assert new_link != old_link  # new links are made with the new key
        assert client_for("parent_a").get(new_link).status_code == 200
    with override_settings(SECRET_KEY="a-new-key-" + "x" * 50, SECRET_KEY_FALLBACKS=[]):
        # Once the old key is retired, links made with it stop working, as sessions do.
        assert client_for("parent_a").get(old_link).status_code == 404


def test_a_token_only_stops_guessing_it_does_not_grant_access(world, client_for):
    # parent_b is given a perfectly valid link to child A: the access helper still refuses it.
    assert client_for("parent_b").get(reverse("child_detail", args=[world.child_a.pk])).status_code == 404


@pytest.mark.parametrize("value", [None, "abc", -1, 1.5j])
def test_reverse_refuses_what_is_not_an_id(value):
    from django.urls import NoReverseMatch

    with pytest.raises(NoReverseMatch):
        reverse("child_detail", args=[value])


def test_converter_rejects_tokens_it_did_not_make():
    converter = OpaqueIdConverter()
    token = converter.to_url(5)
    assert converter.to_python(token) == 5
    number, mac = token.split("-")
    for bad in (f"6-{mac}", f"5-{'a' * 16}", f"5-{mac[:-1]}b" if mac[-1] != "b" else f"5-{mac[:-1]}c"):
        with pytest.raises(ValueError):
            converter.to_python(bad)
