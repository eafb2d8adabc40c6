from django.http import HttpResponse
from django.urls import path

urlpatterns = [path("unclassified/", lambda request: HttpResponse("should never be seen"), name="not_in_policy")]
