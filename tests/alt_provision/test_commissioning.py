"""Commissioning a placement through a call-off, through the pages: the requirement, sending it to the eligible
providers, their offers, the side-by-side comparison and the award that starts the placement. Providers never see
the pupil's name or identity, and nobody reaches a requirement or call-off that is not theirs."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from alt_provision.models import ApprovedProvider, CallOffInvitation, Offer, Placement, PlacementRequirement
from alt_provision.selectors import earliest_offers_close
from send_portal.notifications.models import Notification
from send_portal.organisations.models import OrganisationKind, Role
from tests import factories
from tests.alt_provision.targets_commissioning import (
    NEEDS,
    approved_provider,
    called_off_requirement,
    commissioning_lot,
    draft_requirement,
)
from tests.conftest import CANARY_A

pytestmark = pytest.mark.django_db


def _date(prefix, day):
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


def _requirement_post(world, lot, **changes):
    today = timezone.localdate()
    data = {"child": str(world.child_a.pk), "lot": str(lot.pk), "needs_summary": NEEDS, "has_ehc_plan": "False",
            "is_looked_after": "False", "area": "Testtown", **_date("start_on", today + dt.timedelta(days=21)),
            "hours_per_week": "15", "days": ["MO", "WE", "TU"], "objectives": "Attend every session.\nRead daily.",
            "tier": "2", "reintegration_aim": "Back at school full time by summer.", "budget": "500"}
    data.update(changes)
    return data


def _offer_post(start_on, price="450", **changes):
    return {"price": price, **_date("start_on", start_on), "hours_per_week": "15",
            "staffing": "A qualified teacher with a ratio of 1 to 4.", "notes": "", **changes}


@pytest.fixture
def market(world):
    """Two admitted providers in the lot, one suspended in it, and one admitted only to another lot."""
    lot, other_lot = commissioning_lot(), commissioning_lot("tuition", "Tuition and online")
    second_org = factories.OrganisationFactory(name="Second Provider", kind=OrganisationKind.PROVIDER)
    suspended_org = factories.OrganisationFactory(name="Suspended Provider", kind=OrganisationKind.PROVIDER)
    elsewhere_org = factories.OrganisationFactory(name="Tuition Provider", kind=OrganisationKind.PROVIDER)
    world.users["second"] = factories.staff_user(second_org, Role.PROVIDER, email="second@provider.test")
    world.users["suspended"] = factories.staff_user(suspended_org, Role.PROVIDER, email="suspended@provider.test")
    world.users["elsewhere"] = factories.staff_user(elsewhere_org, Role.PROVIDER, email="elsewhere@provider.test")
    return {
        "lot": lot, "other_lot": other_lot,
        "first": approved_provider(world.provider_org, lot),
        "second": approved_provider(second_org, lot, registered=True),
        "suspended": approved_provider(suspended_org, lot, status=ApprovedProvider.Status.SUSPENDED),
        "elsewhere": approved_provider(elsewhere_org, other_lot),
    }


def _assert_anonymous(world, text):
    for identity in (CANARY_A, world.child_a.family_name, world.child_a.reference):
        assert identity not in text


def test_a_school_commissions_a_placement_through_a_call_off(world, client_for, market,
                                                             django_capture_on_commit_callbacks):
    today = timezone.localdate()
    client = client_for("senco_a")
    assert client.get(reverse("ap_requirements")).status_code == 200
    page = client.get(reverse("ap_requirement_new") + f"?child={world.child_a.pk}")
    assert page.status_code == 200 and CANARY_A in page.content.decode()

    response = client.post(reverse("ap_requirement_new"), _requirement_post(world, market["lot"]))
    requirement = PlacementRequirement.objects.get()
    assert response.status_code == 302 and response.url == reverse("ap_requirement", args=[requirement.pk])
    assert requirement.commissioner == world.school_a and requirement.days == "MO,TU,WE"
    assert requirement.status == PlacementRequirement.Status.DRAFT

    edited = client.post(reverse("ap_requirement_edit", args=[requirement.pk]),
                         _requirement_post(world, market["lot"], budget="520.50"))
    assert edited.status_code == 302
    requirement.refresh_from_db()
    assert requirement.budget == Decimal("520.50")

    assert client.get(reverse("ap_requirement_send", args=[requirement.pk])).status_code == 200
    offers_by = today + dt.timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(reverse("ap_requirement_send", args=[requirement.pk]), _date("offers_by", offers_by))
    assert sent.status_code == 302
    requirement.refresh_from_db()
    assert requirement.status == PlacementRequirement.Status.CALLED_OFF and requirement.offers_by == offers_by
    invited = set(CallOffInvitation.objects.filter(requirement=requirement).values_list("provider_id", flat=True))
    assert invited == {market["first"].pk, market["second"].pk}
    invited_to = {message.to[0] for message in mail.outbox}
    assert {"provider@example.test", "second@provider.test"} <= invited_to
    assert not {"suspended@provider.test", "elsewhere@provider.test"} & invited_to

    # Each invited provider sees the requirement without the pupil's identity, and offers.
    start = requirement.start_on
    for name, provider, price in (("provider", market["first"], "480"), ("second", market["second"], "430")):
        client = client_for(name)
        listing = client.get(reverse("ap_calloffs")).content.decode()
        assert f"Requirement {requirement.pk}" in listing
        _assert_anonymous(world, listing)
        invitation = CallOffInvitation.objects.get(requirement=requirement, provider=provider)
        detail = client.get(reverse("ap_calloff", args=[invitation.pk]))
        assert detail.status_code == 200
        body = detail.content.decode()
        _assert_anonymous(world, body)
        assert "Needs a small group" in body and "Monday, Tuesday, Wednesday" in body
        assert client.post(reverse("ap_calloff_offer", args=[invitation.pk]),
                           _offer_post(start, price)).status_code == 302
    # The first provider changes its offer; still one offer each.
    first_invitation = CallOffInvitation.objects.get(requirement=requirement, provider=market["first"])
    client = client_for("provider")
    assert client.post(reverse("ap_calloff_offer", args=[first_invitation.pk]),
                       _offer_post(start, "470")).status_code == 302
    assert Offer.objects.filter(requirement=requirement).count() == 2
    assert Offer.objects.get(provider=market["first"]).price == Decimal("470")

    # The school compares the offers side by side and awards with reasons.
    client = client_for("senco_a")
    compare = client.get(reverse("ap_requirement", args=[requirement.pk])).content.decode()
    assert "Test Provider" in compare and "Second Provider" in compare and "470.00" in compare
    winner = Offer.objects.get(provider=market["second"])
    award_url = reverse("ap_requirement_award", args=[requirement.pk, winner.pk])
    assert client.get(award_url).status_code == 200
    review_on = start + dt.timedelta(weeks=6)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        awarded = client.post(award_url, {"reasons": "Best value and a registered school.",
                                          "named_contact": "Robin Lead", **_date("next_review_on", review_on)})
    assert awarded.status_code == 302
    requirement.refresh_from_db()
    assert requirement.status == PlacementRequirement.Status.AWARDED
    assert requirement.award_reasons == "Best value and a registered school."
    assert Offer.objects.get(pk=winner.pk).status == Offer.Status.AWARDED
    assert Offer.objects.get(provider=market["first"]).status == Offer.Status.UNSUCCESSFUL
    placement = Placement.objects.get()
    assert (placement.child, placement.home_school, placement.commissioner) == (world.child_a, world.school_a,
                                                                                world.school_a)
    assert placement.provider == market["second"] and placement.offer == winner
    assert placement.requirement == requirement and placement.weekly_cost == Decimal("430")
    assert placement.provider_is_registered_school and placement.named_contact == "Robin Lead"
    assert placement.next_review_on == review_on and placement.starts_on == start and placement.tier == "2"
    assert placement.reintegration_plan == "Back at school full time by summer."
    assert {m.to[0]: m.subject for m in mail.outbox} == {
        "second@provider.test": f"Your offer was successful: requirement {requirement.pk}",
        "provider@example.test": f"Your offer was not successful: requirement {requirement.pk}",
    }
    for message in mail.outbox:
        _assert_anonymous(world, message.subject + message.body)
    assert Notification.objects.filter(template="ap_calloff_invited").count() == 2

    # Providers' pages after the award still name nobody.
    for name in ("provider", "second"):
        client = client_for(name)
        _assert_anonymous(world, client.get(reverse("ap_calloffs")).content.decode())


def test_bad_requirement_answers_are_shown_and_nothing_is_saved(world, client_for, market):
    client = client_for("senco_a")
    empty = client.post(reverse("ap_requirement_new"), {})
    assert empty.status_code == 400
    body = empty.content.decode()
    assert "There is a problem" in body and "Select the pupil the placement is for" in body
    past = timezone.localdate() - dt.timedelta(days=1)
    for changes, message in (({"hours_per_week": "41"}, "no more than 40"),
                             ({"hours_per_week": "0"}, "more than 0"),
                             (_date("start_on", past), "today or in the future"),
                             ({"days": []}, "Select the days"),
                             ({"budget": "-1"}, "£0 or more"),
                             ({"child": str(world.child_b.pk)}, "Select a pupil from the list")):
        response = client.post(reverse("ap_requirement_new"), _requirement_post(world, market["lot"], **changes))
        assert response.status_code == 400, changes
        assert "There is a problem" in response.content.decode() and message in response.content.decode()
    assert not PlacementRequirement.objects.exists()


def test_offers_close_at_least_one_working_day_ahead(world, client_for, market):
    requirement = draft_requirement(world, market["lot"])
    client = client_for("senco_a")
    today = timezone.localdate()
    response = client.post(reverse("ap_requirement_send", args=[requirement.pk]), _date("offers_by", today))
    assert response.status_code == 400
    assert "at least 1 working day" in response.content.decode()
    requirement.refresh_from_db()
    assert requirement.status == PlacementRequirement.Status.DRAFT and not requirement.invitations.exists()
    assert client.post(reverse("ap_requirement_send", args=[requirement.pk]),
                       _date("offers_by", earliest_offers_close(today))).status_code == 302


def test_a_lot_with_no_eligible_provider_is_refused(world, client_for, market):
    empty_lot = commissioning_lot("post-16", "Post-16")
    requirement = draft_requirement(world, empty_lot)
    client = client_for("senco_a")
    response = client.post(reverse("ap_requirement_send", args=[requirement.pk]),
                           _date("offers_by", timezone.localdate() + dt.timedelta(days=10)))
    assert response.status_code == 400
    assert "No approved provider can take call-offs" in response.content.decode()
    requirement.refresh_from_db()
    assert requirement.status == PlacementRequirement.Status.DRAFT


def test_providers_not_invited_get_404_and_suspended_ones_cannot_offer(world, client_for, market):
    requirement, invitations = called_off_requirement(world, market["lot"], [market["first"], market["suspended"]])
    first = invitations[market["first"].pk]
    client = client_for("elsewhere")
    assert "Requirement" not in client.get(reverse("ap_calloffs")).content.decode().split("<h1")[1]
    for name in ("ap_calloff", "ap_calloff_offer", "ap_calloff_withdraw"):
        assert client.get(reverse(name, args=[first.pk])).status_code == 404
        assert client.post(reverse(name, args=[first.pk]), _offer_post(requirement.start_on)).status_code == 404
    assert not Offer.objects.exists()

    client = client_for("suspended")
    suspended = invitations[market["suspended"].pk]
    refused = client.post(reverse("ap_calloff_offer", args=[suspended.pk]), _offer_post(requirement.start_on))
    assert refused.status_code == 400 and "cannot make or change offers" in refused.content.decode()
    assert not Offer.objects.exists()


def test_provider_offer_errors_and_withdrawal(world, client_for, market):
    requirement, invitations = called_off_requirement(world, market["lot"], [market["first"]])
    invitation = invitations[market["first"].pk]
    client = client_for("provider")
    bad = client.post(reverse("ap_calloff_offer", args=[invitation.pk]),
                      _offer_post(requirement.start_on, price="-5", staffing=""))
    assert bad.status_code == 400
    assert "There is a problem" in bad.content.decode() and "Price must be £0 or more" in bad.content.decode()
    assert client.post(reverse("ap_calloff_offer", args=[invitation.pk]),
                       _offer_post(requirement.start_on)).status_code == 302
    assert client.get(reverse("ap_calloff_withdraw", args=[invitation.pk])).status_code == 200
    assert client.post(reverse("ap_calloff_withdraw", args=[invitation.pk])).status_code == 302
    assert Offer.objects.get().status == Offer.Status.WITHDRAWN


def test_another_schools_senco_gets_404(world, client_for, market):
    requirement, _ = called_off_requirement(world, market["lot"], [market["first"]], offer_from=market["first"])
    offer = requirement.offers.get()
    client = client_for("senco_b")
    assert f"Requirement {requirement.pk}" not in client.get(reverse("ap_requirements")).content.decode()
    for name, args in (("ap_requirement", [requirement.pk]), ("ap_requirement_edit", [requirement.pk]),
                       ("ap_requirement_send", [requirement.pk]), ("ap_requirement_cancel", [requirement.pk]),
                       ("ap_requirement_award", [requirement.pk, offer.pk])):
        assert client.get(reverse(name, args=args)).status_code == 404
    response = client.post(reverse("ap_requirement_award", args=[requirement.pk, offer.pk]),
                           {"reasons": "x", "named_contact": "x", **_date("next_review_on", requirement.start_on
                                                                             + dt.timedelta(days=40))})
    assert response.status_code == 404
    assert not Placement.objects.exists()
    # Nor can they commission for a pupil at another school.
    assert client_for("senco_b").post(reverse("ap_requirement_new"),
                                      _requirement_post(world, market["lot"])).status_code == 400


def _award(client, requirement, offer, **changes):
    data = {"reasons": "Best value.", "named_contact": "Robin Lead",
            **_date("next_review_on", requirement.start_on + dt.timedelta(weeks=6)), **changes}
    return client.post(reverse("ap_requirement_award", args=[requirement.pk, offer.pk]), data)


def test_awarding_twice_is_refused(world, client_for, market):
    requirement, _ = called_off_requirement(world, market["lot"], [market["first"]], offer_from=market["first"])
    offer = requirement.offers.get()
    client = client_for("senco_a")
    assert _award(client, requirement, offer).status_code == 302
    again = _award(client, requirement, offer)
    assert again.status_code == 302
    assert "already been awarded" in client.get(again.url).content.decode()
    assert Placement.objects.count() == 1


def test_an_award_racing_another_hits_the_database_rule_and_shows_an_error(world, client_for, market):
    requirement, _ = called_off_requirement(world, market["lot"], [market["first"], market["second"]],
                                            offer_from=market["first"])
    Offer.objects.create(requirement=requirement, provider=market["second"], price=Decimal("400"),
                         start_on=requirement.start_on, hours_per_week=Decimal("15"), staffing="Two tutors.",
                         submitted_by=world.users["provider"])
    first, second = requirement.offers.order_by("pk")
    client = client_for("senco_a")
    assert client.get(reverse("ap_requirement_award", args=[requirement.pk, second.pk])).status_code == 200
    # Another commissioner's award landed in between, before this requirement's status changed.
    Offer.objects.filter(pk=first.pk).update(status=Offer.Status.AWARDED)
    response = _award(client, requirement, second)
    assert response.status_code == 400
    assert "already been awarded" in response.content.decode()
    assert not Placement.objects.exists()
    assert Offer.objects.get(pk=second.pk).status == Offer.Status.SUBMITTED


def test_award_needs_reasons_and_a_review_after_the_start(world, client_for, market):
    requirement, _ = called_off_requirement(world, market["lot"], [market["first"]], offer_from=market["first"])
    offer = requirement.offers.get()
    client = client_for("senco_a")
    response = _award(client, requirement, offer, reasons="",
                      **_date("next_review_on", requirement.start_on))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Enter the reasons for the award" in body
    response = _award(client, requirement, offer, **_date("next_review_on", requirement.start_on))
    assert response.status_code == 400 and "must be after the placement starts" in response.content.decode()
    assert not Placement.objects.exists()
    requirement.refresh_from_db()
    assert requirement.status == PlacementRequirement.Status.CALLED_OFF


def test_a_pupil_with_no_home_school_cannot_be_awarded(world, client_for, market):
    requirement, _ = called_off_requirement(world, market["lot"], [market["first"]], offer_from=market["first"])
    offer = requirement.offers.get()
    type(world.child_a).objects.filter(pk=world.child_a.pk).update(current_setting=None)
    # The council commissions here: the pupil is no longer at the school.
    requirement.commissioner = world.council
    requirement.save()
    client = client_for("caseworker")
    response = _award(client, requirement, offer)
    assert response.status_code == 302
    assert "no home school recorded" in client.get(response.url).content.decode()
    assert not Placement.objects.exists()


def test_award_waits_for_offers_to_close_unless_everyone_answered(world, client_for, market):
    requirement, _ = called_off_requirement(world, market["lot"], [market["first"], market["second"]],
                                            offer_from=market["first"])
    offer = requirement.offers.get()
    client = client_for("senco_a")
    early = _award(client, requirement, offer)
    assert early.status_code == 302 and not Placement.objects.exists()
    PlacementRequirement.objects.filter(pk=requirement.pk).update(
        offers_by=timezone.localdate() - dt.timedelta(days=1))
    assert _award(client, requirement, offer).status_code == 302
    assert Placement.objects.count() == 1


def test_a_council_officer_commissions_for_the_council(world, client_for, market):
    client = client_for("caseworker")
    response = client.post(reverse("ap_requirement_new"), _requirement_post(world, market["lot"]))
    assert response.status_code == 302
    requirement = PlacementRequirement.objects.get()
    assert requirement.commissioner == world.council
    assert client.get(reverse("ap_requirement", args=[requirement.pk])).status_code == 200
    # The school's SENCO does not see the council's requirement, nor another council's officer.
    assert client_for("senco_a").get(reverse("ap_requirement", args=[requirement.pk])).status_code == 404
    assert client_for("other_caseworker").get(reverse("ap_requirement", args=[requirement.pk])).status_code == 404


def test_cancel_a_draft(world, client_for, market):
    requirement = draft_requirement(world, market["lot"])
    client = client_for("senco_a")
    assert client.post(reverse("ap_requirement_cancel", args=[requirement.pk])).status_code == 302
    requirement.refresh_from_db()
    assert requirement.status == PlacementRequirement.Status.CANCELLED
    assert client.get(reverse("ap_requirement_edit", args=[requirement.pk])).status_code == 302


def test_a_final_ehc_plan_prefills_and_is_checked(world, client_for, market):
    from tests.targets import final_plan_case

    final_plan_case(world)
    client = client_for("senco_a")
    page = client.get(reverse("ap_requirement_new") + f"?child={world.child_a.pk}").content.decode()
    yes_radio = re.search(r'id="id_has_ehc_plan_1"[^>]*>', page).group(0)
    assert 'value="True"' in yes_radio and "checked" in yes_radio
    response = client.post(reverse("ap_requirement_new"), _requirement_post(world, market["lot"]))
    assert response.status_code == 400 and "final education, health and care (EHC) plan" in response.content.decode()
    assert client.post(reverse("ap_requirement_new"),
                       _requirement_post(world, market["lot"], has_ehc_plan="True")).status_code == 302
