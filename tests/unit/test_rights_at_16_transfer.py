"""Rights at 16: at the end of the school year in which a young person turns 16, notices switch to them, and the
portal invites them to their own account, unless a capacity decision keeps decisions with someone else."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from ehc.services.assessment import _family_contacts
from send_portal.invitations.models import Invitation
from send_portal.people.schoolyear import end_of_school_year_turning_16
from send_portal.people.selectors import notice_recipients, rights_transfer_candidates
from send_portal.people.services import capacity_decision_record, child_update, rights_at_16_invite_due
from tests import factories
from tests.targets import final_plan_case

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def _turned_16_last_school_year(child, email="robin.yp@example.test"):
    """A birthday that puts the end of the school year in which they turned 16 just behind us."""
    start = TODAY.year if TODAY.month >= 9 else TODAY.year - 1
    return child_update(child=child, date_of_birth=dt.date(start - 16, 3, 1), own_email=email)


@pytest.mark.parametrize(("born", "passes_on"), [
    (dt.date(2010, 8, 31), dt.date(2026, 8, 31)),   # youngest in the year: turns 16 on the last day
    (dt.date(2010, 9, 1), dt.date(2027, 8, 31)),    # oldest in the next year
    (dt.date(2012, 2, 29), dt.date(2028, 8, 31)),   # leap-day birthday
])
def test_end_of_the_school_year_in_which_they_turn_16(born, passes_on):
    assert end_of_school_year_turning_16(born) == passes_on


def test_notices_switch_to_the_young_person_and_they_are_invited_once(world, client_for,
                                                                      django_capture_on_commit_callbacks):
    case = final_plan_case(world)
    child = world.child_a
    assert _family_contacts(case) == [world.parent_a]
    child = _turned_16_last_school_year(child)
    case.child.refresh_from_db()
    assert _family_contacts(case) == [world.parent_a]  # no account yet: notices still reach the family
    rows = {row.pk: row for row in rights_transfer_candidates(world.caseworker)}
    assert rows[child.pk].passed_on <= TODAY and not rows[child.pk].self_link
    body = client_for("caseworker").get(reverse("child_rights_at_16")).content.decode()
    assert child.reference in body and "Will be invited" in body

    with django_capture_on_commit_callbacks(execute=True):
        assert rights_at_16_invite_due() == 1
    assert rights_at_16_invite_due() == 0  # an open invitation is not sent again
    invitation = Invitation.objects.get(child=child)
    assert invitation.relationship == "self" and invitation.email == "robin.yp@example.test"
    assert "robin.yp@example.test" in mail.outbox[-1].to

    young_person = factories.family_user("young_person", email="robin.yp@example.test")
    factories.link(child, young_person, relationship="self", responsibility=False)
    assert _family_contacts(case) == [young_person]
    assert client_for("parent_b").get(reverse("child_rights_at_16")).status_code == 403


def test_a_capacity_decision_keeps_notices_with_the_representative(world):
    child = _turned_16_last_school_year(world.child_a)
    representative = factories.family_user(email="advocate@example.test")
    capacity_decision_record(child=child, decision="all", assessed_on=TODAY - dt.timedelta(days=30),
                             basis="Assessed by the learning disability team.", recorded_by=world.caseworker,
                             representative=representative)
    assert notice_recipients(child) == [representative]
    assert rights_at_16_invite_due() == 0  # every decision stays with the representative


def test_the_command_runs_in_the_embedded_default(world):
    _turned_16_last_school_year(world.child_a)
    call_command("transfer_rights_at_16")
    assert Invitation.objects.filter(child=world.child_a, relationship="self").exists()
