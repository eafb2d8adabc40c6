from django.urls import path

from . import moderation_views, provider_views

urlpatterns = [
    path("provider/", provider_views.dashboard, name="local_offer_provider_dashboard"),
    path("provider/services/new/", provider_views.service_new, name="local_offer_provider_service_new"),
    path("provider/services/<uuid:pk>/", provider_views.service_detail, name="local_offer_provider_service"),
    path("provider/services/<uuid:pk>/edit/", provider_views.service_edit, name="local_offer_provider_service_edit"),
    path("provider/services/<uuid:pk>/confirm/", provider_views.service_confirm,
         name="local_offer_provider_service_confirm"),
    path("provider/proposals/<uuid:pk>/", provider_views.proposal_detail, name="local_offer_provider_proposal"),
    path("provider/proposals/<uuid:pk>/edit/", provider_views.proposal_edit, name="local_offer_provider_proposal_edit"),
    path("provider/proposals/<uuid:pk>/withdraw/", provider_views.proposal_withdraw,
         name="local_offer_provider_proposal_withdraw"),
    path("manage/moderation/", moderation_views.queue, name="local_offer_moderation_queue"),
    path("manage/moderation/<uuid:pk>/", moderation_views.proposal_detail, name="local_offer_moderation_proposal"),
    path("manage/moderation/<uuid:pk>/approve/", moderation_views.approve, name="local_offer_moderation_approve"),
    path("manage/moderation/<uuid:pk>/reject/", moderation_views.reject, name="local_offer_moderation_reject"),
    path("manage/listings/", moderation_views.listings_manage, name="local_offer_listings_manage"),
    path("manage/listings/<uuid:pk>/", moderation_views.listing_manage, name="local_offer_listing_manage"),
]
