"""For every URL in the access policy: the arguments to reach one real object, how to call it, and which of
the people in the `world` fixture may reach that object (None: everyone the policy's roles allow)."""

import datetime as dt

from ehc import services as ehc
from ehc.models import AnnualReview
from ehc.services import advice_request, case_decide_assessment, case_start, case_submit
from send_portal.invitations.services import invitation_create_family
from send_portal.people.services import capacity_decision_record


def plan_case(world, *, how_often="3 sessions of 30 minutes a week", serve=False, revise=False):
    """A case about child A whose plan is being written, with one need, outcome and provision."""
    case = case_start(requested_by=world.parent_a, child=world.child_a, requester_kind="parent", reason="Reading.")
    case_submit(case=case, user=world.parent_a, received_on=dt.date.today() - dt.timedelta(days=80))
    case_decide_assessment(case=case, decided_by=world.manager, assess=True, reasons="May need a plan.",
                           decided_on=dt.date.today() - dt.timedelta(days=60))
    advice = advice_request(case=case, kind="health", organisation=world.icb, requested_by=world.caseworker,
                            requested_on=dt.date.today() - dt.timedelta(days=55))
    ehc.advice_save(advice=advice, adviser=world.adviser, text="Needs phonics.", expected_version=1, submit=True)
    ehc.case_decide_issue(case=case, decided_by=world.manager, issue=True, reasons="A plan is needed.")
    version = ehc.plan_start(case=case, user=world.caseworker)
    need = ehc.plan_save_need(version=version, expected_revision=1, section="B", text="Difficulty decoding words.")
    outcome = ehc.plan_save_outcome(version=version, expected_revision=2, text="Reads a Year 3 book aloud by July.",
                                    needs=[need], preparing_for_adulthood=False)
    provision = ehc.plan_save_provision(version=version, expected_revision=3, section="F", what="Phonics, one to one.",
                                        who="A trained teaching assistant", how_often=how_often,
                                        how_long="One year", needs=[need], outcomes=[outcome])
    if serve or revise:
        ehc.plan_serve(version=version, user=world.caseworker)
    if revise:
        ehc.plan_start(case=case, user=world.caseworker)
    return case, need, outcome, provision


def final_plan_case(world):
    """A case about child A with a final plan naming school A, and its PDF."""
    case, *_ = plan_case(world, serve=True)
    ehc.consultation_send(case=case, setting=world.school_a, sent_by=world.caseworker)
    version = case.plan_versions.get(status="served")
    ehc.draft_respond(version=version, author=world.parent_a, comments={"F": "Fine."}, wants_meeting=False,
                      preferred_setting=world.school_a, wants_personal_budget=False, submit=True)
    final = ehc.plan_issue_final(case=case, issued_by=world.manager, placement=world.school_a)
    ehc.plan_render_pdf(version=final)
    return case


def review_case(world, *, arrange=True):
    """A case about child A with a final plan naming school A and its first review open, arranged by the school
    with the meeting 3 weeks away."""
    case = final_plan_case(world)
    review = ehc.review_open(case=case)
    if arrange:
        ehc.review_arrange(review=review, arranged_by=world.senco_a, meeting_on=dt.date.today() + dt.timedelta(days=21),
                           meeting_details="10am in the school library")
        review.refresh_from_db()
    return case, review


def meeting_held(review, days_ago=3):
    """Move the meeting into the past, as if the weeks had gone by."""
    meeting = dt.date.today() - dt.timedelta(days=days_ago)
    AnnualReview.objects.filter(pk=review.pk).update(meeting_on=meeting,
                                                     invitations_sent_on=meeting - dt.timedelta(days=21))
    review.refresh_from_db()
    return review


def _is_review(name):
    return name.startswith(("ehc_review", "ehc_ceasing", "ehc_personal_budget", "ehc_transfer", "ehc_reassessment",
                            "ehc_post16")) \
        or name in ("ehc_phase_transfers", "ehc_correspondence", "ehc_letter_pdf", "ehc_plan_version_pdf")


