"""Partnership leads in partner organisations (the NHS integrated care board, the parent carer forum) read the
dashboards of the councils whose partnership their organisation sits on, with small counts suppressed."""

from django.urls import reverse

from dashboards import selectors
from send_portal.organisations.models import OrganisationKind, Role
from tests import factories


def test_an_nhs_lead_sees_the_partner_councils_figures_suppressed(world, cases, client):
    nhs_lead = factories.staff_user(world.icb, Role.PARTNERSHIP_LEAD, email="nhs.lead@example.test")
    assert list(selectors.councils_for(nhs_lead)) == []
    world.icb.partner_councils.add(world.council)
    assert list(selectors.councils_for(nhs_lead)) == [world.council]
    assert not selectors.sees_unsuppressed(nhs_lead)
    client.force_login(nhs_lead)
    response = client.get(reverse("dashboards_home"), {"period_type": "calendar_year", "period": "2025"})
    assert response.status_code == 200
    assert world.council.name in response.content.decode()
    assert "fewer than 5" in response.content.decode()


def test_a_forum_lead_sees_only_the_councils_the_forum_partners(world, cases):
    forum = factories.OrganisationFactory(name="Test Forum", kind=OrganisationKind.PARENT_CARER_FORUM)
    forum.partner_councils.add(world.other_council)
    forum_lead = factories.staff_user(forum, Role.PARTNERSHIP_LEAD, email="forum.lead@example.test")
    assert list(selectors.councils_for(forum_lead)) == [world.other_council]


def test_an_nhs_adviser_does_not_see_the_dashboards_of_a_partner_council(world):
    world.icb.partner_councils.add(world.council)
    assert list(selectors.councils_for(world.adviser)) == []


def test_a_council_lead_still_sees_their_own_council_once(world):
    world.icb.partner_councils.add(world.council)
    assert list(selectors.councils_for(world.lead)) == [world.council]
