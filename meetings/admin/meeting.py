"""The back office for meetings and their attendance (the dagordning and the
handlingar: meetings/admin/agenda.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from council.admin.base import (
    ReasonedHistoryAdmin,
    ReasonForm,
    WorkflowAdmin,
)
from council.admin.lookups import KeysOnlyAutocompleteMixin
from meetings.admin.agenda import AgendaItemInline, AttachmentInline
from meetings.models import (
    AgendaItem,
    Attachment,
    Attendance,
    Meeting,
)

# Meetings ------------------------------------------------------------------------


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

    # The reason for a cancellation is given, with the cancellation, in the portal.
    workflow_fields = ("state", "cancel_reason", "notice_sent_at", "sequence")
    list_display = ("starts_at", "body", "title_display", "place_display", "state")
    list_filter = ("state", "body")
    search_fields = ("title", "location", "address", "body__name", "body__short_name")
    autocomplete_fields = ("body",)
    list_select_related = ("body",)
    date_hierarchy = "starts_at"
    ordering = ("-starts_at",)
    fieldsets = (
        (
            None,
            {"fields": ("body", "title", "state", "cancel_reason", "workflow_page")},
        ),
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
