from django.urls import path

from . import feedback_views, pages_views

urlpatterns = [
    path("feedback/", feedback_views.feedback_comment, name="local_offer_feedback_comment"),
    path("feedback/useful/", feedback_views.feedback_useful, name="local_offer_feedback_useful"),
    path("feedback/problem/", feedback_views.feedback_problem, name="local_offer_feedback_problem"),
    path("feedback/thanks/", feedback_views.feedback_thanks, name="local_offer_feedback_thanks"),
    path("you-said-we-did/", feedback_views.you_said_we_did, name="local_offer_you_said_we_did"),
    path("manage/feedback/", feedback_views.feedback_manage, name="local_offer_feedback_manage"),
    path("manage/feedback/<uuid:pk>/", feedback_views.feedback_triage, name="local_offer_feedback_triage"),
    path("manage/search-gaps/", feedback_views.search_gaps, name="local_offer_search_gaps"),
    path("manage/search-gaps/download/", feedback_views.search_gaps_csv, name="local_offer_search_gaps_csv"),
    path("families/", pages_views.landing, {"audience": "families"}, name="local_offer_landing_families"),
    path("young-people/", pages_views.landing, {"audience": "young_people"}, name="local_offer_landing_young_people"),
    path("practitioners/", pages_views.landing, {"audience": "practitioners"},
         name="local_offer_landing_practitioners"),
    path("information/", pages_views.information_index, name="local_offer_information_index"),
    path("information/<slug:slug>/", pages_views.information_page, name="local_offer_information_page"),
    path("manage/information/", pages_views.information_manage, name="local_offer_information_manage"),
    path("manage/information/new/", pages_views.information_new, name="local_offer_information_new"),
    path("manage/information/<int:pk>/", pages_views.information_edit, name="local_offer_information_edit"),
]
