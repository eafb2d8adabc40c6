from django.urls import path

from . import placement_views as views

urlpatterns = [
    path("register/", views.register, name="ap_placement_register"),
    path("register/download/", views.register_csv, name="ap_placement_register_csv"),
    path("placements/new/", views.placement_new, name="ap_placement_new"),
    path("placements/<placement:pk>/", views.placement_detail, name="ap_placement"),
    path("placements/<placement:pk>/reviews/new/", views.placement_review_new, name="ap_placement_review_new"),
    path("placements/<placement:pk>/end/", views.placement_end, name="ap_placement_end"),
    path("attendance/", views.attendance, name="ap_attendance"),
]
