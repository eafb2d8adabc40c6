from django.urls import path

from . import commissioning_views as views

urlpatterns = [
    # Commissioners: schools, pupil referral units and council officers
    path("placements/requirements/", views.requirement_list, name="ap_requirements"),
    path("placements/requirements/new/", views.requirement_new, name="ap_requirement_new"),
    path("placements/requirements/<requirement:pk>/", views.requirement_detail, name="ap_requirement"),
    path("placements/requirements/<requirement:pk>/edit/", views.requirement_edit, name="ap_requirement_edit"),
    path("placements/requirements/<requirement:pk>/send/", views.requirement_send, name="ap_requirement_send"),
    path("placements/requirements/<requirement:pk>/cancel/", views.requirement_cancel, name="ap_requirement_cancel"),
    path("placements/requirements/<requirement:pk>/offers/<offer:offer_pk>/award/", views.requirement_award,
         name="ap_requirement_award"),
    # Providers invited to call-offs
    path("call-offs/", views.calloff_list, name="ap_calloffs"),
    path("call-offs/<calloff:pk>/", views.calloff_detail, name="ap_calloff"),
    path("call-offs/<calloff:pk>/offer/", views.calloff_offer, name="ap_calloff_offer"),
    path("call-offs/<calloff:pk>/withdraw/", views.calloff_withdraw, name="ap_calloff_withdraw"),
]
