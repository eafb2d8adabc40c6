from django.urls import include, path

from . import drilldown_views, views

# The fixed paths come before the indicator pages, whose slug would otherwise match them.
urlpatterns = [
    path("", views.home, name="dashboards_home"),
    path("sen2/", include("dashboards.urls_sen2")),
    path("improvement-plan/", include("dashboards.urls_plan")),
    path("theme/<slug:theme>/", views.theme, name="dashboards_theme"),
    path("<slug:slug>/", views.indicator, name="dashboards_indicator"),
    path("<slug:slug>/csv/", views.indicator_csv, name="dashboards_indicator_csv"),
    path("<slug:slug>/cases/", drilldown_views.indicator_cases, name="dashboards_indicator_cases"),
]
