"""The approved provider list through the pages: applying, evidence uploads and downloads, evaluation, status
changes, visits, the decision clock and the Local Offer badge."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from alt_provision import selectors, services
from alt_provision.models import (
    ApprovedProvider,
    Criterion,
    Evidence,
    EvidenceKind,
    ProviderApplication,
    ProviderStatusChange,
    QualityVisit,
)
from local_offer import services as local_offer
from send_portal.notifications.models import Notification
from send_portal.organisations.models import OrganisationKind, Role
from tests import factories
from tests.alt_provision.targets_providers import PDF, make_lots, ready_provider
from tests.local_offer import listings

pytestmark = pytest.mark.django_db


def _date(prefix, day):
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


def _evidence_post(today, *, summary="Cover in place", expires_in=365, document=None):
    data = {"summary": summary, **_date("valid_from", today - dt.timedelta(days=10)),
            **_date("expires_on", today + dt.timedelta(days=expires_in))}
    if document is not None:
        data["document"] = document
    return data


def _all_met():
    return {**dict.fromkeys(Criterion.values, "True"), **{f"{value}_note": "" for value in Criterion.values}}


def _submitted(world, **kwargs):
    provider = ready_provider(world.provider_org, world.provider, **kwargs)
    application = services.application_submit(provider=provider, user=world.provider)
    return provider, application


def test_a_provider_applies_and_is_admitted_end_to_end(world, client_for):
    lots = make_lots()
    today = timezone.localdate()
    client = client_for("provider")
    assert client.get(reverse("ap_provider_home")).status_code == 200
    response = client.post(reverse("ap_provider_start"), {"organisation": world.provider_org.pk})
    provider = ApprovedProvider.objects.get(organisation=world.provider_org)
    assert response["Location"] == reverse("ap_provider_application", args=[provider.pk])

    page = client.get(reverse("ap_provider_application", args=[provider.pk])).content.decode()
    assert "govuk-task-list" in page and page.count("Incomplete") == 4

    assert client.post(reverse("ap_provider_details", args=[provider.pk]), {
        "contact_name": "Pat Provider", "contact_email": "pat@provider.example",
        "contact_phone": "01632 960 123"}).status_code == 302
    assert client.post(reverse("ap_provider_registration", args=[provider.pk]),
                       {"registration": "registered_school", "urn": "1234567"}).status_code == 302
    assert client.post(reverse("ap_provider_lots", args=[provider.pk]),
                       {"lots": [lots["registered"].pk, lots["tuition"].pk]}).status_code == 302
    for index, kind in enumerate(EvidenceKind.values):
        document = SimpleUploadedFile("policy.pdf", PDF) if index == 0 else None
        response = client.post(reverse("ap_provider_evidence", args=[provider.pk, kind]),
                               _evidence_post(today, document=document))
        assert response.status_code == 302, kind

    page = client.get(reverse("ap_provider_application", args=[provider.pk])).content.decode()
    assert "Incomplete" not in page and page.count("Completed") == 4
    with override_settings(AP_COMMISSIONING_EMAIL="commissioning@council.example"):
        response = client.post(reverse("ap_provider_submit", args=[provider.pk]))
    assert response.status_code == 302
    application = provider.applications.get()
    assert application.status == ProviderApplication.Status.SUBMITTED
    assert application.submitted_on == today
    assert application.decision_due_on == selectors.working_days_after(today, 10)
    assert Notification.objects.filter(template="ap_provider_application_received",
                                       recipient_email="commissioning@council.example").count() == 1

    manager = client_for("manager")
    listing = manager.get(reverse("ap_providers")).content.decode()
    assert "Test Provider" in listing and "Applications waiting for a decision" in listing and "On time" in listing
    assert manager.post(reverse("ap_application_evaluate", args=[application.pk]), _all_met()).status_code == 302
    response = manager.post(reverse("ap_application_decide", args=[application.pk]),
                            {"decision": "admit", "lots": [lots["tuition"].pk], "reasons": ""})
    assert response.status_code == 302
    provider.refresh_from_db()
    application.refresh_from_db()
    assert provider.status == ApprovedProvider.Status.ADMITTED
    assert list(provider.lots.all()) == [lots["tuition"]]
    assert application.status == ProviderApplication.Status.ADMITTED and application.decided_by == world.manager
    assert provider.history.first().to_status == "admitted" and provider.history.first().changed_by == world.manager
    assert Notification.objects.filter(template="ap_provider_decision",
                                       recipient_email="provider@example.test").exists()

    page = client_for("provider").get(reverse("ap_provider_application", args=[provider.pk])).content.decode()
    assert "Latest decision" in page and "meets every criterion" in page


def test_refusal_needs_reasons(world, client_for):
    make_lots()
    provider, application = _submitted(world)
    client = client_for("caseworker")
    response = client.post(reverse("ap_application_decide", args=[application.pk]), {"decision": "refuse",
                                                                                    "reasons": "  "})
    assert response.status_code == 400
    assert "Enter the reasons for refusing the application" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ProviderApplication.Status.SUBMITTED

    response = client.post(reverse("ap_application_decide", args=[application.pk]),
                           {"decision": "refuse", "reasons": "The premises are not suitable."})
    assert response.status_code == 302
    application.refresh_from_db()
    provider.refresh_from_db()
    assert application.status == "refused" and application.decision_reasons == "The premises are not suitable."
    assert provider.status == ApprovedProvider.Status.REFUSED
    page = client_for("provider").get(reverse("ap_provider_application", args=[provider.pk])).content.decode()
    assert "The premises are not suitable." in page


def test_admitting_needs_every_criterion_met(world, client_for):
    lots = make_lots()
    provider, application = _submitted(world)
    client = client_for("manager")
    checks = _all_met() | {"premises": "False", "premises_note": ""}
    response = client.post(reverse("ap_application_evaluate", args=[application.pk]), checks)
    assert response.status_code == 400 and "Explain why this is not met" in response.content.decode()
    checks["premises_note"] = "No fire risk assessment."
    assert client.post(reverse("ap_application_evaluate", args=[application.pk]), checks).status_code == 302
    response = client.post(reverse("ap_application_decide", args=[application.pk]),
                           {"decision": "admit", "lots": [lots["tuition"].pk]})
    assert response.status_code == 400
    assert "Record every criterion as met" in response.content.decode()
    provider.refresh_from_db()
    assert provider.status == ApprovedProvider.Status.APPLYING and not provider.lots.exists()


@pytest.mark.parametrize(("submitted", "due"), [
    (dt.date(2026, 4, 30), dt.date(2026, 5, 15)),   # over the early May bank holiday (Monday 4 May)
    (dt.date(2025, 12, 19), dt.date(2026, 1, 7)),   # over Christmas, Boxing Day and New Year's Day
    (dt.date(2026, 6, 5), dt.date(2026, 6, 19)),    # no bank holidays: two weeks
    (dt.date(2026, 6, 6), dt.date(2026, 6, 19)),    # sent on a Saturday: Monday is day 1
])
def test_decision_clock_counts_working_days(world, submitted, due):
    make_lots()
    provider = ready_provider(world.provider_org, world.provider, today=submitted)
    application = services.application_submit(provider=provider, user=world.provider, today=submitted)
    assert (application.submitted_on, application.decision_due_on) == (submitted, due)


@pytest.mark.parametrize(("today", "label", "colour"), [
    (dt.date(2026, 5, 1), "On time", "green"),
    (dt.date(2026, 5, 12), "Due in 3 working days", "yellow"),
    (dt.date(2026, 5, 14), "Due in 1 working day", "yellow"),
    (dt.date(2026, 5, 15), "Due today", "yellow"),
    (dt.date(2026, 5, 18), "Overdue", "red"),
])
def test_decision_clock_tag(world, today, label, colour):
    make_lots()
    submitted = dt.date(2026, 4, 30)
    provider = ready_provider(world.provider_org, world.provider, today=submitted)
    application = services.application_submit(provider=provider, user=world.provider, today=submitted)
    clock = selectors.decision_clock(application, today)
    assert (clock.label, clock.colour) == (label, colour)


def test_send_is_refused_with_errors_until_everything_is_done(world, client_for):
    make_lots()
    provider = services.provider_start(organisation=world.provider_org, user=world.provider)
    client = client_for("provider")
    response = client.post(reverse("ap_provider_submit", args=[provider.pk]))
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and "Choose at least one lot" in page
    assert "Add your employer" in page
    assert not provider.applications.filter(status="submitted").exists()


def test_lapsed_evidence_blocks_sending(world, client_for):
    make_lots()
    today = timezone.localdate()
    provider = ready_provider(world.provider_org, world.provider, today=today - dt.timedelta(days=400))
    response = client_for("provider").post(reverse("ap_provider_submit", args=[provider.pk]))
    assert response.status_code == 400 and "has expired: renew it" in response.content.decode()


def test_registered_schools_only_lot_refuses_an_unregistered_provider(world, client_for):
    lots = make_lots()
    provider = services.provider_start(organisation=world.provider_org, user=world.provider)
    services.provider_registration_save(provider=provider, registration="unregistered")
    response = client_for("provider").post(reverse("ap_provider_lots", args=[provider.pk]),
                                           {"lots": [lots["registered"].pk]})
    assert response.status_code == 400
    assert "Only registered schools can join Full-time registered school" in response.content.decode()
    assert not provider.applications.exists()


@pytest.mark.parametrize("urn", ["12345", "12345678", "ABC123", ""])
def test_urn_must_be_six_or_seven_digits(world, client_for, urn):
    provider = services.provider_start(organisation=world.provider_org, user=world.provider)
    response = client_for("provider").post(reverse("ap_provider_registration", args=[provider.pk]),
                                           {"registration": "registered_school", "urn": urn})
    assert response.status_code == 400 and "unique reference number (URN)" in response.content.decode()
    provider.refresh_from_db()
    assert provider.registration == "" and provider.urn == ""


def test_closed_lots_are_not_offered(world, client_for):
    lots = make_lots()
    lots["primary"].is_open = False
    lots["primary"].save()
    provider = services.provider_start(organisation=world.provider_org, user=world.provider)
    client = client_for("provider")
    assert "Primary" not in client.get(reverse("ap_provider_lots", args=[provider.pk])).content.decode()
    assert client.post(reverse("ap_provider_lots", args=[provider.pk]),
                       {"lots": [lots["primary"].pk]}).status_code == 400


def test_another_provider_gets_404_on_everything_of_yours(world, client_for):
    make_lots()
    provider = ready_provider(world.provider_org, world.provider)
    evidence = provider.evidence.exclude(document="").get()
    other_org = factories.OrganisationFactory(name="Rival Provider", kind=OrganisationKind.PROVIDER)
    world.users["rival"] = factories.staff_user(other_org, Role.PROVIDER, email="rival@example.test")
    client = client_for("rival")
    urls = [reverse(name, args=[provider.pk]) for name in (
        "ap_provider_application", "ap_provider_details", "ap_provider_registration", "ap_provider_lots",
        "ap_provider_evidence_list", "ap_provider_submit")]
    urls += [reverse("ap_provider_evidence", args=[provider.pk, "insurance"]),
             reverse("ap_evidence_download", args=[evidence.pk])]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"contact_name": "x", "contact_email": "x@example.test", "contact_phone": "1",
                                 "summary": "x"}).status_code == 404, url
    assert client.post(reverse("ap_provider_start"), {"organisation": world.provider_org.pk}).status_code == 404
    provider.refresh_from_db()
    assert provider.contact_name == "Pat Provider"
    assert provider.evidence.count() == len(EvidenceKind.values)
    assert "Test Provider" not in client.get(reverse("ap_provider_home")).content.decode()


@pytest.mark.parametrize(("role", "status"), [("provider", 200), ("manager", 200), ("caseworker", 200),
                                              ("senco_a", 403), ("parent_a", 403), ("anonymous", 302)])
def test_evidence_download_permission(world, client_for, role, status):
    make_lots()
    provider = ready_provider(world.provider_org, world.provider)
    evidence = provider.evidence.exclude(document="").get()
    # The stored copy: the upload re-saved by pikepdf with any active content removed (C-29).
    with evidence.document.open("rb") as stored:
        stored_bytes = stored.read()
    assert stored_bytes.startswith(b"%PDF-")
    response = client_for(role).get(reverse("ap_evidence_download", args=[evidence.pk]))
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == stored_bytes
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Type"] == "application/pdf"


def test_evidence_is_stored_under_a_random_name(world):
    make_lots()
    provider = ready_provider(world.provider_org, world.provider)
    evidence = provider.evidence.exclude(document="").get()
    assert evidence.document.name.startswith(f"alt_provision/evidence/{provider.pk}/")
    assert "certificate" not in evidence.document.name and evidence.document_name == "certificate.pdf"


@pytest.mark.parametrize(("content", "message"), [
    (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100, "must be a PDF, Word document (DOCX), PNG or JPEG"),
    (b"just some text pretending to be a PDF", "must be a PDF, Word document (DOCX), PNG or JPEG"),
    (b"", "The selected file is empty"),
    (PDF + b"\x00" * (10 * 1024 * 1024), "smaller than 10MB"),
])
def test_upload_validation(world, client_for, content, message):
    provider = services.provider_start(organisation=world.provider_org, user=world.provider)
    today = timezone.localdate()
    response = client_for("provider").post(
        reverse("ap_provider_evidence", args=[provider.pk, "insurance"]),
        _evidence_post(today, document=SimpleUploadedFile("policy.pdf", content)))
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and message in page
    assert not Evidence.objects.exists()


def test_expiry_must_follow_valid_from(world, client_for):
    provider = services.provider_start(organisation=world.provider_org, user=world.provider)
    today = timezone.localdate()
    data = {"summary": "Cover", **_date("valid_from", today), **_date("expires_on", today)}
    response = client_for("provider").post(reverse("ap_provider_evidence", args=[provider.pk, "insurance"]), data)
    assert response.status_code == 400 and "must be after" in response.content.decode()
    assert not Evidence.objects.exists()


def test_renewing_keeps_the_old_evidence(world, client_for):
    make_lots()
    provider = ready_provider(world.provider_org, world.provider)
    old = provider.evidence.get(kind="insurance")
    today = timezone.localdate()
    response = client_for("provider").post(reverse("ap_provider_evidence", args=[provider.pk, "insurance"]),
                                           _evidence_post(today, summary="Renewed cover", expires_in=700))
    assert response.status_code == 302
    old.refresh_from_db()
    new = provider.evidence.get(kind="insurance", superseded_by__isnull=True)
    assert old.superseded_by == new and new.summary == "Renewed cover"
    assert selectors.current_evidence(provider)["insurance"] == new


def test_officer_status_changes_need_reasons_and_are_in_history(world, client_for):
    make_lots()
    provider, application = _submitted(world)
    services.application_checks_save(application=application, user=world.manager,
                                     results=dict.fromkeys(Criterion.values, (True, "")))
    services.application_decide(application=application, user=world.manager, admit=True,
                                lots=list(application.lots.all()))
    client = client_for("caseworker")
    assert client.post(reverse("ap_provider_suspend", args=[provider.pk]), {"reason": ""}).status_code == 400
    assert client.post(reverse("ap_provider_suspend", args=[provider.pk]),
                       {"reason": "Safeguarding concern under review."}).status_code == 302
    provider.refresh_from_db()
    assert provider.status == "suspended" and not provider.suspended_for_lapsed_evidence
    assert client.post(reverse("ap_provider_lift", args=[provider.pk]), {"reason": ""}).status_code == 302
    provider.refresh_from_db()
    assert provider.status == "admitted"
    assert client.post(reverse("ap_provider_remove", args=[provider.pk]), {"reason": ""}).status_code == 400
    assert client.post(reverse("ap_provider_remove", args=[provider.pk]),
                       {"reason": "Contract ended."}).status_code == 302
    history = list(provider.history.order_by("pk").values_list("from_status", "to_status", "changed_by"))
    assert history[-3:] == [("admitted", "suspended", world.caseworker.pk),
                            ("suspended", "admitted", world.caseworker.pk),
                            ("admitted", "removed", world.caseworker.pk)]
    page = client.get(reverse("ap_provider_detail", args=[provider.pk])).content.decode()
    assert "Safeguarding concern under review." in page and "Contract ended." in page


def test_quality_visit_is_recorded(world, client_for):
    make_lots()
    provider = ready_provider(world.provider_org, world.provider)
    client = client_for("manager")
    data = {**_date("visited_on", dt.date(2026, 3, 3)), "checklist": ["registers", "premises"],
            "findings": "Well run sessions.", "actions": "", "outcome": "actions"}
    assert client.post(reverse("ap_visit_new", args=[provider.pk]), data).status_code == 400
    data["actions"] = "Display the safeguarding lead's name."
    assert client.post(reverse("ap_visit_new", args=[provider.pk]), data).status_code == 302
    visit = QualityVisit.objects.get()
    assert visit.checklist["registers"] is True and visit.checklist["safeguarding_displayed"] is False
    assert visit.visited_by == world.manager
    page = client.get(reverse("ap_provider_detail", args=[provider.pk])).content.decode()
    assert "Well run sessions." in page and "Satisfactory with actions" in page


def test_list_filters_by_status_and_lot(world, client_for):
    lots = make_lots()
    provider, application = _submitted(world)
    other_org = factories.OrganisationFactory(name="Second Provider", kind=OrganisationKind.PROVIDER)
    other = services.provider_start(organisation=other_org, user=world.manager)
    services.application_lots_save(provider=other, lots=[lots["primary"]], user=world.manager)
    # Another council's officers do not run this council's list: they see neither provider.
    elsewhere = client_for("other_caseworker").get(reverse("ap_providers")).content.decode()
    assert "Test Provider" not in elsewhere and "Second Provider" not in elsewhere
    assert client_for("other_caseworker").get(reverse("ap_provider_detail", args=[other.pk])).status_code == 404
    client = client_for("manager")
    page = client.get(reverse("ap_providers")).content.decode()
    assert "Test Provider" in page and "Second Provider" in page and "On time" in page
    services.application_checks_save(application=application, user=world.manager,
                                     results=dict.fromkeys(Criterion.values, (True, "")))
    services.application_decide(application=application, user=world.manager, admit=True, lots=[lots["tuition"]])
    page = client.get(reverse("ap_providers"), {"status": "admitted"}).content.decode()
    assert "Test Provider" in page and "Second Provider" not in page
    page = client.get(reverse("ap_providers"), {"lot": "tuition"}).content.decode()
    assert "Test Provider" in page and "Second Provider" not in page
    page = client.get(reverse("ap_providers"), {"status": "applying"}).content.decode()
    assert "Test Provider" not in page and other.organisation.name in page
    assert client.get(reverse("ap_providers"), {"status": "nonsense"}).status_code == 400


def test_local_offer_badge_follows_admission(world, client):
    lots = make_lots()
    listings.vocabularies()
    listings.postcodes()
    provider, application = _submitted(world)
    directory = local_offer.directory_organisation_for(world.provider_org)
    service = local_offer.listing_apply(data=listings.snapshot("Mentoring for excluded pupils"),
                                        organisation=directory)
    url = reverse("local_offer_service", args=[service.pk])
    assert "Approved provider" not in client.get(url).content.decode()

    services.application_checks_save(application=application, user=world.manager,
                                     results=dict.fromkeys(Criterion.values, (True, "")))
    services.application_decide(application=application, user=world.manager, admit=True, lots=[lots["tuition"]])
    assert "Approved provider" in client.get(url).content.decode()

    services.provider_remove(provider=provider, user=world.manager, reason="Contract ended.")
    assert "Approved provider" not in client.get(url).content.decode()
    assert ProviderStatusChange.objects.filter(provider=provider, to_status="removed").count() == 1
