from django.apps import AppConfig


class EhcConfig(AppConfig):
    name = "ehc"
    verbose_name = "EHC needs assessments and plans"

    def ready(self):
        from send_portal.audit.registry import track_changes
        from send_portal.panels.registry import on_recommendation
        from send_portal.people.signals import setting_changed

        from .models import (
            AnnualReview,
            CeasingProposal,
            EHCCase,
            Letter,
            PersonalBudgetRequest,
            PlanTransfer,
            ReassessmentRequest,
            ReviewContribution,
            StatutoryNotice,
            TimeLimitException,
        )
        from .services import child_left_setting, panel_recommendation_recorded

        on_recommendation(EHCCase, panel_recommendation_recorded)
        setting_changed.connect(
            lambda sender, child, old_setting, new_setting, **_: child_left_setting(
                child=child, old_setting=old_setting, new_setting=new_setting),
            weak=False, dispatch_uid="ehc.child_left_setting")

        # What families and schools write about a child's needs stays out of the audit log; the log records
        # that it changed.
        track_changes(EHCCase, exclude=["reason", "family_views", "support_so_far", "outside_advice", "attainment",
                                        "decision_reasons", "other_needs", "primary_need"])
        track_changes(StatutoryNotice)
        track_changes(TimeLimitException, exclude=["reason"])
        track_changes(AnnualReview, exclude=["child_views", "family_views", "preparing_for_adulthood",
                                             "disagreements", "decision_reasons", "reason_detail"])
        track_changes(ReviewContribution, exclude=["advice"])
        track_changes(CeasingProposal, exclude=["explanation", "family_response", "setting_response",
                                                "decision_reasons"])
        track_changes(PersonalBudgetRequest, exclude=["provision_wanted", "reasons"])
        track_changes(ReassessmentRequest, exclude=["reason", "decision_reasons"])
        track_changes(PlanTransfer)
        track_changes(Letter, exclude=["html"])
