from django.urls import path

from . import views

urlpatterns = [
    path("", views.child_list, name="child_list"),
    path("new/", views.ChildRegisterView.as_view(), name="child_register"),
    path("rights-at-16/", views.child_rights_at_16, name="child_rights_at_16"),
    path("<int:pk>/", views.child_detail, name="child_detail"),
    path("<int:pk>/edit/", views.child_edit, name="child_edit"),
    path("<int:pk>/setting/", views.child_change_setting, name="child_change_setting"),
    path("<int:pk>/invite/", views.ChildInviteFamilyView.as_view(), name="child_invite_family"),
    path("<int:pk>/family/<int:link_pk>/remove/", views.child_family_link_end, name="child_family_link_end"),
    path("<int:pk>/capacity/new/", views.child_capacity_record, name="child_capacity_record"),
    path("<int:pk>/capacity/<int:decision_pk>/withdraw/", views.child_capacity_withdraw,
         name="child_capacity_withdraw"),
    path("<int:pk>/access-log/", views.child_access_log, name="child_access_log"),
]
