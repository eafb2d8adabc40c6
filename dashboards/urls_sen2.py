from django.urls import path

from . import sen2_views

urlpatterns = [
    path("", sen2_views.dashboards_sen2, name="dashboards_sen2"),
    path("<int:year>/download/", sen2_views.dashboards_sen2_download, name="dashboards_sen2_download"),
]
