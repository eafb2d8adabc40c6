from django.urls import include, path

urlpatterns = [
    path("", include("alt_provision.urls_providers")),
    path("", include("alt_provision.urls_clocks")),
    path("", include("alt_provision.urls_commissioning")),
    path("", include("alt_provision.urls_placements")),
    path("", include("alt_provision.urls_referrals")),
]
