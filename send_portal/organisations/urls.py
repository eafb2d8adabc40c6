from django.urls import path

from . import views

urlpatterns = [
    path("", views.organisation_list, name="organisation_list"),
    path("<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("<int:pk>/invite/", views.OrganisationInviteView.as_view(), name="organisation_invite"),
    path("<int:pk>/members/<int:membership_pk>/remove/", views.membership_end, name="membership_end"),
]