def _review_targets(world, council_staff):
    case, review = review_case(world)
    not_opened = final_plan_case(world)
    health = review.contributions.get(party="health")
    ceasing = ehc.ceasing_propose(case=case, proposed_by=world.caseworker, reason="needs_met",
                                  explanation="Needs are met by the school's own resources.")
    budget = ehc.personal_budget_request(case=case, requested_by=world.parent_a, forms_wanted=["direct_payment"],
                                         areas=["education"], provision_wanted="Speech therapy sessions.")
    refused = ehc.personal_budget_decide(budget=budget, decided_by=world.manager, agree=False,
                                         reasons="Cannot be separated from a block contract.")
    transferred_in = ehc.transfer_in_record(
        child=world.child_b, local_authority=world.council, recorded_by=world.caseworker,
        transferred_from="Farshire Council", original_issued_on=dt.date.today() - dt.timedelta(days=400),
        transferred_in_on=dt.date.today(), placement=world.school_b)
    reassessing = ehc.reassessment_request(case=not_opened, requested_by=world.parent_a, reason="Needs changed.")
    letter = ehc.letter_render_pdf(letter=case.letters.get(kind="ceasing_proposed"))
    version_number = case.plan_versions.get(status="final").number
    readers = {"parent_a", "senco_a", "caseworker", "manager"}
    runners = {"senco_a", *council_staff}
    pk = {"pk": case.pk}
    return {
        "ehc_review_tower": ({}, "get", None),
        "ehc_phase_transfers": ({}, "get", None),
        "ehc_review": (pk, "get", readers),
        "ehc_review_open": ({"pk": not_opened.pk}, "get", council_staff),
        "ehc_review_arrange": (pk, "get", runners),
        "ehc_review_circulate": (pk, "post", runners),
        "ehc_review_meeting": (pk, "get", runners),
        "ehc_review_amend_start": (pk, "post", council_staff),
        "ehc_review_decide": (pk, "get", {"manager"}),
        "ehc_review_amended_issue": (pk, "get", {"manager"}),
        "ehc_review_keep": (pk, "get", {"manager"}),
        "ehc_review_contribution": ({"pk": health.pk}, "get", {"adviser"}),
        "ehc_ceasing": ({"pk": ceasing.case_id}, "get", readers),
        "ehc_ceasing_propose": ({"pk": not_opened.pk}, "get", council_staff),
        "ehc_ceasing_respond": ({"pk": ceasing.case_id}, "get", {"parent_a", "senco_a"}),
        "ehc_ceasing_decide": ({"pk": ceasing.case_id}, "get", {"manager"}),
        "ehc_personal_budgets": (pk, "get", {"parent_a", *council_staff}),
        "ehc_personal_budget_request": (pk, "get", {"parent_a"}),
        "ehc_personal_budget_decide": ({**pk, "budget_pk": refused.pk}, "get", {"manager"}),
        "ehc_personal_budget_review": ({**pk, "budget_pk": refused.pk}, "post", {"parent_a"}),
        "ehc_transfer_out": (pk, "get", council_staff),
        "ehc_post16_move": (pk, "get", council_staff),
        "ehc_transfer_out_send": (pk, "post", council_staff),
        "ehc_transfer_notice": ({"pk": transferred_in.pk}, "get", council_staff),
        "ehc_transfer_in": ({}, "get", None),
        "ehc_reassessment": (pk, "get", readers),
        "ehc_reassessment_request": (pk, "get", readers),
        "ehc_reassessment_decide": ({"pk": reassessing.case_id}, "get", {"manager"}),
        "ehc_correspondence": (pk, "get", readers),
        "ehc_letter_pdf": ({**pk, "letter_pk": letter.pk}, "get", {"parent_a", *council_staff}),
        "ehc_plan_version_pdf": ({**pk, "number": version_number}, "get", readers),
    }


def _is_plan(name):
    return name.startswith(("ehc_plan", "ehc_consultation")) or name in ("ehc_final_issue", "ehc_disagreement")


def _is_document(name):
    return name in ("ehc_document", "ehc_document_upload", "ehc_document_remove", "ehc_advice_document_upload")


def _is_panel(name):
    return name.startswith("panel_") or name == "ehc_to_panel"


def _is_local_offer(name):
    return name.startswith(("local_offer_", "oruk_"))


def _local_offer_targets(world):
    from tests.local_offer import targets_api, targets_feedback, targets_provider, targets_public

    targets = {}
    for module in (targets_public, targets_provider, targets_feedback, targets_api):
        targets.update(module.targets(world))
    return targets


def _is_alt_provision(name):
    return name.startswith("ap_")


def _alt_provision_targets(world):
    from tests.alt_provision import (
        targets_clocks,
        targets_commissioning,
        targets_placements,
        targets_providers,
        targets_referrals,
    )

    targets = {}
    for module in (targets_providers, targets_clocks, targets_commissioning, targets_placements, targets_referrals):
        targets.update(module.targets(world))
    return targets


