"""URLs of the meetings app. Public paths are Swedish: people bookmark them."""

from django.urls import path

from meetings.feeds import PublishedProtocolsFeed
from meetings.views import agenda_template, member, notice, planning, public
from meetings.views.protocol import (
    archive,
    attendance,
    autosave,
    correction,
    drafting,
    extract,
    history,
    justering,
    overview,
    passkey,
    preview,
    publishing,
    review,
    verification,
)
from meetings.views.protocol import public as protocol_public

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
    path(
        "moten/<int:pk>/bilagor/<int:attachment_pk>/visa/",
        public.attachment_view,
        name="attachment_view",
    ),
    path("kalender/<slug:slug>.ics", public.body_feed, name="body_feed"),
    path(
        "kalender/personlig/<str:token>.ics",
        public.personal_feed,
        name="personal_feed",
    ),
    # Members
    path("mina-moten/", member.my_meetings, name="my_meetings"),
    path("mina-moten/att-gora/", member.my_tasks, name="my_tasks"),
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
    path("moten/<int:pk>/stall-in/", notice.meeting_cancel, name="meeting_cancel"),
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
    path("moten/<int:pk>/kallelse/", notice.notice_send, name="notice_send"),
    path("moten/<int:pk>/tillagg/", notice.supplement_send, name="supplement_send"),
    # The protokoll: public pages, documents and verification
    path("protokoll/", protocol_public.protocol_list, name="protocol_list"),
    path("flode/protokoll.xml", PublishedProtocolsFeed(), name="protocol_feed"),
    path(
        "protokoll/<int:pk>/", protocol_public.protocol_detail, name="protocol_detail"
    ),
    path(
        "protokoll/<int:pk>/protokoll.pdf",
        protocol_public.protocol_pdf,
        name="protocol_pdf",
    ),
    path(
        "protokoll/<int:pk>/arkivpaket.zip",
        archive.protocol_archive,
        name="protocol_archive",
    ),
    path(
        "protokoll/<int:pk>/utdrag/<int:number>.pdf",
        extract.protocol_extract_pdf,
        name="protocol_extract",
    ),
    path("anslag/", protocol_public.notice_board, name="notice_board"),
    path("verifiera/", verification.verify, name="verify"),
    path("verifiera/ca.pem", verification.ca_certificate, name="verify_ca"),
    # The protokoll: drafting, by the secretary
    path("protokoll/oversikt/", overview.overview, name="protocol_overview"),
    path("moten/<int:pk>/protokoll/", overview.protocol_start, name="protocol_start"),
    path("protokoll/<int:pk>/utkast/", drafting.protocol_edit, name="protocol_edit"),
    path(
        "protokoll/<int:pk>/utkast/autospara/",
        autosave.protocol_autosave,
        name="protocol_autosave",
    ),
    path(
        "protokoll/<int:pk>/narvaro/",
        attendance.protocol_attendance,
        name="protocol_attendance",
    ),
    path(
        "protokoll/<int:pk>/forhandsvisning/",
        preview.protocol_preview,
        name="protocol_preview",
    ),
    path(
        "protokoll/<int:pk>/utkast.pdf",
        preview.protocol_draft_pdf,
        name="protocol_draft_pdf",
    ),
    # The protokoll: justering, publishing, corrections, history
    path("protokoll/<int:pk>/skicka/", justering.protocol_send, name="protocol_send"),
    path(
        "protokoll/<int:pk>/nyckel/<slug:action>/",
        passkey.protocol_passkey_options,
        name="protocol_passkey_options",
    ),
    path("protokoll/<int:pk>/granska/", review.protocol_review, name="protocol_review"),
    path(
        "protokoll/<int:pk>/andringsforslag/",
        justering.protocol_comment,
        name="protocol_comment",
    ),
    path(
        "protokoll/<int:pk>/justera/",
        justering.protocol_justera,
        name="protocol_justera",
    ),
    path(
        "protokoll/<int:pk>/publicera/",
        publishing.protocol_publish,
        name="protocol_publish",
    ),
    path(
        "protokoll/<int:pk>/rattelse/",
        correction.protocol_correct,
        name="protocol_correct",
    ),
    path(
        "protokoll/<int:pk>/historik/",
        history.protocol_history,
        name="protocol_history",
    ),
]
