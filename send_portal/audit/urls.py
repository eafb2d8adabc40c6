from django.urls import path

from . import views

urlpatterns = [
    path("subject-access/", views.subject_access_export, name="subject_access_export"),
]
