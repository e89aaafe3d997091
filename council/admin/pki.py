"""The signing CA's revocations and revocation lists in the back office.

A certificate is revoked through the `revoke` service (the add form calls it), so
a new CRL is issued at once; afterwards only its note may be amended, and a
revocation is never deleted. The CRLs are shown, never edited.
"""

from __future__ import annotations

from cryptography import x509
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from council.admin.base import (
    COMPACT_TEXT,
    IssuedRecordAdmin,
    ReasonedHistoryAdmin,
    ReasonForm,
)
from council.pki_models import RevocationList, RevokedCertificate
from council.signing.authority import signing_authority
from council.signing.common import SigningError
from council.signing.revocation import parse_serial, revoke


class RevokeForm(ReasonForm):
    """Revoking a certificate: its serial number as a validator shows it (hex) or
    in decimal, the reason and a note."""

    serial_number = forms.CharField(
        label=_("serienummer"),
        max_length=200,
        help_text=_(
            "Certifikatets serienummer: decimalt, eller hexadecimalt som "
            "verifieringssidan visar det (t.ex. 0x1a2b eller 1a:2b)."
        ),
    )

    class Meta:
        model = RevokedCertificate
        fields = ["serial_number", "reason", "note"]

    def clean_serial_number(self) -> str:
        return parse_serial(self.cleaned_data["serial_number"])

    def clean(self):
        cleaned = super().clean()
        try:
            signing_authority()
        except SigningError as exc:
            raise ValidationError(
                _("Portalens CA kan inte läsas; inget återkallades.")
            ) from exc
        return cleaned


@admin.register(RevokedCertificate)
class RevokedCertificateAdmin(ReasonedHistoryAdmin):
    list_display = ["serial_number", "reason", "revoked_at", "revoked_by"]
    list_filter = ["reason"]
    search_fields = ["serial_number", "note"]
    list_select_related = ["revoked_by"]
    date_hierarchy = "revoked_at"
    formfield_overrides = COMPACT_TEXT
    fixed = ("serial_number", "reason", "revoked_at", "revoked_by")

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = RevokeForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["serial_number", "reason", "note"]
        return [*self.fixed, "note"]

    def get_readonly_fields(self, request, obj=None):
        return self.fixed if obj is not None else ()

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            # The service writes the history's reason itself.
            fieldsets = [(None, {"fields": self.get_fields(request)})]
        return fieldsets

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        revoked = revoke(
            serial_number=obj.serial_number,
            reason=obj.reason,
            note=obj.note,
            user=request.user,
        )
        # The admin goes on with the object it built: make it the saved one.
        obj.pk = revoked.pk
        obj.revoked_at = revoked.revoked_at
        obj.revoked_by = revoked.revoked_by
        obj._state.adding = False
        obj._state.db = revoked._state.db


@admin.register(RevocationList)
class RevocationListAdmin(IssuedRecordAdmin):
    """The CRLs as issued: shown, never added, edited or deleted."""

    list_display = ["number", "this_update", "next_update", "entries"]
    date_hierarchy = "this_update"
    fields = readonly_fields = [
        "number",
        "this_update",
        "next_update",
        "authority_key_id",
        "entries",
        "created_at",
    ]

    @admin.display(description=_("återkallade certifikat"))
    def entries(self, obj: RevocationList) -> int:
        return len(x509.load_der_x509_crl(bytes(obj.der)))
