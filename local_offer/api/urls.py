"""The Open Referral UK v3 API, mounted at /api/oruk/. Paths follow the standard, which writes them without a
trailing slash; either form is answered."""

from django.urls import re_path

from . import views

urlpatterns = [
    re_path(r"^$", views.ApiDetails.as_view(), name="oruk_root"),
    re_path(r"^openapi\.json$", views.OpenApi.as_view(), name="oruk_openapi"),
    re_path(r"^services/?$", views.ServiceList.as_view(), name="oruk_services"),
    re_path(r"^services/(?P<service_id>[^/]+)/?$", views.ServiceDetail.as_view(), name="oruk_service"),
    re_path(r"^service_at_locations/?$", views.ServiceAtLocationList.as_view(), name="oruk_service_at_locations"),
    re_path(r"^service_at_locations/(?P<service_at_location_id>[^/]+)/?$", views.ServiceAtLocationDetail.as_view(),
            name="oruk_service_at_location"),
    re_path(r"^taxonomies/?$", views.TaxonomyList.as_view(), name="oruk_taxonomies"),
    re_path(r"^taxonomies/(?P<taxonomy_id>[^/]+)/?$", views.TaxonomyDetail.as_view(), name="oruk_taxonomy"),
    re_path(r"^taxonomy_terms/?$", views.TaxonomyTermList.as_view(), name="oruk_taxonomy_terms"),
    re_path(r"^taxonomy_terms/(?P<taxonomy_term_id>[^/]+)/?$", views.TaxonomyTermDetail.as_view(),
            name="oruk_taxonomy_term"),
]
