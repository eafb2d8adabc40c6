from django.urls import include, path

urlpatterns = [
    path("", include("local_offer.urls_public")),
    path("", include("local_offer.urls_provider")),
    path("", include("local_offer.urls_feedback")),
    path("", include("local_offer.urls_import")),
]
