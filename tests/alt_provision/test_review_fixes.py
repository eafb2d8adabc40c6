"""Fixes from an independent review of alternative provision."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from alt_provision import services
from alt_provision.models import ApprovedProvider, PlacementRequirement
from tests.alt_provision.targets_commissioning import approved_provider, called_off_requirement, commissioning_lot


def test_a_provider_suspended_after_offering_cannot_be_awarded(world):
    lot = commissioning_lot()
    provider = approved_provider(world.provider_org, lot)
    requirement, _ = called_off_requirement(world, lot, [provider], offer_from=provider)
    ApprovedProvider.objects.filter(pk=provider.pk).update(status=ApprovedProvider.Status.SUSPENDED)
    with pytest.raises(ValidationError, match="cannot be awarded"):
        services.requirement_award(requirement=requirement, offer=requirement.offers.get(), reasons="Best offer.",
                                   named_contact="Sam", next_review_on=timezone.localdate() + dt.timedelta(days=60),
                                   user=world.senco_a, today=requirement.offers_by + dt.timedelta(days=1))
    requirement.refresh_from_db()
    assert requirement.status == PlacementRequirement.Status.CALLED_OFF
    assert not hasattr(requirement, "placement") or requirement.placement is None


def test_offers_cannot_close_years_ahead(world, client_for):
    from tests.alt_provision.targets_commissioning import draft_requirement

    requirement = draft_requirement(world, commissioning_lot())
    far = timezone.localdate() + dt.timedelta(days=4000)
    response = client_for("senco_a").post(reverse("ap_requirement_send", args=[requirement.pk]), {
        "offers_by_0": far.day, "offers_by_1": far.month, "offers_by_2": far.year})
    assert response.status_code == 400
    assert "Offers must close within 3 months" in response.content.decode()


def test_long_subjects_and_keys_do_not_stop_a_message(db, django_capture_on_commit_callbacks):
    from django.core import mail

    from send_portal.notifications.models import Notification
    from send_portal.notifications.services import notification_queue

    with django_capture_on_commit_callbacks(execute=True):
        first = notification_queue(template="ap_evidence_lapsed_team", to="team@council.example",
                                   context={"provider": type("P", (), {"organisation": type("O", (), {
                                       "name": "A" * 200})()})(), "lapsed": ["insurance"], "link": "x"},
                                   idempotency_key="k:" + "x" * 300)
    again = notification_queue(template="ap_evidence_lapsed_team", to="team@council.example",
                               context={"provider": None, "lapsed": [], "link": ""},
                               idempotency_key="k:" + "x" * 300)
    assert first is not None and again is None
    assert len(Notification.objects.get().subject) <= 200
    assert len(mail.outbox) == 1
