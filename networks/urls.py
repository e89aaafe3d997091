"""Public network pages."""

from django.urls import path

from networks import views

app_name = "networks"

urlpatterns = [
    path("natverk/", views.network_list, name="network_list"),
    path("natverk/<slug:slug>/", views.network_detail, name="network_detail"),
]
