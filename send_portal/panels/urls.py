from django.urls import path

from . import views

urlpatterns = [
    path("", views.meeting_list, name="panel_meeting_list"),
    path("meetings/<int:pk>/", views.meeting_detail, name="panel_meeting"),
    path("meetings/<int:pk>/items/<int:item_pk>/", views.item_recommend, name="panel_item_recommend"),
]
