"""URLs of the plans app. Public paths are Swedish."""

from django.urls import path

from plans import views
from plans.feeds import PublishedPlansFeed
from plans.views.archive import year_archive

app_name = "plans"

PLAN = "planer/<slug:slug>/<int:year>/"
EDIT = PLAN + "redigera/"

urlpatterns = [
    path("planer/", views.plan_index, name="index"),
    path("flode/planer.xml", PublishedPlansFeed(), name="feed"),
    path("planer/<slug:slug>/ny/", views.plan_new, name="new"),
    path(PLAN, views.plan_detail, name="detail"),
    path(PLAN + "pdf/", views.plan_pdf, name="pdf"),
    path(PLAN + "arkivpaket.zip", year_archive, name="year_archive"),
    path(PLAN + "version/<int:version>/", views.plan_detail, name="version"),
    path(PLAN + "version/<int:version>/pdf/", views.plan_pdf, name="version_pdf"),
    path(PLAN + "ny-plan-fran-aret/", views.plan_next_year, name="next_year"),
    path(EDIT, views.plan_edit, name="edit"),
    path(EDIT + "uppgifter/", views.plan_update, name="update"),
    path(EDIT + "uppfoljning/", views.follow_up, name="follow_up"),
    path(EDIT + "faststall/", views.plan_adopt, name="adopt"),
    path(EDIT + "publicera/", views.plan_publish, name="publish"),
    path(EDIT + "ny-version/", views.plan_new_version, name="new_version"),
    path(EDIT + "<str:section>/ny/", views.item_add, name="item_add"),
    path(EDIT + "<str:section>/<int:pk>/", views.item_edit, name="item_edit"),
    path(EDIT + "<str:section>/<int:pk>/flytta/", views.item_move, name="item_move"),
    path(
        EDIT + "<str:section>/<int:pk>/ta-bort/", views.item_delete, name="item_delete"
    ),
    path("styrdokument/", views.styrdokument_list, name="styrdokument_list"),
    path(
        "styrdokument/<int:pk>/",
        views.styrdokument_detail,
        name="styrdokument_detail",
    ),
]
