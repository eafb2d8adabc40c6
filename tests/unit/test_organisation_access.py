"""Access follows the organisation and the role, not the person."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from send_portal.organisations.models import Role
from send_portal.organisations.services import membership_end, membership_start
from send_portal.people.selectors import children_visible_to
from send_portal.people.services import child_change_setting
from tests import factories

pytestmark = pytest.mark.django_db


def test_new_senco_inherits_the_schools_records_and_the_leaver_loses_them(world, client):
    leaver = world.senco_a
    successor = factories.staff_user(world.school_a, Role.SENCO)
    assert list(children_visible_to(successor)) == [world.child_a]

    membership_end(membership=leaver.memberships.get())
    leaver = type(leaver).objects.get(pk=leaver.pk)
    assert list(children_visible_to(leaver)) == []
    client.force_login(leaver)
    assert client.get(reverse("child_detail", args=[world.child_a.pk])).status_code in (403, 404)


def test_caseworkers_in_any_team_see_their_councils_children_only(world):
    second_team = factories.team(world.council, "Second Team")
    colleague = factories.staff_user(second_team, Role.LA_CASEWORKER)
    assert set(children_visible_to(colleague)) == {world.child_a, world.child_b, world.child_yp}
    assert list(children_visible_to(world.other_caseworker)) == [world.child_other]


def test_changing_school_moves_access(world):
    child_change_setting(child=world.child_a, new_setting=world.school_b)
    assert world.child_a not in children_visible_to(world.senco_a)
    assert world.child_a in children_visible_to(world.senco_b)


def test_role_must_suit_the_organisation(world):
    with pytest.raises(ValidationError):
        membership_start(user=factories.UserFactory(), organisation=world.school_a, role=Role.LA_CASEWORKER)


def test_superuser_status_gives_no_access_to_children(world):
    assert list(children_visible_to(world.admin)) == []


def test_inactive_user_sees_nothing(world):
    world.caseworker.is_active = False
    world.caseworker.save()
    assert list(children_visible_to(world.caseworker)) == []
