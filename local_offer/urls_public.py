from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="local_offer_home"),
    path("search/", views.search, name="local_offer_search"),
    path("services/<uuid:pk>/", views.service_detail, name="local_offer_service"),
    path("shortlist/", views.shortlist, name="local_offer_shortlist"),
    path("shortlist/add/<uuid:pk>/", views.shortlist_add, name="local_offer_shortlist_add"),
    path("shortlist/remove/<uuid:pk>/", views.shortlist_remove, name="local_offer_shortlist_remove"),
    path("schools-and-colleges/", views.settings_directory, name="local_offer_settings_directory"),
]
