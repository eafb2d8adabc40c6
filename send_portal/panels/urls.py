from django.urls import path

from . import views

urlpatterns = [
    path("", views.meeting_list, name="panel_meeting_list"),
    path("meetings/<meeting:pk>/", views.meeting_detail, name="panel_meeting"),
    path("meetings/<meeting:pk>/items/<agendaitem:item_pk>/", views.item_recommend, name="panel_item_recommend"),
    path("meetings/<meeting:pk>/items/<agendaitem:item_pk>/conflict/", views.item_conflict, name="panel_item_conflict"),
    path("meetings/<meeting:pk>/items/<agendaitem:item_pk>/actions/new/", views.item_action_new,
         name="panel_item_action_new"),
    path("meetings/<meeting:pk>/actions/<action:action_pk>/done/", views.action_done, name="panel_action_done"),
    path("meetings/<meeting:pk>/attendance/", views.meeting_attendance, name="panel_meeting_attendance"),
    path("meetings/<meeting:pk>/minutes/", views.minutes, name="panel_minutes"),
]
