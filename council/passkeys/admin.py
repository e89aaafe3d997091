"""Users' passkeys in the back office: shown, and removable when one is lost;
only the user registers one, on the Säkerhet page."""

from __future__ import annotations

from django.contrib import admin

from council.admin.base import ReasonedHistoryAdmin
from council.passkeys.models import Passkey


@admin.register(Passkey)
class PasskeyAdmin(ReasonedHistoryAdmin):
    list_display = ("name", "user", "created_at", "last_used_at")
    search_fields = ("name", "user__username")
    list_select_related = ("user",)
    readonly_fields = ("user", "name", "sign_count", "created_at", "last_used_at")
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
