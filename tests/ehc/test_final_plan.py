import datetime as dt
import zlib

import pytest
from django.core import mail
from django.urls import reverse

from ehc import services
from ehc.models import Consultation, PlanVersion, Stage
from ehc.selectors import case_deadlines
from tests.targets import final_plan_case, plan_case

pytestmark = pytest.mark.django_db


def _served(world):
    case, *_ = plan_case(world, serve=True)
    return case, case.plan_versions.get(status="served")


def test_school_answers_its_consultation_in_the_portal(world, client_for, django_capture_on_commit_callbacks):
    case, _ = _served(world)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("caseworker").post(reverse("ehc_consultation_new", args=[case.pk]),
                                                 {"setting": world.school_a.pk})
    assert response.status_code == 302
    consultation = case.consultations.get()
    assert consultation.due_on == consultation.sent_on + dt.timedelta(days=15)
    assert world.senco_a.email in mail.outbox[-1].to
    client = client_for("senco_a")
    assert world.child_a.given_name in client.get(reverse("home")).content.decode()
    url = reverse("ehc_consultation", args=[consultation.pk])
    refused = client.post(url, {"agree": "False"})
    assert refused.status_code == 400 and "Choose why you cannot meet the needs" in refused.content.decode()
    client.post(url, {"agree": "False", "decline_ground": "resources", "comments": "Specialist staff needed."})
    consultation.refresh_from_db()
    assert consultation.answer == Consultation.Answer.DECLINED and consultation.decline_ground == "resources"
    assert client_for("senco_b").get(url).status_code == 404


def test_final_plan_rules(world):
    case, version = _served(world)
    with pytest.raises(Exception, match="has until"):
        services.plan_issue_final(case=case, issued_by=world.manager, placement=world.school_a)
    services.draft_respond(version=version, author=world.parent_a, comments={}, wants_meeting=False,
                           preferred_setting=world.school_b, wants_personal_budget=False, submit=True)
    with pytest.raises(Exception, match="Consult Alpha Primary School"):
        services.plan_issue_final(case=case, issued_by=world.manager, placement=world.school_a)
    services.consultation_send(case=case, setting=world.school_a, sent_by=world.caseworker)
    with pytest.raises(Exception, match="family asked for a different school"):
        services.plan_issue_final(case=case, issued_by=world.manager, placement=world.school_a)
    final = services.plan_issue_final(case=case, issued_by=world.manager, placement=world.school_a,
                                      placement_reason="Beta Primary cannot provide the specialist teaching.")
    assert final.status == PlanVersion.Status.FINAL and final.placement == world.school_a
    version.refresh_from_db()
    assert version.status == PlanVersion.Status.SUPERSEDED and version.placement is None
    case.refresh_from_db()
    assert case.stage == Stage.FINAL_ISSUED
    assert {row.label: row.status for row in case_deadlines(case)}["Final plan"] == "Met"
    with pytest.raises(services.MoveNotAllowed):
        services.plan_save_need(version=final, expected_revision=final.revision, section="B", text="Changed")


def test_final_plan_goes_to_family_school_and_icb_with_appeal_rights(world, django_capture_on_commit_callbacks):
    world.icb.email = "icb@example.test"
    world.icb.save()
    world.school_a.email = "office@alpha.example.test"
    world.school_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        case = final_plan_case(world)
    recipients = {address for message in mail.outbox for address in message.to}
    assert {world.parent_a.email, "office@alpha.example.test", "icb@example.test", world.senco_a.email} <= recipients
    family_email = next(m for m in mail.outbox if m.to == [world.parent_a.email] and "final" in m.subject)
    assert "appeal to the tribunal until" in family_email.body
    assert case.plan_versions.get(status="final").pdf  # rendered by the task on commit


def test_pdf_is_tagged_pdf_ua_and_only_for_people_who_can_see_the_case(world, client_for):
    case = final_plan_case(world)
    response = client_for("parent_a").get(reverse("ehc_plan_pdf", args=[case.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = b"".join(response.streaming_content)
    assert pdf.startswith(b"%PDF-")
    text = pdf + b"".join(_inflated_streams(pdf))
    assert b"/StructTreeRoot" in text and b"pdfuaid" in text and b"/Lang" in text
    assert client_for("parent_b").get(reverse("ehc_plan_pdf", args=[case.pk])).status_code == 404
    assert client_for("other_caseworker").get(reverse("ehc_plan_pdf", args=[case.pk])).status_code == 404


def test_plan_text_cannot_make_the_renderer_read_files(world):
    case, need, *_ = plan_case(world, serve=True)
    need.text = '<img src="file:///etc/passwd"><link rel="attachment" href="file:///etc/passwd">'
    need.save()
    version = case.plan_versions.get(status="served")
    version.issued_on = dt.date.today()
    rendered = services.plan_render_pdf(version=version)
    pdf = rendered.pdf.open("rb").read()
    assert b"root:" not in pdf + b"".join(_inflated_streams(pdf))
    assert b"/EmbeddedFile" not in pdf


def _inflated_streams(pdf: bytes):
    import re

    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            yield zlib.decompress(match.group(1))
        except zlib.error:
            continue


def test_mediation_certificate_extends_the_appeal_deadline(world, client_for):
    from ehc.deadlines import appeal_deadline
    from send_portal.core.dates import govuk_date

    case = final_plan_case(world)
    final = case.plan_versions.get(status="final")
    today = final.issued_on
    response = client_for("caseworker").post(reverse("ehc_disagreement", args=[case.pk]), {
        "decision": "plan_content", "certificate_on_0": today.day, "certificate_on_1": today.month,
        "certificate_on_2": today.year, "mediation_outcome": "not_agreed"})
    assert response.status_code == 302
    record = case.disagreements.get()
    assert record.decision_sent_on == final.issued_on
    page = client_for("parent_a").get(reverse("ehc_case_detail", args=[case.pk])).content.decode()
    assert govuk_date(appeal_deadline(final.issued_on, today)) in page
    bad = client_for("caseworker").post(reverse("ehc_disagreement", args=[case.pk]), {
        "decision": "plan_content", "appeal_outcome": "upheld"})
    assert bad.status_code == 400 and "Enter the date the appeal was registered" in bad.content.decode()


def test_no_disagreement_about_a_decision_that_was_not_made(world):
    case, *_ = plan_case(world)
    with pytest.raises(Exception, match="no such decision"):
        services.disagreement_save(case=case, decision="not_to_assess", recorded_by=world.caseworker)


def test_an_out_of_area_school_and_its_council_are_both_consulted(world, django_capture_on_commit_callbacks):
    from tests import factories

    world.other_council.email = "send@otherton.example.test"
    world.other_council.save()
    away = factories.school("Gamma Academy, Otherton", "100003")
    away.parent = world.other_council
    away.save()
    case, _ = _served(world)
    with django_capture_on_commit_callbacks(execute=True):
        consultation = services.consultation_send(case=case, setting=away, sent_by=world.caseworker)
    assert consultation.maintaining_authority == world.other_council
    assert "send@otherton.example.test" in {address for message in mail.outbox for address in message.to}
    local = services.consultation_send(case=case, setting=world.school_a, sent_by=world.caseworker)
    assert local.maintaining_authority is None
