from django.apps import AppConfig


class LocalOfferConfig(AppConfig):
    name = "local_offer"
    verbose_name = "Local Offer"

    def ready(self):
        from send_portal.audit.registry import track_changes

        from .models import AutoApprovalRule, DirectoryOrganisation, InformationPage, Service, ServiceProposal

        track_changes(Service, exclude=["search_vector"])
        track_changes(DirectoryOrganisation)
        track_changes(AutoApprovalRule)
        track_changes(ServiceProposal, exclude=["data", "base"])
        track_changes(InformationPage, exclude=["body"])
