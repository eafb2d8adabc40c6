import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ehc import services
from ehc.models import Document
from tests.targets import PDF_BYTES

pytestmark = pytest.mark.django_db

# A real (1x1) PNG: images are decoded and re-encoded to strip their metadata, so a header alone is refused.
PNG_BYTES = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                          "0000000d49444154789c6360606060000000050001a5f645400000000049454e44ae426082")


@pytest.fixture
def draft(world):
    return services.case_start(requested_by=world.senco_a, child=world.child_a, requester_kind="school",
                               requesting_setting=world.school_a, reason="Reading.")


@pytest.mark.parametrize(("name", "content", "error"), [
    ("report.pdf", b"MZ\x90\x00 this is really a Windows program", "must be a PDF, Word document"),
    ("report.pdf", b"<html><script>alert(1)</script></html>", "must be a PDF, Word document"),
    ("empty.pdf", b"", "The selected file is empty"),
    ("huge.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "smaller than 10MB"),
])
def test_bad_files_are_refused_with_a_clear_message(world, draft, client_for, name, content, error):
    response = client_for("senco_a").post(reverse("ehc_document_upload", args=[draft.pk]),
                                          {"document": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Document.objects.exists()


def test_evidence_is_checked_by_its_bytes_stored_under_a_random_name_and_served_only_with_permission(
        world, draft, client_for):
    client = client_for("senco_a")
    response = client.post(reverse("ehc_document_upload", args=[draft.pk]),
                           {"document": SimpleUploadedFile("../../Alex plan.png", PNG_BYTES)})
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.content_type == "image/png" and document.original_name == "Alex plan.png"
    assert "Alex" not in document.file.name and "plan" not in document.file.name
    download = client.get(reverse("ehc_document", args=[document.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "image/png"
    assert download["Content-Disposition"].startswith("attachment")
    assert "sandbox" in download["Content-Security-Policy"]
    # The draft is private to its author until it is sent.
    for role in ("parent_a", "caseworker", "senco_b", "parent_b"):
        assert client_for(role).get(reverse("ehc_document", args=[document.pk])).status_code in (403, 404)


def test_sent_evidence_is_seen_by_the_family_and_council_and_cannot_be_removed(world, client_for):
    case = services.case_start(requested_by=world.parent_a, child=world.child_a, requester_kind="parent",
                               reason="Reading.")
    document = services.document_add(case=case, uploaded=SimpleUploadedFile("a.pdf", PDF_BYTES),
                                     uploaded_by=world.parent_a, kind="evidence")
    services.case_submit(case=case, user=world.parent_a)
    for role, status in (("parent_a", 200), ("caseworker", 200), ("senco_a", 200), ("parent_b", 404),
                         ("other_caseworker", 404), ("adviser", 404)):
        assert client_for(role).get(reverse("ehc_document", args=[document.pk])).status_code == status
    response = client_for("parent_a").post(reverse("ehc_document_remove", args=[document.pk]))
    assert response.status_code == 400
    assert Document.objects.filter(pk=document.pk).exists()


def test_adviser_attaches_a_report_to_their_advice(world, client_for):
    case = services.case_start(requested_by=world.parent_a, child=world.child_a, requester_kind="parent",
                               reason="Reading.")
    services.case_submit(case=case, user=world.parent_a)
    services.case_decide_assessment(case=case, decided_by=world.manager, assess=True, reasons="Yes.")
    advice = services.advice_request(case=case, kind="health", organisation=world.icb, requested_by=world.caseworker)
    client = client_for("adviser")
    response = client.post(reverse("ehc_advice_document_upload", args=[advice.pk]),
                           {"document": SimpleUploadedFile("clinic letter.pdf", PDF_BYTES)})
    assert response.status_code == 302
    document = advice.documents.get()
    assert client.get(reverse("ehc_document", args=[document.pk])).status_code == 200
    family_page = client_for("parent_a").get(reverse("ehc_case_detail", args=[case.pk]))
    assert "clinic letter.pdf" in family_page.content.decode()
