"""C-07 revocation is immediate: access ends at the very next request after it is taken away, on the same
signed-in session (the same client, the same cookie), with no sign-out needed.

Each test signs in, proves the page opens, takes the access away through the service the portal uses, and
replays requests on the same session.
"""

import datetime as dt

import pytest
from django.urls import reverse

from alt_provision.models import Placement
from alt_provision.services import placement_end
from send_portal.organisations.models import Role
from send_portal.organisations.services import membership_end, membership_start
from send_portal.people.services import family_link_end
from tests.conftest import CANARY_A
from tests.targets import policy_targets

SIGN_IN = "/accounts/login/"


def _replay(client, requests):
    """Each (method, url) on the same session; the ones that succeeded (2xx)."""
    succeeded = []
    for method, url in requests:
        response = client.post(url, {"confirm": "1"}) if method == "post" else client.get(url)
        if 200 <= response.status_code < 300:
            succeeded.append(f"{method.upper()} {url}: {response.status_code}")
    return succeeded


@pytest.mark.parametrize("name", ["parent_a", "caseworker"])
def test_a_deactivated_account_is_signed_out_at_its_next_request(world, client_for, name):
    client = client_for(name)
    child = reverse("child_detail", args=[world.child_a.pk])
    assert client.get(child).status_code == 200

    user = world.users[name]
    user.is_active = False
    user.save(update_fields=["is_active"])

    for url in (child, reverse("ehc_case_list"), reverse("home")):
        response = client.get(url)
        assert not response.wsgi_request.user.is_authenticated, url
        assert response.status_code in (200, 302)
        if response.status_code == 302:
            assert response["Location"].startswith(SIGN_IN)
    # Signed-in-only pages and posts go to the sign-in page too.
    assert client.post(reverse("session_keep_alive")).status_code == 302
    assert _replay(client, [("get", child), ("post", reverse("child_edit", args=[world.child_a.pk]))]) == []


def test_an_ended_membership_loses_its_role_pages_at_once(world, client_for):
    client = client_for("senco_a")
    child = reverse("child_detail", args=[world.child_a.pk])
    pages = [("get", child), ("get", reverse("child_list")), ("get", reverse("ehc_case_list")),
             ("get", reverse("ap_referrals"))]
    assert len(_replay(client, pages)) == len(pages)

    membership_end(membership=world.senco_a.memberships.get())

    assert _replay(client, pages) == []
    assert client.get(child).status_code == 403  # no role left for the page at all


def test_a_caseworker_who_moves_team_loses_the_old_councils_children_at_once(world, client_for):
    client = client_for("caseworker")
    child_a = reverse("child_detail", args=[world.child_a.pk])
    child_other = reverse("child_detail", args=[world.child_other.pk])
    assert client.get(child_a).status_code == 200
    assert client.get(child_other).status_code == 404

    membership_end(membership=world.caseworker.memberships.get(organisation=world.team))
    membership_start(user=world.caseworker, organisation=world.other_team, role=Role.LA_CASEWORKER)

    assert _replay(client, [("get", child_a), ("get", reverse("child_edit", args=[world.child_a.pk])),
                            ("post", reverse("child_capacity_record", args=[world.child_a.pk]))]) == []
    assert client.get(child_a).status_code == 404
    assert CANARY_A not in client.get(reverse("child_list"), {"q": "Adams"}).content.decode()
    assert CANARY_A not in client.get(reverse("ehc_case_list")).content.decode()
    assert client.get(child_other).status_code == 200  # the new council's children, at once too


def test_a_provider_loses_the_pupil_when_the_placement_ends(world, client_for):
    kwargs, _, _ = policy_targets(world, only="ap_placement")["ap_placement"]
    placement = Placement.objects.get(pk=kwargs["pk"])
    client = client_for("provider")
    page = reverse("ap_placement", kwargs=kwargs)
    review = reverse("ap_placement_review_new", kwargs=kwargs)
    assert client.get(page).status_code == 200
    assert CANARY_A in client.get(reverse("ap_attendance")).content.decode()

    placement_end(placement=placement, outcome=Placement.Outcome.REINTEGRATED, outcome_on=dt.date.today(),
                  ended_by=world.senco_a)

    assert _replay(client, [("get", page), ("get", review), ("post", review)]) == []
    assert client.get(page).status_code == 404
    assert CANARY_A not in client.get(reverse("ap_attendance")).content.decode()
    # The school that commissioned it still has the record.
    assert client_for("senco_a").get(page).status_code == 200


def test_an_ended_family_link_loses_the_child_at_once(world, client_for):
    client = client_for("parent_a")
    child = reverse("child_detail", args=[world.child_a.pk])
    assert client.get(child).status_code == 200
    assert CANARY_A in client.get(reverse("ehc_request_new")).content.decode()  # a child they may ask about

    family_link_end(link=world.child_a.family_links.get(user=world.parent_a))

    assert _replay(client, [("get", child)]) == []
    assert client.get(child).status_code == 404
    assert CANARY_A not in client.get(reverse("ehc_request_new")).content.decode()
