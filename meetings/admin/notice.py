"""The back office for what the portal tells members: kallelser and tillägg sent,
changes after the kallelse, and personal calendar links (revocable, never shown)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from council.admin.base import ReasonedHistoryAdmin, ReasonForm
from meetings.models import CalendarToken, MeetingChange, NoticeDispatch
from meetings.services import calendar as calendar_services


@admin.register(NoticeDispatch)
class NoticeDispatchAdmin(ReasonedHistoryAdmin):
    list_display = ("meeting", "kind", "sent_at", "sent_by", "sequence")
    search_fields = ("message", "meeting__body__short_name")
    list_filter = ("kind", "meeting__body")
    list_select_related = ("meeting__body", "sent_by")
    autocomplete_fields = ("meeting",)
    readonly_fields = ("sent_at", "sent_by", "recipients", "without_email", "sequence")
    ordering = ("-sent_at",)


class MeetingChangeForm(ReasonForm):
    """A change is told to the members only after their kallelse."""

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        meeting = cleaned_data.get("meeting")
        item = cleaned_data.get("agenda_item")
        if meeting is not None and meeting.notice_sent_at is None:
            self.add_error(
                "meeting",
                _(
                    "Kallelsen till mötet har inte skickats. Ändringar före "
                    "kallelsen görs direkt i mötet och behöver inte meddelas."
                ),
            )
        if meeting is not None and item is not None and item.meeting_id != meeting.pk:
            self.add_error("agenda_item", _("Punkten hör till ett annat möte."))
        return cleaned_data


@admin.register(MeetingChange)
class MeetingChangeAdmin(ReasonedHistoryAdmin):
    form = MeetingChangeForm
    list_display = ("description", "meeting", "changed_at", "is_public", "dispatch")
    search_fields = ("description", "meeting__body__short_name")
    list_filter = ("is_public", "meeting__body")
    list_select_related = ("meeting__body", "dispatch")
    autocomplete_fields = ("meeting", "agenda_item")
    readonly_fields = ("changed_at", "changed_by", "dispatch")
    ordering = ("-changed_at",)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.changed_at = timezone.now()
            obj.changed_by = request.user
        super().save_model(request, obj, form, change)


@admin.action(
    description=_("Återkalla de valda kalenderlänkarna"),
    permissions=("revoke",),
)
def revoke_calendar_tokens(modeladmin, request, queryset):
    revoked = calendar_services.calendar_tokens_revoke(
        token_ids=list(queryset.values_list("pk", flat=True)), actor=request.user
    )
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d kalenderlänk återkallad.",
            "%(count)d kalenderlänkar återkallade.",
            revoked,
        )
        % {"count": revoked},
        messages.SUCCESS,
    )


@admin.register(CalendarToken)
class CalendarTokenAdmin(ReasonedHistoryAdmin):
    """A calendar link's key is a secret of its user: never shown here, not even
    to a superuser. A link can only be revoked; its user makes a new one."""

    list_display = ("user", "created_at", "revoked_at")
    list_filter = (("revoked_at", admin.EmptyFieldListFilter),)
    search_fields = ("user__username", "user__first_name", "user__last_name")
    list_select_related = ("user",)
    fields = ("user", "created_at", "revoked_at")
    readonly_fields = ("user", "created_at", "revoked_at")
    ordering = ("-created_at",)
    actions = (revoke_calendar_tokens,)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_revoke_permission(self, request) -> bool:
        return request.user.has_perm("meetings.change_calendartoken")