def _is_dashboard(name):
    return name.startswith("dashboards_")


def _dashboard_targets(world):
    from tests.dashboards import targets_dashboards

    return targets_dashboards.targets(world)


def policy_targets(world, only=None):
    """URL kwargs, how to call it, and the roles that may reach that particular object, for each URL name.
    With `only`, builds just the objects that URL needs (building everything for every URL is slow)."""
    council_staff = {"caseworker", "manager"}
    builders = [(_is_plan, lambda: _plan_targets(world, council_staff)),
                (_is_document, lambda: _document_targets(world)),
                (_is_panel, lambda: _panel_targets(world, council_staff)),
                (_is_review, lambda: _review_targets(world, council_staff)),
                (_is_local_offer, lambda: _local_offer_targets(world)),
                (_is_alt_provision, lambda: _alt_provision_targets(world)),
                (_is_dashboard, lambda: _dashboard_targets(world))]
    targets = {}
    for matches, build in builders:
        if only is None or matches(only):
            targets.update(build())
    if only is None or not any(matches(only) for matches, _ in builders):
        targets.update(_core_targets(world, council_staff))
    return targets


def _core_targets(world, council_staff):
    capacity = capacity_decision_record(child=world.child_a, decision="all", assessed_on=dt.date(2024, 1, 1),
                                        basis="Assessed.", recorded_by=world.caseworker)
    invitation, token = invitation_create_family(
        created_by=world.caseworker, email="new.parent@example.test", full_name="New Parent", child=world.child_a,
        relationship="father", has_parental_responsibility=True, base_url="http://testserver/")
    link = world.child_a.family_links.get(user=world.parent_a)
    draft = case_start(requested_by=world.parent_a, child=world.child_a, requester_kind="parent",
                       reason="Struggling with reading.")
    decided = case_start(requested_by=world.parent_a, child=world.child_a, requester_kind="parent",
                         reason="Struggling with reading.")
    case_submit(case=decided, user=world.parent_a, received_on=dt.date.today() - dt.timedelta(days=10))
    case_decide_assessment(case=decided, decided_by=world.manager, assess=False, reasons="Needs can be met.")
    assessing = case_start(requested_by=world.parent_a, child=world.child_a, requester_kind="parent",
                           reason="Needs have grown.")
    case_submit(case=assessing, user=world.parent_a, received_on=dt.date.today() - dt.timedelta(days=10))
    case_decide_assessment(case=assessing, decided_by=world.manager, assess=True, reasons="May need a plan.")
    advice = advice_request(case=assessing, kind="health", organisation=world.icb, requested_by=world.caseworker)
    senco_membership = world.senco_a.memberships.get()
    child_a = {"pk": world.child_a.pk}
    attention = ehc.case_bring_to_attention(brought_by=world.adviser, reason="Not speaking.", family_knows=True,
                                            home_local_authority=world.council, given_name="Robin",
                                            family_name="Hood", date_of_birth=dt.date(2019, 5, 4))
    return {
        "child_list": ({}, "get", None),
        "child_register": ({}, "get", None),
        "child_rights_at_16": ({}, "get", None),
        "child_detail": (child_a, "get", {"parent_a", "senco_a", "caseworker", "manager"}),
        "child_edit": (child_a, "get", council_staff),
        "child_change_setting": (child_a, "get", council_staff),
        "child_invite_family": (child_a, "get", council_staff),
        "child_family_link_end": ({**child_a, "link_pk": link.pk}, "get", council_staff),
        "child_capacity_record": (child_a, "get", council_staff),
        "child_capacity_withdraw": ({**child_a, "decision_pk": capacity.pk}, "post", council_staff),
        "child_access_log": (child_a, "get", {"manager"}),
        "organisation_list": ({}, "get", None),
        "organisation_detail": ({"pk": world.school_a.pk}, "get", None),
        "organisation_invite": ({"pk": world.school_a.pk}, "get", {"senco_a", "admin"}),
        "membership_end": ({"pk": world.school_a.pk, "membership_pk": senco_membership.pk}, "get", {"admin"}),
        "invitation_list": ({}, "get", None),
        "invitation_withdraw": ({"pk": invitation.pk}, "post", council_staff),
        "invitation_accept": ({"token": token}, "get", None),
        "subject_access_export": ({}, "get", None),
        "session_keep_alive": ({}, "post", None),
        "ehc_case_list": ({}, "get", None),
        "ehc_work_tray": ({}, "get", None),
        "ehc_request_new": ({}, "get", None),
        "ehc_bring_to_attention": ({}, "get", None),
        "ehc_request_new_child": ({}, "get", None),
        "ehc_attention_sent": ({"pk": attention.pk}, "get", {"adviser"}),
        "ehc_request_edit": ({"pk": draft.pk}, "get", {"parent_a"}),
        "ehc_request_check": ({"pk": draft.pk}, "get", {"parent_a"}),
        "ehc_case_detail": ({"pk": decided.pk}, "get", {"parent_a", "senco_a", "caseworker", "manager"}),
        "ehc_decision_letter": ({"pk": decided.pk}, "get", {"parent_a", "senco_a", "caseworker", "manager"}),
        "ehc_triage": ({"pk": decided.pk}, "get", council_staff),
        "ehc_decide": ({"pk": decided.pk}, "get", {"manager"}),
        "ehc_exception_new": ({"pk": decided.pk}, "get", council_staff),
        "ehc_advice_new": ({"pk": assessing.pk}, "get", council_staff),
        "ehc_decide_issue": ({"pk": assessing.pk}, "get", {"manager"}),
        "ehc_advice_tray": ({}, "get", None),
        "ehc_advice_detail": ({"pk": advice.pk}, "get", {"adviser"}),
        "ehc_advice_review": ({"pk": advice.pk}, "get", council_staff),
    }


