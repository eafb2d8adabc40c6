"""Who may reach each page, keyed by URL name. This table is executable: AccessPolicyMiddleware enforces it,
and tests/security/test_access_policy.py fails on any URL it does not classify.

- PUBLIC: anyone, signed in or not.
- SIGNED_IN: any signed-in person.
- roles: signed-in people holding at least one of the roles; others get 403 (or the sign-in page when
  signed out).
- `object_scoped=True`: the view also checks object permission and answers 404 for "missing" and
  "not yours" alike.
- DELEGATED: a third-party app with its own checks (allauth sign-in pages, the Django admin).

A URL that is not in the table is refused, so a forgotten entry fails closed.
"""

from dataclasses import dataclass, field

from send_portal.organisations.models import FAMILY_ROLES, STAFF_ROLES, Role


@dataclass(frozen=True)
class Rule:
    kind: str  # "public", "signed_in", "roles" or "delegated"
    roles: frozenset = field(default_factory=frozenset)
    object_scoped: bool = False

    def allows(self, roles: frozenset) -> bool:
        return self.kind in ("public", "signed_in", "delegated") or bool(self.roles & roles)


PUBLIC = Rule("public")
SIGNED_IN = Rule("signed_in")
DELEGATED = Rule("delegated")


def roles(*names, object_scoped=False) -> Rule:
    return Rule("roles", frozenset(names), object_scoped)


COUNCIL_RECORD_HOLDERS = (Role.LA_CASEWORKER, Role.LA_MANAGER)
CHILD_RECORD_VIEWERS = (*COUNCIL_RECORD_HOLDERS, Role.SENCO, *FAMILY_ROLES)
INVITERS = (Role.ADMINISTRATOR, Role.LA_MANAGER, Role.SENCO, Role.PROVIDER)
# The council's Local Offer team: moderators, feedback triage, information pages and imports.
LOCAL_OFFER_STAFF = (Role.ADMINISTRATOR, Role.LA_MANAGER)
# People who keep an organisation's own listings up to date: providers, and SENCOs for their school's listing.
LISTING_KEEPERS = (Role.PROVIDER, Role.SENCO)
# People who sit on multi-agency panels: panel members, council officers, health and other advisers, and school
# leaders (head teachers sit on the alternative provision panel). Each meeting is object-scoped to its members.
PANEL_PEOPLE = (Role.PANEL_MEMBER, Role.ADVISER, Role.SENCO, *COUNCIL_RECORD_HOLDERS)
# People who read the partnership dashboards (their own council's figures only).
DASHBOARD_VIEWERS = (Role.PARTNERSHIP_LEAD, Role.LA_MANAGER, Role.LA_CASEWORKER, Role.ADMINISTRATOR)
# Council officers who run the approved provider list and commission alternative provision.
AP_COMMISSIONERS = (Role.LA_MANAGER, Role.LA_CASEWORKER)

