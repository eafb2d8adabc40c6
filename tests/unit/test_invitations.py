import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from send_portal.accounts.models import User
from send_portal.invitations.models import Invitation
from send_portal.notifications.models import Notification
from send_portal.organisations.models import Membership, Role
from send_portal.people.models import FamilyLink
from send_portal.people.selectors import children_visible_to
from tests import factories
from tests.helpers import confirm

pytestmark = pytest.mark.django_db


def _token_from_email(message):
    return message.body.split("/invitations/accept/")[1].split("/")[0]


def _invite_parent(client, world, email="new.parent@example.test"):
    client.force_login(world.caseworker)
    url = reverse("child_invite_family", args=[world.child_a.pk])
    answers = {"full_name": "Nia Adams", "email": email, "relationship": "mother",
               "has_parental_responsibility": "True"}
    check = client.post(url, answers, django_capture_on_commit_callbacks=True)
    assert check.status_code == 200
    assert b"Check your answers" in check.content
    done = confirm(client, url, check)
    assert done.status_code == 302
    client.logout()


def test_caseworker_invites_parent_who_creates_an_account_and_sees_exactly_that_child(world, client,
                                                                                      django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _invite_parent(client, world)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.parent@example.test"]
    assert world.child_a.given_name not in message.body  # no personal detail in the email
    token = _token_from_email(message)

    url = reverse("invitation_accept", args=[token])
    page = client.get(url)
    assert b"Create your account" in page.content
    response = client.post(url, {"full_name": "Nia Adams", "password": "plum-orchard-lantern-9",
                                 "password_again": "plum-orchard-lantern-9"})
    assert response.status_code == 302
    parent = User.objects.get(email="new.parent@example.test")
    assert parent.family_role == "parent_carer"
    assert list(children_visible_to(parent)) == [world.child_a]
    assert FamilyLink.objects.get(user=parent).has_parental_responsibility is True

    # Single use: the same link no longer works.
    client.logout()
    assert client.get(url).status_code == 404


def test_invitation_for_existing_account_needs_sign_in_with_the_same_email(world, client,
                                                                           django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _invite_parent(client, world, email=world.parent_b.email)
    token = _token_from_email(mail.outbox[0])
    url = reverse("invitation_accept", args=[token])
    assert b"Sign in to accept" in client.get(url).content

    client.force_login(world.parent_a)
    refused = client.post(url)
    assert refused.status_code == 400
    assert b"different email address" in refused.content
    assert world.child_a not in children_visible_to(world.parent_b)

    client.force_login(world.parent_b)
    assert client.post(url).status_code == 302
    assert world.child_a in children_visible_to(world.parent_b)


def test_expired_and_withdrawn_invitations_cannot_be_used(world, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _invite_parent(client, world)
        _invite_parent(client, world, email="second@example.test")
    first, second = Invitation.objects.order_by("pk")
    first.expires_at = timezone.now() - dt.timedelta(seconds=1)
    first.save()
    client.force_login(world.caseworker)
    assert client.post(reverse("invitation_withdraw", args=[second.pk])).status_code == 302
    client.logout()
    for message in mail.outbox:
        response = client.get(reverse("invitation_accept", args=[_token_from_email(message)]))
        assert response.status_code == 404
        assert b"This invitation cannot be used" in response.content
    assert client.get(reverse("invitation_accept", args=["made-up-token"])).status_code == 404


def test_only_a_hash_of_the_token_is_stored(world, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _invite_parent(client, world)
    token = _token_from_email(mail.outbox[0])
    invitation = Invitation.objects.get()
    assert token not in invitation.token_hash
    assert not Invitation.objects.filter(token_hash=token).exists()


def test_senco_hands_over_to_a_new_senco(world, client, django_capture_on_commit_callbacks):
    client.force_login(world.senco_a)
    # Granting a role needs the password given in the last 5 minutes (tests/security/test_auth_sessions.py).
    client.post(reverse("account_reauthenticate"), {"password": factories.PASSWORD})
    url = reverse("organisation_invite", args=[world.school_a.pk])
    form = client.get(url)
    assert b"Special educational needs co-ordinator" in form.content
    with django_capture_on_commit_callbacks(execute=True):
        check = client.post(url, {"full_name": "New Senco", "email": "new.senco@example.test", "role": Role.SENCO})
        assert confirm(client, url, check).status_code == 302
    client.logout()
    token = _token_from_email(mail.outbox[0])
    client.post(reverse("invitation_accept", args=[token]), {
        "full_name": "New Senco", "password": "plum-orchard-lantern-9", "password_again": "plum-orchard-lantern-9"})
    new_senco = User.objects.get(email="new.senco@example.test")
    assert Membership.objects.get(user=new_senco).organisation == world.school_a
    assert list(children_visible_to(new_senco)) == [world.child_a]
    # A new member of staff must set up two-factor authentication before anything else.
    assert client.get(reverse("home")).url == reverse("mfa_activate_totp")
    assert client.get(reverse("mfa_activate_totp")).status_code == 200


def test_senco_cannot_invite_to_another_school_or_grant_another_role(world, client):
    client.force_login(world.senco_a)
    assert client.get(reverse("organisation_invite", args=[world.school_b.pk])).status_code == 404
    response = client.post(reverse("organisation_invite", args=[world.school_a.pk]),
                           {"full_name": "X", "email": "x@example.test", "role": Role.PANEL_MEMBER})
    assert response.status_code == 400
    assert not Invitation.objects.exists()


def test_bad_invitation_answers_get_clear_errors_and_save_nothing(world, client):
    client.force_login(world.caseworker)
    response = client.post(reverse("child_invite_family", args=[world.child_a.pk]),
                           {"full_name": "", "email": "not-an-email", "relationship": "self",
                            "has_parental_responsibility": "True"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Enter the full name of the person you are inviting" in body
    assert "Enter an email address in the correct format" in body
    assert not Invitation.objects.exists()
    assert not Notification.objects.exists()


def test_weak_password_is_refused_when_accepting(world, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _invite_parent(client, world)
    url = reverse("invitation_accept", args=[_token_from_email(mail.outbox[0])])
    response = client.post(url, {"full_name": "Nia", "password": "exampleshire1", "password_again": "exampleshire1"})
    assert response.status_code == 400
    assert not User.objects.filter(email="new.parent@example.test").exists()


def test_admin_can_invite_to_any_organisation(world, client):
    client.force_login(world.admin)
    assert client.get(reverse("organisation_invite", args=[world.icb.pk])).status_code == 200
