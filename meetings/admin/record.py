"""The signed documents in the back office: shown, downloadable, never edited.

The admin offers the very bytes that were stored when the last signer signed;
it never renders a document of its own. Nobody adds, changes or deletes a signed
document or its signature records here: the signing service issues them.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from council.admin.base import ReasonedHistoryAdmin
from meetings.documents import record as record_selectors
from meetings.models import (
    JusteringEvidence,
    SignatureRecord,
    SignedDocument,
    TimestampRenewal,
)
from meetings.views._helpers import signed_pdf_response


class IssuedByThePortal:
    """Read-only for everyone: the signing service writes these, nobody else."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def download_url(document: SignedDocument) -> str:
    return reverse("admin:meetings_signeddocument_download", args=[document.pk])


def download_link(document: SignedDocument | None) -> str:
    if document is None or not document.is_final:
        return "–"
    return format_html(
        '<a href="{}">{}</a> <span class="help">SHA-256 {}</span>',
        download_url(document),
        _("Ladda ned den signerade PDF:en"),
        document.sha256,
    )


# What a signature record says, as the inline and the record's own page show it.
SIGNATURE_FIELDS = (
    "signer_name",
    "role",
    "signed_at",
    "certificate_serial",
    "certificate_issuer",
    "intact",
    "valid",
    "trusted",
    "timestamp_at",
    "timestamp_authority",
    "timestamp_trusted",
    "validation_data_embedded",
    "is_document_timestamp",
    "passkey",
    "summary",
)


class SignatureRecordInline(IssuedByThePortal, admin.TabularInline):
    model = SignatureRecord
    extra = 0
    fields = ("order", *SIGNATURE_FIELDS)
    readonly_fields = fields


class TimestampRenewalInline(IssuedByThePortal, admin.TabularInline):
    model = TimestampRenewal
    extra = 0
    fields = (
        "renewed_at",
        "previous_valid_until",
        "valid_until",
        "authority",
        "previous_size",
        "size",
        "sha256",
    )
    readonly_fields = fields


@admin.register(SignedDocument)
class SignedDocumentAdmin(IssuedByThePortal, ReasonedHistoryAdmin):
    list_display = ("__str__", "kind", "is_final", "finalised_at", "size", "sha256")
    list_filter = ("kind", "is_final", "protocol__meeting__body")
    search_fields = ("sha256", "sha512", "protocol__meeting__body__short_name")
    list_select_related = ("protocol__meeting__body", "paragraph")
    ordering = ("-created_at",)
    fields = (
        "protocol",
        "kind",
        "paragraph",
        "pdf",
        "sha256",
        "sha512",
        "size",
        "content_sha256",
        "is_final",
        "created_at",
        "finalised_at",
    )
    readonly_fields = fields
    inlines = (SignatureRecordInline, TimestampRenewalInline)

    def get_queryset(self, request):
        return super().get_queryset(request).without_data()

    @admin.display(description=_("Fil"))
    def pdf(self, obj: SignedDocument) -> str:
        return download_link(obj)

    def get_urls(self):
        return [
            path(
                "<int:pk>/signerad.pdf",
                self.admin_site.admin_view(self.download),
                name="meetings_signeddocument_download",
            ),
            *super().get_urls(),
        ]

    def download(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        document = SignedDocument.objects.final().filter(pk=pk).first()
        if document is None:
            raise Http404
        response = signed_pdf_response(document)
        response["Cache-Control"] = "private, no-store"
        return response


@admin.register(SignatureRecord)
class SignatureRecordAdmin(IssuedByThePortal, ReasonedHistoryAdmin):
    list_display = ("signer_name", "role", "signed_at", "document", "valid")
    list_filter = ("valid", "trusted", "is_document_timestamp", "passkey")
    search_fields = ("signer_name", "certificate_serial")
    list_select_related = ("document__protocol__meeting__body",)
    readonly_fields = ("document", "order", "field_name", "person", *SIGNATURE_FIELDS)
    fields = readonly_fields


@admin.register(JusteringEvidence)
class JusteringEvidenceAdmin(IssuedByThePortal, ReasonedHistoryAdmin):
    """A passkey assertion kept with a justering: shown, never changed."""

    list_display = ("person", "role", "protocol", "created_at")
    list_filter = ("role",)
    search_fields = ("person__name", "content_sha256")
    list_select_related = ("person", "protocol__meeting__body")
    readonly_fields = (
        "protocol",
        "person",
        "user",
        "role",
        "content_sha256",
        "rp_id",
        "origin",
        "sign_count",
        "created_at",
    )
    fields = readonly_fields


@admin.register(TimestampRenewal)
class TimestampRenewalAdmin(IssuedByThePortal, ReasonedHistoryAdmin):
    list_display = ("document", "renewed_at", "valid_until", "authority")
    list_select_related = ("document__protocol__meeting__body",)
    readonly_fields = (
        "document",
        "renewed_at",
        "previous_sha256",
        "previous_size",
        "previous_valid_until",
        "sha256",
        "size",
        "valid_until",
        "authority",
    )
    fields = readonly_fields


@admin.action(description=_("Ladda ned den signerade PDF:en"))
def download_signed_pdf(modeladmin, request: HttpRequest, queryset):
    """The action on the protokoll changelist: the stored file of one protokoll."""
    if queryset.count() != 1:
        modeladmin.message_user(
            request, _("Välj ett protokoll i taget."), level=messages.WARNING
        )
        return None
    document = record_selectors.final_record(queryset.get())
    if document is None:
        modeladmin.message_user(
            request,
            _("Protokollet har ingen signerad PDF (det är inte justerat ännu)."),
            level=messages.WARNING,
        )
        return None
    return redirect(download_url(document))
