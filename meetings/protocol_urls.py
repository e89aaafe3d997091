"""URLs of the protokoll (included from meetings.urls, names `meetings:protocol_*`).

Public paths are Swedish: /protokoll/ and /anslag/ are bookmarked and linked.
"""

from django.urls import path

from meetings.feeds import PublishedProtocolsFeed
from meetings.views import extract, protocol, protocol_public, protocol_review, verify

urlpatterns = [
    # Public
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
        "protokoll/<int:pk>/utdrag/<int:number>.pdf",
        extract.protocol_extract_pdf,
        name="protocol_extract",
    ),
    path("anslag/", protocol_public.notice_board, name="notice_board"),
    path("verifiera/", verify.verify, name="verify"),
    path("verifiera/ca.pem", verify.ca_certificate, name="verify_ca"),
    # The secretary
    path("protokoll/oversikt/", protocol.overview, name="protocol_overview"),
    path("moten/<int:pk>/protokoll/", protocol.protocol_start, name="protocol_start"),
    path("protokoll/<int:pk>/utkast/", protocol.protocol_edit, name="protocol_edit"),
    path(
        "protokoll/<int:pk>/narvaro/",
        protocol.protocol_attendance,
        name="protocol_attendance",
    ),
    path(
        "protokoll/<int:pk>/forhandsvisning/",
        protocol.protocol_preview,
        name="protocol_preview",
    ),
    path(
        "protokoll/<int:pk>/utkast.pdf",
        protocol.protocol_draft_pdf,
        name="protocol_draft_pdf",
    ),
    path("protokoll/<int:pk>/skicka/", protocol.protocol_send, name="protocol_send"),
    # Justering, publishing, corrections, history
    path(
        "protokoll/<int:pk>/granska/",
        protocol_review.protocol_review,
        name="protocol_review",
    ),
    path(
        "protokoll/<int:pk>/andringsforslag/",
        protocol_review.protocol_comment,
        name="protocol_comment",
    ),
    path(
        "protokoll/<int:pk>/justera/",
        protocol_review.protocol_justera,
        name="protocol_justera",
    ),
    path(
        "protokoll/<int:pk>/publicera/",
        protocol_review.protocol_publish,
        name="protocol_publish",
    ),
    path(
        "protokoll/<int:pk>/rattelse/",
        protocol_review.protocol_correct,
        name="protocol_correct",
    ),
    path(
        "protokoll/<int:pk>/historik/",
        protocol_review.protocol_history,
        name="protocol_history",
    ),
]
