from django.urls import include, path

urlpatterns = [
    path("", include("alt_provision.urls_providers")),
    path("", include("alt_provision.urls_clocks")),
]
