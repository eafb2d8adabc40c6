from django.urls import path

from . import exclusion_views as views

urlpatterns = [
    path("exclusions/", views.exclusion_list, name="ap_exclusion_list"),
    path("exclusions/new/", views.exclusion_new, name="ap_exclusion_new"),
    path("exclusions/<exclusion:pk>/", views.exclusion_detail, name="ap_exclusion"),
    path("exclusions/<exclusion:pk>/provision/", views.exclusion_provision, name="ap_exclusion_provision"),
    path("health-absences/", views.health_absences, name="ap_health_absences"),
    path("health-absences/new/", views.health_absence_new, name="ap_health_absence_new"),
    path("health-absences/referrals/<healthreferral:pk>/acknowledge/", views.health_referral_acknowledge,
         name="ap_health_referral_acknowledge"),
    path("school-calendar/", views.school_calendar, name="ap_school_calendar"),
    path("school-calendar/holidays/new/", views.school_holiday_new, name="ap_school_holiday_new"),
    path("school-calendar/holidays/<int:pk>/delete/", views.school_holiday_delete, name="ap_school_holiday_delete"),
    path("school-calendar/terms/new/", views.school_term_new, name="ap_school_term_new"),
    path("school-calendar/terms/<int:pk>/delete/", views.school_term_delete, name="ap_school_term_delete"),
]
