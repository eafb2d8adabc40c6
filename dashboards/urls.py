from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="dashboards_home"),
    path("<slug:slug>/", views.indicator, name="dashboards_indicator"),
    path("<slug:slug>/csv/", views.indicator_csv, name="dashboards_indicator_csv"),
]