def _plan_targets(world, council_staff):
    drafting, need, outcome, provision = plan_case(world, how_often="Regularly")  # fails the quality checks
    served, *_ = plan_case(world, serve=True)
    consultation = ehc.consultation_send(case=served, setting=world.school_a, sent_by=world.caseworker)
    final = final_plan_case(world)
    revised, *_ = plan_case(world, revise=True)
    readers = {"parent_a", "senco_a", "caseworker", "manager"}
    case = {"pk": drafting.pk}
    return {
        "ehc_plan": (case, "get", readers),
        "ehc_plan_compare": ({"pk": revised.pk}, "get", council_staff),  # families see only versions sent to them
        "ehc_plan_respond": ({"pk": served.pk}, "get", {"parent_a"}),
        "ehc_plan_start": (case, "post", council_staff),
        "ehc_plan_text": (case, "get", council_staff),
        "ehc_plan_need_new": (case, "get", council_staff),
        "ehc_plan_need": ({**case, "item_pk": need.pk}, "get", council_staff),
        "ehc_plan_outcome_new": (case, "get", council_staff),
        "ehc_plan_outcome": ({**case, "item_pk": outcome.pk}, "get", council_staff),
        "ehc_plan_provision_new": (case, "get", council_staff),
        "ehc_plan_provision": ({**case, "item_pk": provision.pk}, "get", council_staff),
        # Posted without a revision, so nothing is removed and every allowed role is redirected back.
        "ehc_plan_item_delete": ({**case, "kind": "need", "item_pk": need.pk}, "post", council_staff),
        "ehc_plan_serve": (case, "post", council_staff),
        "ehc_consultation_new": ({"pk": served.pk}, "get", council_staff),
        "ehc_consultation": ({"pk": consultation.pk}, "get", {"senco_a"}),
        "ehc_final_issue": ({"pk": served.pk}, "get", {"manager"}),
        "ehc_plan_pdf": ({"pk": final.pk}, "get", readers),
        "ehc_disagreement": ({"pk": final.pk}, "get", council_staff),
    }


