from django.urls import path

from . import provider_views as views

urlpatterns = [
    # The provider's own application and evidence
    path("provider/", views.provider_home, name="ap_provider_home"),
    path("provider/start/", views.provider_start, name="ap_provider_start"),
    path("provider/<int:pk>/", views.provider_application, name="ap_provider_application"),
    path("provider/<int:pk>/details/", views.provider_details, name="ap_provider_details"),
    path("provider/<int:pk>/registration/", views.provider_registration, name="ap_provider_registration"),
    path("provider/<int:pk>/lots/", views.provider_lots, name="ap_provider_lots"),
    path("provider/<int:pk>/evidence/", views.provider_evidence_list, name="ap_provider_evidence_list"),
    path("provider/<int:pk>/evidence/<slug:kind>/", views.provider_evidence, name="ap_provider_evidence"),
    path("provider/<int:pk>/send/", views.provider_submit, name="ap_provider_submit"),
    path("evidence/<int:pk>/download/", views.evidence_download, name="ap_evidence_download"),
    # Commissioning officers
    path("providers/", views.providers_list, name="ap_providers"),
    path("providers/<int:pk>/", views.provider_detail, name="ap_provider_detail"),
    path("providers/<int:pk>/suspend/", views.provider_suspend, name="ap_provider_suspend"),
    path("providers/<int:pk>/lift-suspension/", views.provider_lift, name="ap_provider_lift"),
    path("providers/<int:pk>/remove/", views.provider_remove, name="ap_provider_remove"),
    path("providers/<int:pk>/visits/new/", views.visit_new, name="ap_visit_new"),
    path("providers/applications/<int:pk>/checks/", views.application_evaluate, name="ap_application_evaluate"),
    path("providers/applications/<int:pk>/decision/", views.application_decide, name="ap_application_decide"),
]
