from django.urls import path

from . import views

urlpatterns = [
    path("", views.child_list, name="child_list"),
    path("new/", views.ChildRegisterView.as_view(), name="child_register"),
    path("rights-at-16/", views.child_rights_at_16, name="child_rights_at_16"),
    path("<child:pk>/", views.child_detail, name="child_detail"),
    path("<child:pk>/edit/", views.child_edit, name="child_edit"),
    path("<child:pk>/setting/", views.child_change_setting, name="child_change_setting"),
    path("<child:pk>/invite/", views.ChildInviteFamilyView.as_view(), name="child_invite_family"),
    path("<child:pk>/family/<familylink:link_pk>/remove/", views.child_family_link_end, name="child_family_link_end"),
    path("<child:pk>/capacity/new/", views.child_capacity_record, name="child_capacity_record"),
    path("<child:pk>/capacity/<capacity:decision_pk>/withdraw/", views.child_capacity_withdraw,
         name="child_capacity_withdraw"),
    path("<child:pk>/access-log/", views.child_access_log, name="child_access_log"),
]
