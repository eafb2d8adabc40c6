from django.apps import AppConfig


class AltProvisionConfig(AppConfig):
    name = "alt_provision"
    verbose_name = "Alternative provision"

    def ready(self):
        from send_portal.audit.registry import track_changes

        # Celery's autodiscovery loads only `tasks` modules; the clock and placement tasks live beside them.
        from send_portal.panels.registry import on_clerk_queue, on_recommendation, on_school_day_check

        from . import clock_tasks, placement_tasks, referral_tasks  # noqa: F401
        from .models import (
            ApplicationCheck,
            ApprovedProvider,
            AttendanceMark,
            Evidence,
            Exclusion,
            HealthAbsence,
            HealthNeedsReferral,
            Offer,
            PanelReferral,
            Placement,
            PlacementRequirement,
            PlacementReview,
            ProviderApplication,
            QualityVisit,
        )

        track_changes(ApprovedProvider)
        track_changes(ProviderApplication)
        track_changes(ApplicationCheck)
        track_changes(Evidence)
        track_changes(QualityVisit, exclude=["findings", "actions"])
        # What is written about a child's exclusion or health stays out of the audit log; the log records that
        # it changed.
        track_changes(Exclusion, exclude=["provision_details"])
        track_changes(HealthAbsence)
        track_changes(HealthNeedsReferral, exclude=["note"])
        track_changes(PlacementRequirement, exclude=["needs_summary", "objectives", "reintegration_aim"])
        track_changes(Offer, exclude=["staffing", "notes"])
        track_changes(Placement, exclude=["objectives", "reintegration_plan"])
        track_changes(AttendanceMark, exclude=["note"])
        track_changes(PlacementReview, exclude=["progress", "next_steps"])
        # The referral's answers are its papers: the log records who changed it and when, not what it says.
        track_changes(PanelReferral, exclude=["summary", "child_views", "parent_views", "risk_assessment_summary",
                                              "interventions", "returned_note", "signposted_to"])

        from .selectors import school_day_in_council
        from .services import referral_decision_options, referral_decision_recorded

        on_recommendation(PanelReferral, referral_decision_recorded, options=referral_decision_options)
        on_school_day_check(school_day_in_council)
        on_clerk_queue("alternative_provision", "ap_referral_queue", "Referrals waiting for you to triage")
