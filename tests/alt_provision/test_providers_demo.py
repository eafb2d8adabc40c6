"""The approved provider list's demo data: what the issue asks for, and safe to run twice."""

import datetime as dt
from io import StringIO

import pytest
from django.utils import timezone

from alt_provision import demo, selectors
from alt_provision.models import ApprovedProvider, Lot, ProviderApplication, ProviderStatusChange, QualityVisit
from local_offer.models import DirectoryOrganisation
from send_portal.organisations.models import OrganisationKind, Role
from tests import factories

pytestmark = pytest.mark.django_db


def test_demo_providers(world):
    organisations = [world.provider_org] + [
        factories.OrganisationFactory(name=f"Demo Provider {n}", kind=OrganisationKind.PROVIDER) for n in range(7)]
    factories.staff_user(organisations[1], Role.PROVIDER, email="second@example.test")
    seed_world = {"providers": organisations, "provider": world.provider, "manager": world.manager,
                  "council": world.council}
    demo._providers(seed_world, StringIO())
    counts = (Lot.objects.count(), ApprovedProvider.objects.count(), ProviderStatusChange.objects.count(),
              QualityVisit.objects.count())
    demo._providers(seed_world, StringIO())
    assert (Lot.objects.count(), ApprovedProvider.objects.count(), ProviderStatusChange.objects.count(),
            QualityVisit.objects.count()) == counts == (6, 8, counts[2], 1)

    today = timezone.localdate()
    statuses = sorted(ApprovedProvider.objects.values_list("status", flat=True))
    assert statuses == ["admitted"] * 7 + ["suspended"]
    expiring = ApprovedProvider.objects.get(organisation=organisations[demo.INSURANCE_EXPIRING])
    insurance = selectors.current_evidence(expiring)["insurance"]
    assert today < insurance.expires_on <= today + dt.timedelta(days=7)
    assert all(selectors.evidence_summary(p, today) == "in_date" for p in ApprovedProvider.objects.exclude(
        pk=expiring.pk))
    assert ProviderApplication.objects.filter(status="submitted").count() == 1
    suspended = ApprovedProvider.objects.get(status="suspended")
    assert suspended.history.count() == 3
    assert DirectoryOrganisation.objects.filter(is_approved_provider=True).count() == 7
