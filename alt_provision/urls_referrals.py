from django.urls import path

from . import referral_views as views

urlpatterns = [
    path("panel-referrals/", views.referral_list, name="ap_referrals"),
    path("panel-referrals/new/", views.referral_new, name="ap_referral_new"),
    path("panel-referrals/<referral:pk>/", views.referral_detail, name="ap_referral"),
    path("panel-referrals/<referral:pk>/change/", views.referral_edit, name="ap_referral_edit"),
    path("panel-referrals/<referral:pk>/withdraw/", views.referral_withdraw, name="ap_referral_withdraw"),
    path("panel-referrals/triage/", views.referral_queue, name="ap_referral_queue"),
    path("panel-referrals/triage/<referral:pk>/", views.referral_triage, name="ap_referral_triage"),
]
