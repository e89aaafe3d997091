"""The API's paths, under /api/oparl/v1.1/ (namespace "oparl")."""

from django.urls import path

from council.portal.oparl import views

app_name = "oparl"

urlpatterns = [
    path("", views.system, name="system"),
    path("body", views.body_list, name="body_list"),
    path("body/<str:key>", views.body, name="body"),
    path("<str:kind>", views.object_list, name="list"),
    path("<str:kind>/<str:key>", views.object_detail, name="object"),
]
