"""The back office for protokoll, paragraphs and justeringar.

A protokoll's workflow is never driven from here: its status, publication and
versions are shown and changed only in the portal, through the services. Only a
draft may be edited; once sent for justering, its paragraphs are shown read-only,
and a justering or an anslag is only ever made by the portal.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from council.admin.base import (
    COMPACT_TEXT,
    LockedRecordAdmin,
    LockedWithParentInline,
    ReasonedHistoryAdmin,
    ReasonForm,
    WorkflowAdmin,
    parent_filtered_formset,
)
from council.admin.lookups import KeysOnlyAutocompleteMixin
from meetings.admin.record import (
    IssuedByThePortal,
    download_link,
    download_signed_pdf,
)
from meetings.documents import record as record_selectors
from meetings.models import (
    ActionItem,
    AgendaItem,
    Justering,
    Notice,
    Paragraph,
    ParagraphComment,
    Protocol,
)

LOCKED_MESSAGE = _(
    "Protokollet är inte längre ett utkast och kan inte ändras här. Ett justerat "
    "protokoll rättas med en ny version i portalen."
)


class ParagraphInline(LockedWithParentInline, admin.StackedInline):
    model = Paragraph
    formset = parent_filtered_formset(
        {"agenda_item": (AgendaItem, "meeting_id", "meeting_id")}
    )
    extra = 0
    fields = (
        ("order", "number", "is_public"),
        "heading",
        ("agenda_item", "dnr"),
        "presenter",
        "text",
        "outcome",
        "motions",
        "reservations",
        "protocol_note",
        "recused",
    )
    autocomplete_fields = ("recused",)
    show_change_link = True
    formfield_overrides = COMPACT_TEXT


class JusteringInline(IssuedByThePortal, admin.TabularInline):
    """Who justerade: made only by the justering in the portal, with its signature."""

    model = Justering
    extra = 0
    fields = ("person", "role", "method", "justerat_at", "content_sha256", "user")


class NoticeInline(IssuedByThePortal, admin.StackedInline):
    """The anslag: put up by the publication in the portal."""

    model = Notice
    extra = 0
    fields = (("posted_on", "removed_on"), "kept_at")


@admin.register(Protocol)
class ProtocolAdmin(WorkflowAdmin, LockedRecordAdmin):
    """A draft's details may be corrected here; its status, publication and
    versions move only in the portal (send, justera, publish, correct)."""

    workflow_fields = (
        "state",
        "published_at",
        "version",
        "corrects",
        "correction_reason",
    )

    list_display = (
        "__str__",
        "version",
        "state",
        "secretary",
        "chair",
        "justering_date",
        "published_at",
    )
    list_filter = ("state", "justering_method", "meeting__body")
    search_fields = (
        "meeting__title",
        "meeting__body__name",
        "meeting__body__short_name",
    )
    autocomplete_fields = ("meeting", "corrects", "secretary", "chair", "justerare")
    list_select_related = ("meeting__body", "secretary", "chair")
    ordering = ("-meeting__starts_at", "-version")
    readonly_fields = ("content_sha256", "signed_pdf", "lock_version", "created_at")
    actions = (download_signed_pdf,)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "meeting",
                    "version",
                    "corrects",
                    "correction_reason",
                    "state",
                    "workflow_page",
                )
            },
        ),
        (
            _("Justering"),
            {
                "fields": (
                    "secretary",
                    "chair",
                    "justerare",
                    "justering_date",
                    "justering_place",
                    "justering_method",
                )
            },
        ),
        (
            _("Publicering och spårbarhet"),
            {
                "fields": (
                    "published_at",
                    "signed_pdf",
                    "content_sha256",
                    "lock_version",
                    "created_at",
                )
            },
        ),
    )
    inlines = (ParagraphInline, JusteringInline, NoticeInline)

    @admin.display(description=_("Signerad PDF"))
    def signed_pdf(self, obj: Protocol) -> str:
        return download_link(record_selectors.final_record(obj)) if obj.pk else "–"

    def portal_url(self, obj: Protocol) -> str:
        return reverse("meetings:protocol_history", kwargs={"pk": obj.pk})

    def has_add_permission(self, request, obj=None):
        # A protokoll is started from its meeting in the portal, which fills in the
        # attendance and the paragraphs from the dagordning.
        return False

    def save_model(self, request, obj, form, change):
        if change:
            # Tells anyone editing the protokoll elsewhere that it has changed. Counted
            # from the stored value, so that a revert never turns the counter back.
            stored = (
                Protocol.objects.filter(pk=obj.pk)
                .values_list("lock_version", flat=True)
                .first()
            )
            obj.lock_version = (stored or 0) + 1
        super().save_model(request, obj, form, change)


class ParagraphForm(ReasonForm):
    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        protocol = cleaned_data.get("protocol")
        item = cleaned_data.get("agenda_item")
        if protocol is not None and not protocol.is_editable:
            raise forms.ValidationError(LOCKED_MESSAGE)
        if (
            protocol is not None
            and item is not None
            and item.meeting_id != protocol.meeting_id
        ):
            self.add_error("agenda_item", _("Punkten hör till ett annat möte."))
        return cleaned_data


class ActionItemInline(KeysOnlyAutocompleteMixin, admin.TabularInline):
    model = ActionItem
    extra = 0
    fields = ("description", "assignee", "assignee_text", "due", "done")
    autocomplete_fields = ("assignee",)
    formfield_overrides = COMPACT_TEXT


@admin.register(Paragraph)
class ParagraphAdmin(LockedRecordAdmin):
    locked_with = "protocol"
    form = ParagraphForm
    list_display = ("__str__", "protocol", "order", "is_public", "dnr")
    list_filter = ("is_public", "protocol__state", "protocol__meeting__body")
    search_fields = (
        "heading",
        "text",
        "outcome",
        "dnr",
        "protocol__meeting__body__short_name",
    )
    autocomplete_fields = ("protocol", "agenda_item", "recused")
    list_select_related = ("protocol__meeting__body",)
    ordering = ("-protocol__meeting__starts_at", "order")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "protocol",
                    ("order", "number", "is_public"),
                    "heading",
                    "agenda_item",
                    "dnr",
                    "presenter",
                )
            },
        ),
        (
            _("Innehåll"),
            {
                "fields": (
                    "text",
                    "outcome",
                    "motions",
                    "reservations",
                    "protocol_note",
                    "recused",
                )
            },
        ),
    )
    inlines = (ActionItemInline,)


@admin.register(Justering)
class JusteringAdmin(IssuedByThePortal, ReasonedHistoryAdmin):
    list_display = ("person", "role", "protocol", "method", "justerat_at")
    list_filter = ("role", "method")
    search_fields = ("person__name", "protocol__meeting__body__short_name")
    autocomplete_fields = ("protocol", "person")
    list_select_related = ("person", "protocol__meeting__body")
    readonly_fields = ("content_sha256", "user")
    ordering = ("-justerat_at",)


@admin.register(ActionItem)
class ActionItemAdmin(ReasonedHistoryAdmin):
    list_display = ("__str__", "paragraph", "assignee_display", "due", "done")
    list_editable = ("done",)
    list_filter = ("done", "due")
    search_fields = (
        "description",
        "assignee__name",
        "assignee_text",
        "paragraph__heading",
    )
    autocomplete_fields = ("paragraph", "assignee")
    list_select_related = ("paragraph", "assignee")
    ordering = ("done", "due", "pk")

    @admin.display(description=_("ansvarig"), ordering="assignee__name")
    def assignee_display(self, obj: ActionItem) -> str:
        return obj.assignee.name if obj.assignee else obj.assignee_text


@admin.register(ParagraphComment)
class ParagraphCommentAdmin(ReasonedHistoryAdmin):
    list_display = ("__str__", "paragraph", "author", "created_at", "resolved_at")
    list_filter = (("resolved_at", admin.EmptyFieldListFilter),)
    search_fields = ("text", "author__name", "paragraph__heading")
    autocomplete_fields = ("paragraph", "author")
    list_select_related = ("paragraph", "author")
    readonly_fields = ("created_at",)
    ordering = ("-created_at",)


@admin.register(Notice)
class NoticeAdmin(IssuedByThePortal, ReasonedHistoryAdmin):
    list_display = ("protocol", "posted_on", "removed_on", "kept_at")
    search_fields = ("kept_at", "protocol__meeting__body__name")
    autocomplete_fields = ("protocol",)
    list_select_related = ("protocol__meeting__body",)
    date_hierarchy = "posted_on"
    ordering = ("-posted_on",)
