"""The back office for a meeting's dagordning and handlingar: agenda items and
attachments, checked like the pages' uploads, and read-only once the kallelse has
told the members of them (the portal then records each change)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from council.admin.base import (
    COMPACT_TEXT,
    LockedRecordAdmin,
    LockedWithParentInline,
    ReasonForm,
    parent_filtered_formset,
)
from council.forms import NoPersonnummerMixin
from council.personnummer import validate_filename_no_personnummer
from meetings.models import AgendaItem, Attachment, Meeting, Paragraph
from meetings.services.attachments import checked_file

# The members were told the dagordning and the handlingar in the kallelse: from then
# on they change only in the portal, which records each change and can send it as a
# tillägg.
TOLD_MESSAGE = _(
    "Kallelsen till mötet är skickad. Ändra dagordningen och handlingarna i "
    "portalen, så att ändringen visas för ledamöterna och kan skickas som tillägg."
)


def kallelse_sent(meeting: Meeting | None) -> bool:
    return meeting is not None and meeting.notice_sent_at is not None


class ToldInTheKallelseForm(ReasonForm):
    """Nothing is added here to a meeting whose kallelse has gone out."""

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        if self.instance._state.adding and kallelse_sent(cleaned_data.get("meeting")):
            self.add_error("meeting", TOLD_MESSAGE)
        return cleaned_data


class ToldInTheKallelseAdmin(LockedRecordAdmin):
    """Read-only once the meeting's kallelse has gone out."""

    def is_locked(self, obj: models.Model | None) -> bool:
        return obj is not None and kallelse_sent(obj.meeting)


class ToldInTheKallelseInline(LockedWithParentInline):
    """An inline of the meeting, read-only once its kallelse has gone out."""

    @staticmethod
    def parent_locked(obj: Meeting | None) -> bool:
        return kallelse_sent(obj)


class AttachmentInlineForm(NoPersonnummerMixin, forms.ModelForm):
    """A new file passes the same checks as on the pages (`checked_file`), and
    its name, type, size and fingerprint are what the server found; neither the
    title nor the file's name may hold a personnummer."""

    personnummer_fields = ("title",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            # The stored path is random and short; a long name is shortened for
            # showing, not refused.
            self.fields["file"].max_length = None

    def clean_file(self) -> Any:
        uploaded = self.cleaned_data.get("file")
        if "file" in self.changed_data and isinstance(uploaded, UploadedFile):
            try:
                validate_filename_no_personnummer(uploaded.name)
            except forms.ValidationError as error:
                self.add_error("file", error)
                return uploaded
            for field, value in checked_file(uploaded).items():
                setattr(self.instance, field, value)
        return uploaded


class AttachmentForm(AttachmentInlineForm, ToldInTheKallelseForm):
    """The file's metadata, and a check that item and paragraph fit the meeting."""

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        meeting = cleaned_data.get("meeting")
        item = cleaned_data.get("agenda_item")
        paragraph = cleaned_data.get("paragraph")
        if meeting and item and item.meeting_id != meeting.pk:
            self.add_error("agenda_item", _("Punkten hör till ett annat möte."))
        if meeting and paragraph and paragraph.protocol.meeting_id != meeting.pk:
            self.add_error("paragraph", _("Paragrafen hör till ett annat möte."))
        return cleaned_data


def size_display(obj: Attachment) -> str:
    return filesizeformat(obj.size)


class AgendaItemInlineForm(NoPersonnummerMixin, forms.ModelForm):
    personnummer_fields = ("title", "presenter", "text")


class AgendaItemForm(NoPersonnummerMixin, ToldInTheKallelseForm):
    personnummer_fields = ("title", "presenter", "text")


class AgendaItemInline(ToldInTheKallelseInline, admin.StackedInline):
    model = AgendaItem
    form = AgendaItemInlineForm
    extra = 0
    fields = (
        ("order", "kind", "is_public"),
        "title",
        ("presenter", "presenter_person"),
        "text",
    )
    autocomplete_fields = ("presenter_person",)
    show_change_link = True
    formfield_overrides = COMPACT_TEXT


class AttachmentInline(ToldInTheKallelseInline, admin.TabularInline):
    model = Attachment
    form = AttachmentInlineForm
    formset = parent_filtered_formset(
        {
            "agenda_item": (AgendaItem, "meeting_id", "pk"),
            "paragraph": (Paragraph, "protocol__meeting_id", "pk"),
        }
    )
    extra = 0
    fields = (
        "title",
        "file",
        "agenda_item",
        "paragraph",
        "is_public",
        "original_name",
        "size_display",
    )
    readonly_fields = ("original_name", "size_display")
    show_change_link = True

    @admin.display(description=_("storlek"))
    def size_display(self, obj: Attachment) -> str:
        return size_display(obj)


@admin.register(AgendaItem)
class AgendaItemAdmin(ToldInTheKallelseAdmin):
    form = AgendaItemForm
    list_display = ("title", "meeting", "order", "kind", "is_public", "presenter")
    list_filter = ("kind", "is_public", "meeting__body")
    search_fields = ("title", "text", "presenter", "meeting__body__short_name")
    autocomplete_fields = ("meeting", "presenter_person")
    list_select_related = ("meeting__body",)
    ordering = ("-meeting__starts_at", "order")


@admin.register(Attachment)
class AttachmentAdmin(ToldInTheKallelseAdmin):
    # Whether a handling is public may still be decided after the kallelse (after a
    # secrecy review, say); the file and what it belongs to stay as told.
    editable_when_locked = ("title", "is_public")
    form = AttachmentForm
    list_display = (
        "title",
        "meeting",
        "original_name",
        "size_display",
        "is_public",
        "uploaded_at",
        "uploaded_by",
    )
    list_filter = ("is_public", "meeting__body")
    search_fields = ("title", "original_name", "sha256", "meeting__body__short_name")
    autocomplete_fields = ("meeting", "agenda_item", "paragraph")
    list_select_related = ("meeting__body", "uploaded_by")
    readonly_fields = (
        "original_name",
        "content_type",
        "size_display",
        "sha256",
        "uploaded_by",
        "uploaded_at",
    )
    fieldsets = (
        (
            None,
            {"fields": ("meeting", "agenda_item", "paragraph", "title", "is_public")},
        ),
        (
            _("Fil"),
            {
                "fields": (
                    "file",
                    "original_name",
                    "content_type",
                    "size_display",
                    "sha256",
                    "uploaded_by",
                    "uploaded_at",
                )
            },
        ),
    )

    @admin.display(description=_("storlek"), ordering="size")
    def size_display(self, obj: Attachment) -> str:
        return size_display(obj)

    def save_model(self, request, obj, form, change):
        if not change and not obj.uploaded_by_id:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
