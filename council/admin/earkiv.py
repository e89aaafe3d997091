"""The record of packages made for the e-archive, in the back office."""

from __future__ import annotations

from django.contrib import admin

from council.admin.base import IssuedRecordAdmin
from council.earkiv.models import ArchiveExport


@admin.register(ArchiveExport)
class ArchiveExportAdmin(IssuedRecordAdmin):
    """The packages made for the e-archive, as recorded: shown, never changed."""

    list_display = ["made_at", "kind", "body", "year", "label", "made_by", "channel"]
    list_filter = ["kind", "channel", "body"]
    date_hierarchy = "made_at"
    search_fields = ["package_id", "sha256", "label"]
    fields = readonly_fields = [
        "made_at",
        "kind",
        "channel",
        "body",
        "year",
        "object_id",
        "label",
        "package_id",
        "sha256",
        "size",
        "made_by",
    ]
