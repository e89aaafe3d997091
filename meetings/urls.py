"""URLs of the meetings app. Public paths are Swedish: people bookmark them."""

from django.urls import include, path

from meetings.views import agenda_template, member, planning, public

app_name = "meetings"

urlpatterns = [
    # Public pages, documents and feeds
    path("moten/", public.meeting_list, name="meeting_list"),
    path("moten/<int:pk>/", public.meeting_detail, name="meeting_detail"),
    path("moten/<int:pk>/kallelse.pdf", public.meeting_pdf, name="meeting_pdf"),
    path(
        "moten/<int:pk>/handlingar.zip",
        public.meeting_documents,
        name="meeting_documents",
    ),
    path(
        "moten/<int:pk>/bilagor/<int:attachment_pk>/",
        public.attachment_download,
        name="attachment_download",
    ),
    path("kalender/<slug:slug>.ics", public.body_feed, name="body_feed"),
    path(
        "kalender/personlig/<str:token>.ics",
        public.personal_feed,
        name="personal_feed",
    ),
    # Members
    path("mina-moten/", member.my_meetings, name="my_meetings"),
    path(
        "mina-moten/kalender/ny/",
        member.calendar_token_create,
        name="calendar_token_create",
    ),
    path(
        "mina-moten/kalender/aterkalla/",
        member.calendar_token_revoke,
        name="calendar_token_revoke",
    ),
    path("moten/<int:pk>/forhinder/", member.absence_report, name="absence_report"),
    path(
        "moten/<int:pk>/forhinder/aterkalla/",
        member.absence_withdraw,
        name="absence_withdraw",
    ),
    # The secretary
    path(
        "organ/<slug:slug>/nytt-mote/", planning.meeting_create, name="meeting_create"
    ),
    path(
        "organ/<slug:slug>/dagordningsmall/",
        agenda_template.template_edit,
        name="template_edit",
    ),
    path(
        "organ/<slug:slug>/dagordningsmall/<int:item_pk>/",
        agenda_template.template_item_edit,
        name="template_item_edit",
    ),
    path(
        "organ/<slug:slug>/dagordningsmall/<int:item_pk>/flytta/",
        agenda_template.template_item_move,
        name="template_item_move",
    ),
    path(
        "organ/<slug:slug>/dagordningsmall/<int:item_pk>/ta-bort/",
        agenda_template.template_item_delete,
        name="template_item_delete",
    ),
    path("moten/<int:pk>/planera/", planning.meeting_plan, name="meeting_plan"),
    path("moten/<int:pk>/andra/", planning.meeting_update, name="meeting_update"),
    path("moten/<int:pk>/stall-in/", planning.meeting_cancel, name="meeting_cancel"),
    path("moten/<int:pk>/punkter/ny/", planning.item_create, name="item_create"),
    path(
        "moten/<int:pk>/punkter/<int:item_pk>/",
        planning.item_edit,
        name="item_edit",
    ),
    path(
        "moten/<int:pk>/punkter/<int:item_pk>/flytta/",
        planning.item_move,
        name="item_move",
    ),
    path(
        "moten/<int:pk>/punkter/<int:item_pk>/ta-bort/",
        planning.item_delete,
        name="item_delete",
    ),
    path(
        "moten/<int:pk>/bilagor/ny/",
        planning.attachment_create,
        name="attachment_create",
    ),
    path(
        "moten/<int:pk>/bilagor/<int:attachment_pk>/ta-bort/",
        planning.attachment_delete,
        name="attachment_delete",
    ),
    path("moten/<int:pk>/kallelse/", planning.notice_send, name="notice_send"),
    path("moten/<int:pk>/tillagg/", planning.supplement_send, name="supplement_send"),
    path("", include("meetings.protocol_urls")),
]