# A minimal PDF a reader can open: uploads are opened with pikepdf and stripped of active content.
PDF_BYTES = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
             b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
             b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def _document_targets(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    draft = case_start(requested_by=world.parent_a, child=world.child_a, requester_kind="parent", reason="Reading.")
    removable = ehc.document_add(case=draft, uploaded=SimpleUploadedFile("report.pdf", PDF_BYTES),
                                 uploaded_by=world.parent_a, kind="evidence")
    sent = case_start(requested_by=world.parent_a, child=world.child_a, requester_kind="parent", reason="Reading.")
    evidence = ehc.document_add(case=sent, uploaded=SimpleUploadedFile("evidence.pdf", PDF_BYTES),
                                uploaded_by=world.parent_a, kind="evidence")
    case_submit(case=sent, user=world.parent_a)
    case_decide_assessment(case=sent, decided_by=world.manager, assess=True, reasons="Yes.")
    advice = advice_request(case=sent, kind="health", organisation=world.icb, requested_by=world.caseworker)
    return {
        # Posted with no file, so an allowed person gets the "select a file" error (400) and nothing changes.
        "ehc_document_upload": ({"pk": draft.pk}, "post", {"parent_a"}),
        "ehc_advice_document_upload": ({"pk": advice.pk}, "post", {"adviser"}),
        "ehc_document": ({"pk": evidence.pk}, "get", {"parent_a", "senco_a", "caseworker", "manager", "adviser"}),
        "ehc_document_remove": ({"pk": removable.pk}, "post", {"parent_a"}),
    }


def panel_with_meeting(world):
    from send_portal.panels import services as panels

    panel = panels.panel_create(name="Assessment Panel", purpose="ehc_assessment", local_authority=world.council,
                                weekday=(dt.date.today().weekday() + 2) % 7)
    panels.panel_member_add(panel=panel, user=world.panel, role="chair", represents="Education")
    meeting = panels.meetings_schedule(panel=panel, count=2)[0]
    return panel, meeting


def _panel_targets(world, council_staff):
    from guardian.shortcuts import assign_perm

    from send_portal.panels import services as panels
    from send_portal.panels.models import Meeting

    panel, meeting = panel_with_meeting(world)
    case = case_start(requested_by=world.parent_a, child=world.child_a, requester_kind="parent", reason="Reading.")
    case_submit(case=case, user=world.parent_a)
    item = ehc.case_to_panel(case=case, meeting=meeting, papers="Reading well below age.", added_by=world.caseworker)
    action = panels.action_add(item=item, description="Ask the school for its reading assessments.", owner=world.panel,
                               due_on=dt.date.today() + dt.timedelta(days=7), created_by=world.panel)
    # Yesterday's meeting, with nothing left to decide: its minutes can be produced.
    met = Meeting.objects.create(panel=panel, date=dt.date.today() - dt.timedelta(days=1))
    assign_perm("view_meeting", panel.group, met)
    panels.meeting_attendance_record(meeting=met, user=world.panel, present=list(panel.members.all()))
    on_item = {"pk": meeting.pk, "item_pk": item.pk}
    return {
        "panel_meeting_list": ({}, "get", None),
        "panel_meeting": ({"pk": meeting.pk}, "get", {"panel"}),
        "panel_item_recommend": (on_item, "get", {"panel"}),
        "panel_item_conflict": (on_item, "get", {"panel"}),
        "panel_item_action_new": (on_item, "get", {"panel"}),
        "panel_action_done": ({"pk": meeting.pk, "action_pk": action.pk}, "post", {"panel"}),
        "panel_meeting_attendance": ({"pk": met.pk}, "get", {"panel"}),
        "panel_minutes": ({"pk": met.pk}, "post", {"panel"}),
        "ehc_to_panel": ({"pk": case.pk}, "get", council_staff),
    }


def complete_referral_answers(today=None, **overrides):
    """Answers that pass all five checks before triage."""
    today = today or dt.date.today()
    return {
        "reason": "at_risk", "summary": "Three suspensions this term; struggling in large classes.",
        "requested_tier": "2", "parent_consent_signed_on": today - dt.timedelta(days=3),
        "parent_consent_signed_by": "Mother", "child_views": "I want to be somewhere quieter.",
        "parent_views": "We want a fresh start with a plan back to school.",
        "risk_assessment_on": today - dt.timedelta(days=10), "risk_assessment_summary": "Low risk to others.",
        "interventions": "Mentor twice a week for a term: fewer incidents, still anxious.",
        "lead_professional": "Sam Lead, SENCO", "lead_professional_contact": "sam.lead@example.test",
        **overrides,
    }


def ap_panel(world, *, weekday=None, **settings):
    """The council's alternative provision panel: the panel-member user is its clerk and the manager chairs."""
    from send_portal.panels import services as panels

    panel = panels.panel_create(name="Alternative Provision Panel", purpose="alternative_provision",
                                local_authority=world.council,
                                weekday=(dt.date.today().weekday() + 3) % 7 if weekday is None else weekday,
                                **settings)
    panels.panel_member_add(panel=panel, user=world.panel, role="clerk", represents="The council")
    panels.panel_member_add(panel=panel, user=world.manager, role="chair", represents="The council")
    panels.meetings_schedule(panel=panel, count=4)
    return panel
