from django.urls import path

from . import views

urlpatterns = [
    path("", views.invitation_list, name="invitation_list"),
    path("<invitation:pk>/withdraw/", views.invitation_withdraw, name="invitation_withdraw"),
    path("accept/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
