from django.urls import path

from . import public_views

urlpatterns = [
    path("", public_views.how_we_are_doing, name="dashboards_public"),
    path("<int:council_id>/", public_views.how_we_are_doing, name="dashboards_public_council"),
]
