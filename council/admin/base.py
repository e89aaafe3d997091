"""The history mixin every model admin of the project builds on.

`ReasonedHistoryAdmin` shows the django-simple-history views and asks for a
reason for each change, saved on the history rows with the user who made it.
`WorkflowAdmin` keeps a record's workflow out of the admin's reach: its state, and
what its transitions set, are shown and never edited, since every transition is
made in the portal through the services and their checks (`council.workflow`).
`LockedRecordAdmin` makes a record of weight read-only once it, or the record it
belongs to, is locked: a justerat protokoll, an adopted plan.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.admin.utils import unquote
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import models, transaction
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from council.admin.lookups import KeysOnlyAutocompleteMixin, KeysOnlyChangeList
from council.forms import is_key
from council.history import attribute

REASON_FIELD = "history_reason"
# History rows store the reason as text; this keeps the form field reasonable.
REASON_MAX_LENGTH = 1000
REVERT_FLAG = "_reverting_history"

CREATED_REASON = _("Skapad i administrationen")
CHANGED_REASON = _("Ändrad i administrationen")
DELETED_REASON = _("Borttagen i administrationen")
REVERTED_REASON = _("Återställd till en tidigare version i administrationen")

COMPACT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2})}}


class ReasonForm(forms.ModelForm):
    """A model form with an optional reason that ends up in the history.

    Custom forms of a `ReasonedHistoryAdmin` must subclass this form.
    """

    history_reason = forms.CharField(
        label=_("Skäl till ändringen"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Sparas i historiken tillsammans med ditt namn. Kan lämnas tomt; då "
            "står det att ändringen gjordes i administrationen."
        ),
    )

    # Fields shown read-only whose stored values still take part in the checks of
    # the model's constraints (a plan's version in "one version per body and
    # year"); Django leaves out every field that is not on the form.
    validated_from_instance: tuple[str, ...] = ()

    def _get_validation_exclusions(self):
        exclusions = super()._get_validation_exclusions()
        return exclusions - set(self.validated_from_instance)


class ReasonedHistoryAdmin(KeysOnlyAutocompleteMixin, SimpleHistoryAdmin):
    """A model admin with history views that attributes every save.

    The change form gets an optional "Skäl till ändringen". Saves of the object,
    of its inline objects and deletions record the admin user and that reason
    (or a default one) on the history rows via `council.history.attribute`.
    """

    form = ReasonForm

    # The form and its fieldsets ------------------------------------------------

    def get_form(
        self, request: HttpRequest, obj: models.Model | None = None, change=False, **kw
    ):
        if REASON_FIELD not in self.form.base_fields:
            raise ImproperlyConfigured(
                f"{type(self).__name__}.form must subclass council.admin.base.ReasonForm."
            )
        return super().get_form(request, obj, change, **kw)

    def get_fields(self, request: HttpRequest, obj: models.Model | None = None):
        return [f for f in super().get_fields(request, obj) if f != REASON_FIELD]

    def get_fieldsets(self, request: HttpRequest, obj: models.Model | None = None):
        fieldsets = [
            (name, {**options, "fields": _without_reason(options["fields"])})
            for name, options in super().get_fieldsets(request, obj)
        ]
        may_save = (
            self.has_add_permission(request)
            if obj is None
            else self.has_change_permission(request, obj)
        )
        if may_save:
            fieldsets.append((_("Historik"), {"fields": [REASON_FIELD]}))
        return fieldsets

    # Attribution ---------------------------------------------------------------

    @staticmethod
    def typed_reason(form: forms.BaseForm | None) -> str:
        """The reason typed in the form, if any."""
        cleaned = getattr(form, "cleaned_data", None) or {}
        return (cleaned.get(REASON_FIELD) or "").strip()

    def reason_for(
        self, request: HttpRequest, form: forms.BaseForm | None, change: bool
    ) -> str:
        """The reason typed in the form, or a default that says what happened."""
        typed = self.typed_reason(form)
        if typed:
            return typed
        if getattr(request, REVERT_FLAG, False):
            return str(REVERTED_REASON)
        return str(CHANGED_REASON if change else CREATED_REASON)

    # Reverting to an earlier version ---------------------------------------------

    def may_revert(self, request: HttpRequest, current: models.Model | None) -> bool:
        """Whether the object as it is now may be replaced by an earlier version."""
        if current is None:
            return self.has_add_permission(request)
        return self.has_change_history_permission(request, current)

    def get_changelist(self, request, **kwargs):
        return KeysOnlyChangeList

    def history_view(self, request, object_id, extra_context=None):
        if not is_key(self.model._meta.pk, unquote(object_id)):
            raise Http404
        return super().history_view(request, object_id, extra_context)

    def revert_disabled(self, request, obj=None):
        if super().revert_disabled(request, obj):
            return True
        # In the revert form `obj` is the old version; what counts is the object now.
        current = (
            self.model._default_manager.filter(pk=obj.pk).first()
            if obj is not None
            else None
        )
        return not self.may_revert(request, current)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # An id that is not one answers 404, as the other admin views do.
        if not is_key(self.model._meta.pk, unquote(object_id)) or not is_key(
            self.model._meta.pk, version_id
        ):
            raise Http404
        # django-simple-history saves a revert for anyone who may view the history.
        if request.method == "POST" and not self.may_revert(
            request, self.get_object(request, unquote(object_id))
        ):
            raise PermissionDenied
        setattr(request, REVERT_FLAG, True)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        attribute(obj, user=request.user, reason=self.reason_for(request, form, change))
        super().save_model(request, obj, form, change)

    def prepare_inline_instance(
        self, request: HttpRequest, instance: models.Model, created: bool
    ) -> None:
        """Hook to fill in fields of an inline object before it is saved."""

    def save_formset(self, request, form, formset, change):
        typed = self.typed_reason(form)
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            attribute(obj, user=request.user, reason=typed or str(DELETED_REASON))
            obj.delete()
        for instance in instances:
            created = instance._state.adding
            self.prepare_inline_instance(request, instance, created)
            default = CREATED_REASON if created else CHANGED_REASON
            attribute(instance, user=request.user, reason=typed or str(default))
            instance.save()
        formset.save_m2m()

    def delete_model(self, request, obj):
        attribute(obj, user=request.user, reason=str(DELETED_REASON))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        # One by one, so that every history row says who deleted it and why.
        with transaction.atomic():
            for obj in queryset:
                attribute(obj, user=request.user, reason=str(DELETED_REASON))
                obj.delete()


class WorkflowAdmin(ReasonedHistoryAdmin):
    """A record with a workflow (`TRANSITIONS`): its state, and the fields that its
    transitions set (`workflow_fields`), are shown here and never edited.

    Every transition is made in the portal, through the services and their checks
    (a password, a signature, the personnummer guard, the anslag); the change page
    links there. A revert brings back an earlier text, never an earlier state.
    """

    workflow_fields: tuple[str, ...] = ("state",)

    def portal_url(self, obj: models.Model) -> str:
        """Where the record's transitions are made in the portal."""
        return obj.get_absolute_url()  # type: ignore[attr-defined]

    @admin.display(description=_("Status ändras i portalen"))
    def workflow_page(self, obj: models.Model | None) -> str:
        if obj is None or obj.pk is None:
            return str(_("En ny post börjar i sitt första steg."))
        return format_html(
            '{} <a href="{}">{}</a>',
            _(
                "Statusen och det som följer med den ändras bara genom "
                "arbetsflödet i portalen, med dess kontroller."
            ),
            self.portal_url(obj),
            _("Öppna i portalen"),
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.validated_from_instance = self.workflow_fields
        return form

    def fixed_fields(self, stored: models.Model | None) -> tuple[str, ...]:
        """What the admin leaves as it is on the record as `stored`."""
        return self.workflow_fields

    def stored(self, request: HttpRequest, obj: models.Model | None):
        """The record as it is now: `obj` itself, except in a revert, where `obj`
        is an earlier version."""
        if obj is None or obj.pk is None:
            return None
        if getattr(request, REVERT_FLAG, False):
            return type(obj)._default_manager.filter(pk=obj.pk).first()
        return obj

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        for name in (*self.fixed_fields(self.stored(request, obj)), "workflow_page"):
            if name not in readonly:
                readonly.append(name)
        return readonly

    def save_model(self, request, obj, form, change):
        if change and getattr(request, REVERT_FLAG, False):
            # The form has none of these; a revert's earlier version has them all:
            # they stay as they are now.
            stored = self.stored(request, obj)
            for name in self.fixed_fields(stored):
                attname = type(obj)._meta.get_field(name).attname
                setattr(obj, attname, getattr(stored, attname))
        super().save_model(request, obj, form, change)


def record_locked(record: models.Model | None) -> bool:
    """Whether the admin must leave `record` as it is: a record that says whether
    it may still be edited (`is_editable`, a protokoll only while it is a draft),
    or one that is locked (`is_locked`, an adopted plan)."""
    if record is None:
        return False
    editable = getattr(record, "is_editable", None)
    if editable is not None:
        return not editable
    return bool(getattr(record, "is_locked", False))


def _without_reason(fields):
    return [f for f in fields if f != REASON_FIELD]


class LockedWithParentInline(KeysOnlyAutocompleteMixin, InlineModelAdmin):
    """An inline that becomes read-only once its parent record is locked
    (a justerat protokoll, an adopted plan: anything with `is_locked`)."""

    @staticmethod
    def parent_locked(obj: models.Model | None) -> bool:
        return record_locked(obj)

    def has_add_permission(self, request, obj=None):
        if self.parent_locked(obj):
            return False
        return super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        if self.parent_locked(obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if self.parent_locked(obj):
            return False
        return super().has_delete_permission(request, obj)


class ParentFilteredFormSet(BaseInlineFormSet):
    """An inline formset that narrows choices to those of the parent object.

    Set `parent_filters` on the inline to `{form field: (model, lookup, parent
    attribute)}`, e.g. `{"agenda_item": (AgendaItem, "meeting_id", "pk")}`.
    """

    parent_filters: dict[str, tuple[type[models.Model], str, str]] = {}

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for name, (model, lookup, attr) in self.parent_filters.items():
            if name not in form.fields:
                continue
            value = getattr(self.instance, attr, None)
            queryset = (
                model._default_manager.filter(**{lookup: value})
                if value is not None
                else model._default_manager.none()
            )
            form.fields[name].queryset = queryset


def parent_filtered_formset(
    filters: dict[str, tuple[type[models.Model], str, str]],
) -> type[BaseInlineFormSet]:
    return type(
        "ParentFilteredFormSet", (ParentFilteredFormSet,), {"parent_filters": filters}
    )


class LockedRecordAdmin(ReasonedHistoryAdmin):
    """A record that is read-only once it is locked (`is_locked`), or once the
    record named by `locked_with` is ("protocol", "plan").

    Only the fields in `editable_when_locked` may still change (a protokoll's
    publication, an activity's follow-up); with none, a locked record cannot be
    changed at all. A locked record is never deleted nor reverted.
    """

    locked_with: str | None = None
    editable_when_locked: tuple[str, ...] = ()

    def is_locked(self, obj: models.Model | None) -> bool:
        if obj is None:
            return False
        return record_locked(
            getattr(obj, self.locked_with) if self.locked_with else obj
        )

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if self.is_locked(obj):
            readonly += [
                field.name
                for field in self.model._meta.get_fields()
                if getattr(field, "editable", False)
                and not field.auto_created
                and field.name not in self.editable_when_locked
                and field.name not in readonly
            ]
        return readonly

    def has_change_permission(self, request, obj=None):
        if self.is_locked(obj) and not self.editable_when_locked:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if self.is_locked(obj):
            return False
        return super().has_delete_permission(request, obj)

    def may_revert(self, request, current):
        if self.is_locked(current):
            return False
        return super().may_revert(request, current)


class IssuedRecordAdmin(ReasonedHistoryAdmin):
    """What only the portal issues (a CRL, an export record): shown as it was
    issued, never added, changed or deleted in the admin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
