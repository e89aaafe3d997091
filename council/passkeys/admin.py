"""Users' passkeys in the back office: shown, and removable when one is lost;
only the user registers one, on the Säkerhet page."""

from __future__ import annotations

from django.contrib import admin
from django.db import transaction

from council.admin.base import DELETED_REASON, ReasonedHistoryAdmin
from council.passkeys.models import Passkey
from council.passkeys.services import passkey_delete


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

    # Removal goes through the service, with its permission check.
    def delete_model(self, request, obj):
        passkey_delete(
            passkey_id=obj.pk, actor=request.user, reason=str(DELETED_REASON)
        )

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for passkey in queryset:
                self.delete_model(request, passkey)
