"""Policy-matrix targets for the alternative provision providers URLs:
URL name -> (kwargs, method, who may reach it).

The builders here are shared with the providers tests: lots, and a provider with every task done."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from alt_provision import services
from alt_provision.models import EvidenceKind, Lot
from send_portal.organisations.models import OrganisationKind, Role
from tests import factories
from tests.alt_provision.targets_commissioning import first_council

# A minimal PDF a reader can open: uploads are opened with pikepdf and stripped of active content.
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
       b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
       b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def make_lots():
    council = first_council()
    primary, _ = Lot.objects.get_or_create(code="primary", defaults={
        "local_authority": council, "name": "Primary", "description": "Ages 5 to 11"})
    tuition, _ = Lot.objects.get_or_create(code="tuition", defaults={
        "local_authority": council, "name": "Tuition and online", "description": "One-to-one tuition"})
    registered, _ = Lot.objects.get_or_create(code="full-time-school", defaults={
        "local_authority": council, "name": "Full-time registered school", "description": "Full-time",
        "registered_schools_only": True})
    return {"primary": primary, "tuition": tuition, "registered": registered}


def pdf(name="certificate.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def ready_provider(organisation, user, *, today=None, lots=None, expires_in=365, with_document=True):
    """A provider with contact details, registration, lots and every piece of evidence in date (draft not sent)."""
    today = today or timezone.localdate()
    provider = services.provider_start(organisation=organisation, user=user)
    services.provider_details_save(provider=provider, contact_name="Pat Provider",
                                   contact_email="office@provider.example", contact_phone="01632 960 123")
    services.provider_registration_save(provider=provider, registration="unregistered")
    services.application_lots_save(provider=provider, lots=lots or [make_lots()["tuition"]], user=user)
    for index, kind in enumerate(EvidenceKind.values):
        services.evidence_add(provider=provider, kind=kind, summary=f"Evidence {kind}", user=user, today=today,
                              valid_from=today - dt.timedelta(days=30),
                              expires_on=today + dt.timedelta(days=expires_in),
                              upload=pdf() if with_document and index == 0 else None)
    provider.refresh_from_db()
    return provider


def targets(world):
    make_lots()
    own = ready_provider(world.provider_org, world.provider)
    evidence = own.evidence.exclude(document="").first()
    other_org = factories.OrganisationFactory(name="Other Provider", kind=OrganisationKind.PROVIDER)
    other_user = factories.staff_user(other_org, Role.PROVIDER, email="other.provider@example.test")
    other = ready_provider(other_org, other_user)
    application = services.application_submit(provider=other, user=other_user)
    mine = {"provider"}
    council = {"caseworker", "manager"}  # officers of the council whose list it is; Otherton's get 404
    return {
        "ap_provider_home": ({}, "get", None),
        "ap_provider_start": ({}, "post", None),
        "ap_provider_application": ({"pk": own.pk}, "get", mine),
        "ap_provider_details": ({"pk": own.pk}, "get", mine),
        "ap_provider_registration": ({"pk": own.pk}, "get", mine),
        "ap_provider_lots": ({"pk": own.pk}, "get", mine),
        "ap_provider_evidence_list": ({"pk": own.pk}, "get", mine),
        "ap_provider_evidence": ({"pk": own.pk, "kind": "insurance"}, "get", mine),
        "ap_provider_submit": ({"pk": own.pk}, "get", mine),
        "ap_evidence_download": ({"pk": evidence.pk}, "get", {"provider", *council}),
        "ap_providers": ({}, "get", None),
        "ap_provider_detail": ({"pk": other.pk}, "get", council),
        "ap_provider_suspend": ({"pk": other.pk}, "get", council),
        "ap_provider_lift": ({"pk": other.pk}, "get", council),
        "ap_provider_remove": ({"pk": other.pk}, "get", council),
        "ap_visit_new": ({"pk": other.pk}, "get", council),
        "ap_application_evaluate": ({"pk": application.pk}, "get", council),
        "ap_application_decide": ({"pk": application.pk}, "get", council),
    }
