from django.urls import path

from . import import_views

urlpatterns = [
    path("manage/imports/", import_views.import_list, name="local_offer_import_list"),
    path("manage/imports/new/", import_views.import_new, name="local_offer_import_new"),
    path("export/services.json", import_views.export_json, name="local_offer_export_json"),
    path("export/services.csv", import_views.export_csv, name="local_offer_export_csv"),
]