POLICY: dict[str, Rule] = {
    # Pages for everyone
    "home": PUBLIC,
    "healthz": PUBLIC,
    "help": PUBLIC,
    "accessibility": PUBLIC,
    "privacy": PUBLIC,
    "cookies": PUBLIC,
    "glossary": PUBLIC,
    "signed_out": PUBLIC,
    "session_timed_out": PUBLIC,
    "session_keep_alive": SIGNED_IN,
    "invitation_accept": PUBLIC,
    # Children and young people
    "child_list": roles(Role.SENCO, *COUNCIL_RECORD_HOLDERS),
    "child_register": roles(*COUNCIL_RECORD_HOLDERS),
    "child_rights_at_16": roles(*COUNCIL_RECORD_HOLDERS),
    "child_detail": roles(*CHILD_RECORD_VIEWERS, object_scoped=True),
    "child_edit": roles(*COUNCIL_RECORD_HOLDERS, object_scoped=True),
    "child_change_setting": roles(*COUNCIL_RECORD_HOLDERS, object_scoped=True),
    "child_invite_family": roles(*COUNCIL_RECORD_HOLDERS, object_scoped=True),
    "child_family_link_end": roles(*COUNCIL_RECORD_HOLDERS, object_scoped=True),
    "child_capacity_record": roles(*COUNCIL_RECORD_HOLDERS, object_scoped=True),
    "child_capacity_withdraw": roles(*COUNCIL_RECORD_HOLDERS, object_scoped=True),
    "child_access_log": roles(Role.LA_MANAGER, object_scoped=True),
    # EHC needs assessments and plans
    "ehc_case_list": roles(Role.SENCO, *COUNCIL_RECORD_HOLDERS, *FAMILY_ROLES),
    "ehc_work_tray": roles(*COUNCIL_RECORD_HOLDERS),
    "ehc_request_new": roles(Role.SENCO, *FAMILY_ROLES, object_scoped=True),
    "ehc_request_new_child": roles(Role.SENCO, *FAMILY_ROLES),
    "ehc_bring_to_attention": roles(Role.ADVISER, Role.PROVIDER, Role.SENCO, Role.PANEL_MEMBER),
    "ehc_attention_sent": roles(Role.ADVISER, Role.PROVIDER, Role.SENCO, Role.PANEL_MEMBER, object_scoped=True),
    "ehc_request_edit": roles(Role.SENCO, *FAMILY_ROLES, object_scoped=True),
    "ehc_request_check": roles(Role.SENCO, *FAMILY_ROLES, object_scoped=True),
    "ehc_case_detail": roles(*CHILD_RECORD_VIEWERS, object_scoped=True),
    "ehc_decision_letter": roles(*CHILD_RECORD_VIEWERS, object_scoped=True),
    "ehc_triage": roles(*COUNCIL_RECORD_HOLDERS, object_scoped=True),
    "ehc_decide": roles(Role.LA_MANAGER, object_scoped=True),
    "ehc_decide_issue": roles(Role.LA_MANAGER, object_scoped=True),
    "ehc_exception_new": roles(*COUNCIL_RECORD_HOLDERS, object_scoped=True),
    "ehc_advice_new": roles(*COUNCIL_RECORD_HOLDERS, object_scoped=True),
    "ehc_plan": roles(*CHILD_RECORD_VIEWERS, object_scoped=True),
    "ehc_plan_compare": roles(*CHILD_RECORD_VIEWERS, object_scoped=True),
    "ehc_plan_respond": roles(*FAMILY_ROLES, object_scoped=True),
    "ehc_plan_start": roles(*COUNCIL_RECORD_HOLDERS, object_scoped=True),
    "ehc_plan_text": roles(*COUNCIL_RECORD_HOLDERS, object_scoped=True),
    "ehc_plan_need_new": roles(*COUNCIL_RECORD_HOLDERS, object_scoped=True),
    "ehc_plan_need": roles(*COUNCIL_RECORD_HOLDERS, object_scoped=True),
    "ehc_plan_outcome_new": roles(*COUNCIL_RECORD_HOLDERS, object_scoped=True),
    "ehc_plan_outcome": roles(*COUNCIL_RECORD_HOLDERS, object_scoped=True),
    "ehc_plan_provision_new": roles(*COUNCIL_RECORD_HOLDERS, object_scoped=True),
    "ehc_plan_provision": roles(*COUNCIL_RECORD_HOLDERS, object_scoped=True),
    "ehc_plan_item_delete": roles(*COUNCIL_RECORD_HOLDERS, object_scoped=True),
    "ehc_plan_serve": roles(*COUNCIL_RECORD_HOLDERS, object_scoped=True),
    "ehc_consultation_new": roles(*COUNCIL_RECORD_HOLDERS, object_scoped=True),
    "ehc_consultation": roles(Role.SENCO, object_scoped=True),
    "ehc_final_issue": roles(Role.LA_MANAGER, object_scoped=True),
    "ehc_disagreement": roles(*COUNCIL_RECORD_HOLDERS, object_scoped=True),
    "ehc_document_upload": roles(Role.SENCO, *FAMILY_ROLES, object_scoped=True),
    "ehc_advice_document_upload": roles(Role.ADVISER, Role.SENCO, object_scoped=True),
    "ehc_document": roles(*CHILD_RECORD_VIEWERS, Role.ADVISER, object_scoped=True),
    "ehc_document_remove": roles(Role.SENCO, Role.ADVISER, *FAMILY_ROLES, object_scoped=True),
    "ehc_plan_pdf": roles(*CHILD_RECORD_VIEWERS, object_scoped=True),
    "ehc_advice_tray": roles(Role.ADVISER, Role.SENCO),
    "ehc_advice_detail": roles(Role.ADVISER, Role.SENCO, object_scoped=True),
    "ehc_advice_review": roles(*COUNCIL_RECORD_HOLDERS, object_scoped=True),
    # Panels
    "panel_meeting_list": roles(*PANEL_PEOPLE),
    "panel_meeting": roles(*PANEL_PEOPLE, object_scoped=True),
    "panel_item_recommend": roles(*PANEL_PEOPLE, object_scoped=True),
    "panel_item_conflict": roles(*PANEL_PEOPLE, object_scoped=True),
    "panel_item_action_new": roles(*PANEL_PEOPLE, object_scoped=True),
    "panel_action_done": roles(*PANEL_PEOPLE, object_scoped=True),
    "panel_meeting_attendance": roles(*PANEL_PEOPLE, object_scoped=True),
    "panel_minutes": roles(*PANEL_PEOPLE, object_scoped=True),
    "ehc_to_panel": roles(*COUNCIL_RECORD_HOLDERS, object_scoped=True),
    "ehc_review_tower": roles(*COUNCIL_RECORD_HOLDERS),
    "ehc_phase_transfers": roles(*COUNCIL_RECORD_HOLDERS),
    "ehc_review": roles(*CHILD_RECORD_VIEWERS, object_scoped=True),
    "ehc_review_open": roles(*COUNCIL_RECORD_HOLDERS, object_scoped=True),
    "ehc_review_arrange": roles(Role.SENCO, *COUNCIL_RECORD_HOLDERS, object_scoped=True),
    "ehc_review_circulate": roles(Role.SENCO, *COUNCIL_RECORD_HOLDERS, object_scoped=True),
    "ehc_review_meeting": roles(Role.SENCO, *COUNCIL_RECORD_HOLDERS, object_scoped=True),
    "ehc_review_amend_start": roles(*COUNCIL_RECORD_HOLDERS, object_scoped=True),
    "ehc_review_decide": roles(Role.LA_MANAGER, object_scoped=True),
    "ehc_review_amended_issue": roles(Role.LA_MANAGER, object_scoped=True),
    "ehc_review_keep": roles(Role.LA_MANAGER, object_scoped=True),
    "ehc_ceasing": roles(*CHILD_RECORD_VIEWERS, object_scoped=True),
    "ehc_ceasing_propose": roles(*COUNCIL_RECORD_HOLDERS, object_scoped=True),
    "ehc_ceasing_respond": roles(Role.SENCO, *FAMILY_ROLES, object_scoped=True),
    "ehc_ceasing_decide": roles(Role.LA_MANAGER, object_scoped=True),
    "ehc_personal_budgets": roles(*COUNCIL_RECORD_HOLDERS, *FAMILY_ROLES, object_scoped=True),
    "ehc_personal_budget_request": roles(*FAMILY_ROLES, object_scoped=True),
    "ehc_personal_budget_decide": roles(Role.LA_MANAGER, object_scoped=True),
    "ehc_personal_budget_review": roles(*FAMILY_ROLES, object_scoped=True),
    "ehc_post16_move": roles(*COUNCIL_RECORD_HOLDERS, object_scoped=True),
    "ehc_transfer_out": roles(*COUNCIL_RECORD_HOLDERS, object_scoped=True),
    "ehc_transfer_out_send": roles(*COUNCIL_RECORD_HOLDERS, object_scoped=True),
    "ehc_transfer_notice": roles(*COUNCIL_RECORD_HOLDERS, object_scoped=True),
    "ehc_transfer_in": roles(*COUNCIL_RECORD_HOLDERS),
    "ehc_reassessment": roles(*CHILD_RECORD_VIEWERS, object_scoped=True),
    "ehc_reassessment_request": roles(*CHILD_RECORD_VIEWERS, object_scoped=True),
    "ehc_reassessment_decide": roles(Role.LA_MANAGER, object_scoped=True),
    "ehc_correspondence": roles(*CHILD_RECORD_VIEWERS, object_scoped=True),
    "ehc_letter_pdf": roles(*COUNCIL_RECORD_HOLDERS, *FAMILY_ROLES, object_scoped=True),
    "ehc_plan_version_pdf": roles(*CHILD_RECORD_VIEWERS, object_scoped=True),
    "ehc_review_contribution": roles(Role.ADVISER, Role.SENCO, *COUNCIL_RECORD_HOLDERS, *FAMILY_ROLES,
                                     object_scoped=True),
    # Local Offer: search, service pages, shortlist and the settings directory
    # (local-offer-public)
    "local_offer_home": PUBLIC,
    "local_offer_search": PUBLIC,
    "local_offer_service": PUBLIC,
    "local_offer_shortlist": PUBLIC,
    "local_offer_shortlist_add": PUBLIC,
    "local_offer_shortlist_remove": PUBLIC,
    "local_offer_settings_directory": PUBLIC,
    # Local Offer: provider self-service, moderation and listing reviews
    # (local-offer-provider)
    "local_offer_listings_manage": roles(*LOCAL_OFFER_STAFF),
    "local_offer_listing_manage": roles(*LOCAL_OFFER_STAFF),
    "local_offer_provider_dashboard": roles(*LISTING_KEEPERS),
    "local_offer_provider_service_new": roles(*LISTING_KEEPERS),
    "local_offer_provider_service": roles(*LISTING_KEEPERS, object_scoped=True),
    "local_offer_provider_service_edit": roles(*LISTING_KEEPERS, object_scoped=True),
    "local_offer_provider_service_confirm": roles(*LISTING_KEEPERS, object_scoped=True),
    "local_offer_provider_proposal": roles(*LISTING_KEEPERS, object_scoped=True),
    "local_offer_provider_proposal_edit": roles(*LISTING_KEEPERS, object_scoped=True),
    "local_offer_provider_proposal_withdraw": roles(*LISTING_KEEPERS, object_scoped=True),
    "local_offer_moderation_queue": roles(*LOCAL_OFFER_STAFF),
    "local_offer_moderation_proposal": roles(*LOCAL_OFFER_STAFF),
    "local_offer_moderation_approve": roles(*LOCAL_OFFER_STAFF),
    "local_offer_moderation_reject": roles(*LOCAL_OFFER_STAFF),
    # Local Offer: feedback, "You said, we did", the search gap report, landing and information pages
    # (local-offer-feedback)
    "local_offer_feedback_comment": PUBLIC,
    "local_offer_feedback_useful": PUBLIC,
    "local_offer_feedback_problem": PUBLIC,
    "local_offer_feedback_thanks": PUBLIC,
    "local_offer_you_said_we_did": PUBLIC,
    "local_offer_feedback_manage": roles(*LOCAL_OFFER_STAFF),
    "local_offer_feedback_triage": roles(*LOCAL_OFFER_STAFF),
    "local_offer_search_gaps": roles(*LOCAL_OFFER_STAFF),
    "local_offer_search_gaps_csv": roles(*LOCAL_OFFER_STAFF),
    "local_offer_landing_families": PUBLIC,
    "local_offer_landing_young_people": PUBLIC,
    "local_offer_landing_practitioners": PUBLIC,
    "local_offer_information_index": PUBLIC,
    "local_offer_information_page": PUBLIC,
    "local_offer_information_manage": roles(*LOCAL_OFFER_STAFF),
    "local_offer_information_new": roles(*LOCAL_OFFER_STAFF),
    "local_offer_information_edit": roles(*LOCAL_OFFER_STAFF),
    # Local Offer: the Open Referral UK API, imports and exports
    # (local-offer-api)
    "oruk_root": PUBLIC,
    "oruk_openapi": PUBLIC,
    "oruk_services": PUBLIC,
    "oruk_service": PUBLIC,
    "oruk_service_at_locations": PUBLIC,
    "oruk_service_at_location": PUBLIC,
    "oruk_taxonomies": PUBLIC,
    "oruk_taxonomy": PUBLIC,
    "oruk_taxonomy_terms": PUBLIC,
    "oruk_taxonomy_term": PUBLIC,
    "local_offer_export_json": PUBLIC,
    "local_offer_export_csv": PUBLIC,
    "local_offer_import_list": roles(*LOCAL_OFFER_STAFF),
    "local_offer_import_new": roles(*LOCAL_OFFER_STAFF),
    # Alternative provision: the approved provider list (applications, evidence, evaluation, visits, status)
    # (ap-providers)
    "ap_provider_home": roles(Role.PROVIDER),
    "ap_provider_start": roles(Role.PROVIDER, object_scoped=True),
    "ap_provider_application": roles(Role.PROVIDER, object_scoped=True),
    "ap_provider_details": roles(Role.PROVIDER, object_scoped=True),
    "ap_provider_registration": roles(Role.PROVIDER, object_scoped=True),
    "ap_provider_lots": roles(Role.PROVIDER, object_scoped=True),
    "ap_provider_evidence_list": roles(Role.PROVIDER, object_scoped=True),
    "ap_provider_evidence": roles(Role.PROVIDER, object_scoped=True),
    "ap_provider_submit": roles(Role.PROVIDER, object_scoped=True),
    "ap_evidence_download": roles(Role.PROVIDER, *AP_COMMISSIONERS, object_scoped=True),
    "ap_providers": roles(*AP_COMMISSIONERS),
    "ap_provider_detail": roles(*AP_COMMISSIONERS, object_scoped=True),
    "ap_provider_suspend": roles(*AP_COMMISSIONERS, object_scoped=True),
    "ap_provider_lift": roles(*AP_COMMISSIONERS, object_scoped=True),
    "ap_provider_remove": roles(*AP_COMMISSIONERS, object_scoped=True),
    "ap_visit_new": roles(*AP_COMMISSIONERS, object_scoped=True),
    "ap_application_evaluate": roles(*AP_COMMISSIONERS, object_scoped=True),
    "ap_application_decide": roles(*AP_COMMISSIONERS, object_scoped=True),
    # Alternative provision: the school-day calendar, exclusions and the sixth-day duty, health absences
    # (ap-clocks)
    "ap_exclusion_list": roles(Role.SENCO, *COUNCIL_RECORD_HOLDERS),
    "ap_exclusion_new": roles(Role.SENCO, *COUNCIL_RECORD_HOLDERS),
    "ap_exclusion": roles(Role.SENCO, *COUNCIL_RECORD_HOLDERS, object_scoped=True),
    "ap_exclusion_provision": roles(Role.SENCO, *COUNCIL_RECORD_HOLDERS, object_scoped=True),
    "ap_health_absences": roles(Role.SENCO, *COUNCIL_RECORD_HOLDERS),
    "ap_health_absence_new": roles(Role.SENCO, *COUNCIL_RECORD_HOLDERS),
    "ap_health_referral_acknowledge": roles(*COUNCIL_RECORD_HOLDERS, object_scoped=True),
    "ap_school_calendar": roles(*COUNCIL_RECORD_HOLDERS),
    "ap_school_holiday_new": roles(*COUNCIL_RECORD_HOLDERS),
    "ap_school_holiday_delete": roles(*COUNCIL_RECORD_HOLDERS, object_scoped=True),
    "ap_school_term_new": roles(*COUNCIL_RECORD_HOLDERS),
    "ap_school_term_delete": roles(*COUNCIL_RECORD_HOLDERS, object_scoped=True),
    # Alternative provision: placement requirements, call-offs, offers and awards
    # (ap-commissioning)
    "ap_requirements": roles(Role.SENCO, *AP_COMMISSIONERS),
    "ap_requirement_new": roles(Role.SENCO, *AP_COMMISSIONERS),
    "ap_requirement": roles(Role.SENCO, *AP_COMMISSIONERS, object_scoped=True),
    "ap_requirement_edit": roles(Role.SENCO, *AP_COMMISSIONERS, object_scoped=True),
    "ap_requirement_send": roles(Role.SENCO, *AP_COMMISSIONERS, object_scoped=True),
    "ap_requirement_cancel": roles(Role.SENCO, *AP_COMMISSIONERS, object_scoped=True),
    "ap_requirement_award": roles(Role.SENCO, *AP_COMMISSIONERS, object_scoped=True),
    "ap_calloffs": roles(Role.PROVIDER),
    "ap_calloff": roles(Role.PROVIDER, object_scoped=True),
    "ap_calloff_offer": roles(Role.PROVIDER, object_scoped=True),
    "ap_calloff_withdraw": roles(Role.PROVIDER, object_scoped=True),
    # Alternative provision: placements, attendance, reviews, outcomes, the register and the registration alert
    # (ap-placements)
    "ap_placement_register": roles(Role.SENCO, *COUNCIL_RECORD_HOLDERS),
    "ap_placement_register_csv": roles(Role.SENCO, *COUNCIL_RECORD_HOLDERS),
    "ap_placement_new": roles(Role.SENCO, *AP_COMMISSIONERS),
    "ap_placement": roles(Role.SENCO, *COUNCIL_RECORD_HOLDERS, Role.PROVIDER, object_scoped=True),
    "ap_placement_review_new": roles(Role.SENCO, *AP_COMMISSIONERS, Role.PROVIDER, object_scoped=True),
    "ap_placement_end": roles(Role.SENCO, *AP_COMMISSIONERS, object_scoped=True),
    "ap_attendance": roles(Role.PROVIDER),
    # Referrals to the alternative provision panel: referrers (SENCOs and council officers), and the panel's clerk
    "ap_referrals": roles(Role.SENCO, *AP_COMMISSIONERS),
    "ap_referral_new": roles(Role.SENCO, *AP_COMMISSIONERS),
    "ap_referral": roles(Role.SENCO, *AP_COMMISSIONERS, object_scoped=True),
    "ap_referral_edit": roles(Role.SENCO, *AP_COMMISSIONERS, object_scoped=True),
    "ap_referral_withdraw": roles(Role.SENCO, *AP_COMMISSIONERS, object_scoped=True),
    "ap_referral_queue": roles(*PANEL_PEOPLE),
    "ap_referral_triage": roles(*PANEL_PEOPLE, object_scoped=True),
    # Partnership dashboards
    # (aggregate figures for the person's own council; small counts suppressed for all but council officers)
    "dashboards_home": roles(*DASHBOARD_VIEWERS),
    "dashboards_theme": roles(*DASHBOARD_VIEWERS),
    "dashboards_indicator": roles(*DASHBOARD_VIEWERS),
    "dashboards_indicator_csv": roles(*DASHBOARD_VIEWERS),
    # The cases behind a figure: children's records, so only council officers who see every count, and only the
    # cases they could open anyway (checked in the view: partnership leads and administrators get 404)
    "dashboards_indicator_cases": roles(*DASHBOARD_VIEWERS, object_scoped=True),
    # The public "How we are doing" page beside the Local Offer (rounded figures, small counts hidden)
    "dashboards_public": PUBLIC,
    "dashboards_public_council": PUBLIC,
    # The SEN2 statutory return: person-level data, so council officers only, for their own council
    "dashboards_sen2": roles(*COUNCIL_RECORD_HOLDERS),
    "dashboards_sen2_download": roles(*COUNCIL_RECORD_HOLDERS),
    # The improvement plan: everyone who reads the dashboards sees their council's plan; partnership leads and
    # managers shape it, and owners update their own actions, KPIs and exception reports (checked in services)
    "dashboards_plans": roles(*DASHBOARD_VIEWERS),
    "dashboards_plan_new": roles(*DASHBOARD_VIEWERS),
    "dashboards_plan": roles(*DASHBOARD_VIEWERS, object_scoped=True),
    "dashboards_plan_priority_new": roles(*DASHBOARD_VIEWERS, object_scoped=True),
    "dashboards_plan_action_new": roles(*DASHBOARD_VIEWERS, object_scoped=True),
    "dashboards_plan_action": roles(*DASHBOARD_VIEWERS, object_scoped=True),
    "dashboards_plan_kpi_new": roles(*DASHBOARD_VIEWERS, object_scoped=True),
    "dashboards_plan_kpi": roles(*DASHBOARD_VIEWERS, object_scoped=True),
    "dashboards_plan_exception_report": roles(*DASHBOARD_VIEWERS, object_scoped=True),
    "dashboards_plan_board_packs": roles(*DASHBOARD_VIEWERS, object_scoped=True),
    "dashboards_plan_board_pack_pdf": roles(*DASHBOARD_VIEWERS, object_scoped=True),
    # Organisations and people
    "organisation_list": roles(*STAFF_ROLES),
    "organisation_detail": roles(*STAFF_ROLES),
    "organisation_invite": roles(*INVITERS, object_scoped=True),
    "membership_end": roles(*INVITERS, object_scoped=True),
    "invitation_list": roles(*INVITERS, *COUNCIL_RECORD_HOLDERS),
    "invitation_withdraw": roles(*INVITERS, *COUNCIL_RECORD_HOLDERS, object_scoped=True),
    # Subject access export (UK GDPR Art 15): everything about one child or person, for the council's
    # administrators only; the download needs the password again (allauth reauthentication)
    "subject_access_export": roles(Role.ADMINISTRATOR),
}

# Third-party URL names handled by their own apps' checks, classified by prefix.
DELEGATED_PREFIXES = ("account_", "mfa_", "usersessions_", "admin:")


def rule_for(url_name: str | None) -> Rule | None:
    if not url_name:
        return None
    if url_name in POLICY:
        return POLICY[url_name]
    if url_name.startswith(DELEGATED_PREFIXES):
        return DELEGATED
    return None
