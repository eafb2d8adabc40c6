"""Regression tests for holes an independent review found in the foundation."""

import time

import pytest
from auditlog.models import LogEntry
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse

from send_portal.invitations.selectors import roles_user_can_invite
from send_portal.invitations.services import (
    InvitationUnusable,
    invitation_accept,
    invitation_create_family,
    invitation_create_staff,
)
from send_portal.organisations.models import Membership, Role
from send_portal.organisations.services import membership_end
from send_portal.people.models import CapacityDecision
from tests import factories

pytestmark = pytest.mark.django_db
BASE = "http://testserver/"


def test_a_manager_cannot_make_anyone_an_administrator_or_lead(world):
    roles = roles_user_can_invite(world.manager, world.council)
    assert Role.ADMINISTRATOR not in roles and Role.PARTNERSHIP_LEAD not in roles
    with pytest.raises(ValidationError):
        invitation_create_staff(created_by=world.manager, email="x@example.test", full_name="X",
                                organisation=world.council, role=Role.ADMINISTRATOR, base_url=BASE)


def test_a_manager_cannot_invite_into_a_school_or_another_council(world):
    assert roles_user_can_invite(world.manager, world.school_b) == []
    assert roles_user_can_invite(world.manager, world.other_council) == []


@pytest.mark.parametrize("inviter", ["manager", "admin", "senco_a"])
def test_nobody_can_invite_themselves(world, inviter):
    user = world.users[inviter]
    organisation = user.memberships.get().organisation
    role = roles_user_can_invite(user, organisation)[0]
    with pytest.raises(ValidationError):
        invitation_create_staff(created_by=user, email=user.email.upper(), full_name="Me",
                                organisation=organisation, role=role, base_url=BASE)


def test_an_invitation_dies_with_the_inviters_authority(world):
    invitation, token = invitation_create_staff(created_by=world.senco_a, email="new@example.test",
                                                full_name="New", organisation=world.school_a, role=Role.SENCO,
                                                base_url=BASE)
    membership_end(membership=world.senco_a.memberships.get())
    with pytest.raises(InvitationUnusable):
        invitation_accept(token=token, user=factories.UserFactory(email="new@example.test"))


def test_a_family_invitation_dies_when_the_inviter_loses_the_record(world):
    _, token = invitation_create_family(created_by=world.caseworker, email="dad@example.test", full_name="Dad",
                                        child=world.child_a, relationship="father",
                                        has_parental_responsibility=True, base_url=BASE)
    membership_end(membership=world.caseworker.memberships.get())
    with pytest.raises(InvitationUnusable):
        invitation_accept(token=token, user=factories.UserFactory(email="dad@example.test"))


def test_a_manager_cannot_remove_the_administrator(world, client_for):
    admin_membership = world.admin.memberships.get()
    response = client_for("manager").post(reverse("membership_end", args=[world.council.pk, admin_membership.pk]))
    assert response.status_code == 404
    assert Membership.objects.get(pk=admin_membership.pk).ended_at is None


def test_the_last_administrator_cannot_be_removed(world):
    with pytest.raises(ValidationError):
        membership_end(membership=world.admin.memberships.get())


def test_no_part_of_a_capacity_basis_reaches_the_audit_log(world, client_for):
    basis = "Assessed by Dr Quill of the community learning disability team after three home visits"
    client_for("caseworker").post(reverse("child_capacity_record", args=[world.child_a.pk]), {
        "decision": "all", "assessed_on_0": "3", "assessed_on_1": "2", "assessed_on_2": "2025", "basis": basis})
    assert CapacityDecision.objects.get().basis == basis
    logged = " ".join(str(entry.changes) for entry in LogEntry.objects.all())
    words = basis.split()
    assert not any(" ".join(words[i:i + 2]) in logged for i in range(len(words) - 1))


def test_the_admin_site_cannot_bypass_membership_services_or_browse_the_audit_log(world, rf):
    assert not admin.site.is_registered(LogEntry)
    membership_admin = admin.site._registry[Membership]
    request = rf.get("/admin/")
    request.user = world.admin
    assert not membership_admin.has_add_permission(request)
    assert not membership_admin.has_delete_permission(request)


def test_a_parent_does_not_see_who_else_is_linked(world, client_for):
    other_carer = factories.family_user(full_name="Secret Othercarer")
    factories.link(world.child_a, other_carer, relationship="carer", responsibility=False)
    body = client_for("parent_a").get(reverse("child_detail", args=[world.child_a.pk])).content.decode()
    assert "Secret Othercarer" not in body
    assert "Your link to this record" in body
    council_view = client_for("caseworker").get(reverse("child_detail", args=[world.child_a.pk])).content.decode()
    assert "Secret Othercarer" in council_view


def test_the_timed_out_page_really_signs_out(client_for, monkeypatch):
    client = client_for("caseworker")
    client.get(reverse("home"))
    start = time.time()
    monkeypatch.setattr(time, "time", lambda: start + 30 * 60 - 10)
    page = client.get(reverse("session_timed_out"))
    assert b"You have been signed out" in page.content
    assert client.get(reverse("child_list")).status_code == 302  # sent to sign in


def test_the_timed_out_page_leaves_an_active_session_alone(client_for):
    client = client_for("caseworker")
    client.get(reverse("home"))
    response = client.get(reverse("session_timed_out"))
    assert response.url == reverse("home")
    assert client.get(reverse("child_list")).status_code == 200


def test_a_null_byte_in_the_search_is_a_clear_400(client_for):
    response = client_for("caseworker").get(reverse("child_list"), {"q": "ab\x00c"})
    assert response.status_code == 400
    assert b"There is a problem" in response.content
