"""The back office for meetings, dagordningar, attachments and attendance."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.forms.models import BaseInlineFormSet
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from council.admin.base import (
    COMPACT_TEXT,
    ReasonedHistoryAdmin,
    ReasonForm,
    WorkflowAdmin,
    parent_filtered_formset,
)
from council.admin.lookups import KeysOnlyAutocompleteMixin
from council.forms import NoPersonnummerMixin
from council.personnummer import validate_filename_no_personnummer
from meetings.models import (
    AgendaItem,
    Attachment,
    Attendance,
    Meeting,
    Paragraph,
)
from meetings.services.attachments import checked_file


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


class AttachmentForm(AttachmentInlineForm, ReasonForm):
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


class AgendaItemForm(NoPersonnummerMixin, ReasonForm):
    personnummer_fields = ("title", "presenter", "text")


# Meetings ------------------------------------------------------------------------


class AgendaItemInline(KeysOnlyAutocompleteMixin, admin.StackedInline):
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


class AttendanceFormSet(BaseInlineFormSet):
    """Catches a person listed twice before the database does."""

    def clean(self) -> None:
        super().clean()
        seen: set[int] = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            person = form.cleaned_data.get("person")
            if person is None:
                continue
            if person.pk in seen:
                raise forms.ValidationError(
                    _("%(person)s finns med två gånger i närvarolistan."),
                    params={"person": person.name},
                )
            seen.add(person.pk)


class AttendanceInline(KeysOnlyAutocompleteMixin, admin.TabularInline):
    model = Attendance
    formset = AttendanceFormSet
    extra = 0
    fields = (
        "person",
        "name",
        "title",
        "organisation",
        "party",
        "role",
        "role_note",
        "replaces",
        "order",
        "present",
    )
    autocomplete_fields = ("person", "organisation", "replaces")
    show_change_link = True


class AttachmentInline(admin.TabularInline):
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


# Told to the members in the kallelse: after it, changed only in the portal, which
# records each change and can send a tillägg.
CALLED_FIELDS = (
    "body",
    "title",
    "starts_at",
    "ends_at",
    "location",
    "address",
    "online_url",
)


@admin.register(Meeting)
class MeetingAdmin(WorkflowAdmin):
    """A meeting is planned, called, held or cancelled in the portal; here its
    details may be corrected until the kallelse has gone out."""

    workflow_fields = ("state", "notice_sent_at", "sequence")
    list_display = ("starts_at", "body", "title_display", "place_display", "state")
    list_filter = ("state", "body")
    search_fields = ("title", "location", "address", "body__name", "body__short_name")
    autocomplete_fields = ("body",)
    list_select_related = ("body",)
    date_hierarchy = "starts_at"
    ordering = ("-starts_at",)
    fieldsets = (
        (None, {"fields": ("body", "title", "state", "workflow_page")}),
        (
            _("Tid och plats"),
            {"fields": ("starts_at", "ends_at", "location", "address", "online_url")},
        ),
        (_("Kallelse"), {"fields": ("notice_sent_at", "sequence")}),
    )
    inlines = (AgendaItemInline, AttendanceInline, AttachmentInline)

    @admin.display(description=_("rubrik"), ordering="title")
    def title_display(self, obj: Meeting) -> str:
        return obj.title or str(_("Sammanträde"))

    @admin.display(description=_("plats"))
    def place_display(self, obj: Meeting) -> str:
        return obj.place

    def portal_url(self, obj: Meeting) -> str:
        return reverse("meetings:meeting_plan", kwargs={"pk": obj.pk})

    def fixed_fields(self, stored: Meeting | None) -> tuple[str, ...]:
        if stored is not None and stored.notice_sent_at is not None:
            return (*self.workflow_fields, *CALLED_FIELDS)
        return self.workflow_fields

    def prepare_inline_instance(self, request, instance, created):
        if isinstance(instance, Attachment) and created and not instance.uploaded_by_id:
            instance.uploaded_by = request.user


@admin.register(AgendaItem)
class AgendaItemAdmin(ReasonedHistoryAdmin):
    form = AgendaItemForm
    list_display = ("title", "meeting", "order", "kind", "is_public", "presenter")
    list_filter = ("kind", "is_public", "meeting__body")
    search_fields = ("title", "text", "presenter", "meeting__body__short_name")
    autocomplete_fields = ("meeting", "presenter_person")
    list_select_related = ("meeting__body",)
    ordering = ("-meeting__starts_at", "order")


@admin.register(Attachment)
class AttachmentAdmin(ReasonedHistoryAdmin):
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


class AttendanceForm(ReasonForm):
    """Only the meeting's own agenda items can be chosen for partial presence."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "present_for" in self.fields:
            meeting_id = self.instance.meeting_id
            self.fields["present_for"].queryset = (
                AgendaItem.objects.filter(meeting_id=meeting_id)
                if meeting_id
                else AgendaItem.objects.none()
            )
            if not meeting_id:
                self.fields["present_for"].help_text = _(
                    "Spara närvaron först; sedan kan punkterna väljas."
                )


@admin.register(Attendance)
class AttendanceAdmin(ReasonedHistoryAdmin):
    form = AttendanceForm
    list_display = (
        "display_name",
        "meeting",
        "role",
        "organisation",
        "party",
        "present",
        "absence_reported_at",
    )
    list_filter = ("role", "present", "meeting__body")
    search_fields = (
        "person__name",
        "name",
        "organisation__name",
        "organisation_text",
        "meeting__body__short_name",
    )
    autocomplete_fields = ("meeting", "person", "organisation", "replaces")
    list_select_related = ("meeting__body", "person", "organisation")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "meeting",
                    "person",
                    "name",
                    "title",
                    "organisation",
                    "organisation_text",
                    "party",
                )
            },
        ),
        (
            _("Vid mötet"),
            {
                "fields": (
                    "role",
                    "role_note",
                    "replaces",
                    "order",
                    "present",
                    "present_for",
                )
            },
        ),
        (_("Förhinder"), {"fields": ("absence_reported_at", "absence_note")}),
    )

    @admin.display(description=_("namn"), ordering="person__name")
    def display_name(self, obj: Attendance) -> str:
        return obj.display_name

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "present_for":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)
