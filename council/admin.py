"""The secretary's back office for who is who, and the history mixin all apps use.

Every model admin in the project builds on `ReasonedHistoryAdmin`: it shows the
django-simple-history views and asks for a reason for each change, which is saved
on the history rows together with the user who made it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import models, transaction
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from council.history import attribute
from council.models import (
    AccessibilityFeedback,
    AgendaTemplateItem,
    Body,
    Membership,
    Organisation,
    Person,
    User,
)

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

    It also refuses a change of `state` that the model's TRANSITIONS do not allow.
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

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        self._check_state_transition(cleaned_data)
        return cleaned_data

    def _check_state_transition(self, cleaned_data: dict[str, Any]) -> None:
        transitions = getattr(self._meta.model, "TRANSITIONS", None)
        if (
            not transitions
            or self.instance._state.adding
            or "state" not in self.changed_data
            or "state" not in cleaned_data
        ):
            return
        old, new = self.instance.state, cleaned_data["state"]
        if new != old and new not in transitions.get(old, set()):
            choices = dict(self._meta.model._meta.get_field("state").flatchoices)
            self.add_error(
                "state",
                _("Status kan inte ändras från ”%(old)s” till ”%(new)s”.")
                % {"old": choices.get(old, old), "new": choices.get(new, new)},
            )


class ReasonedHistoryAdmin(SimpleHistoryAdmin):
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
                f"{type(self).__name__}.form must subclass council.admin.ReasonForm."
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


def _without_reason(fields):
    return [f for f in fields if f != REASON_FIELD]


class LockedWithParentInline(InlineModelAdmin):
    """An inline that becomes read-only once its parent record is locked
    (a justerat protokoll, an adopted plan: anything with `is_locked`)."""

    @staticmethod
    def parent_locked(obj: models.Model | None) -> bool:
        return bool(getattr(obj, "is_locked", False))

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


# Users -------------------------------------------------------------------------


@admin.register(User)
class CouncilUserAdmin(UserAdmin):
    """Logins. The person behind a login is linked from the person's page."""

    fieldsets = (
        *UserAdmin.fieldsets,
        (_("Person"), {"fields": ("person_link",)}),
    )
    readonly_fields = ("person_link", "last_login", "date_joined")
    list_display = (
        "username",
        "first_name",
        "last_name",
        "email",
        "person_link",
        "is_staff",
        "is_active",
    )
    list_select_related = ("person",)
    search_fields = ("username", "first_name", "last_name", "email", "person__name")

    @admin.display(description=_("person"))
    def person_link(self, obj: User) -> str:
        person = obj.person_or_none if obj.pk else None
        if person is None:
            return "–"
        url = reverse("admin:council_person_change", args=[person.pk])
        return format_html('<a href="{}">{}</a>', url, person)


# Organisations and people -------------------------------------------------------


@admin.register(Organisation)
class OrganisationAdmin(ReasonedHistoryAdmin):
    list_display = ("name", "short_name", "kind", "is_member", "website")
    list_filter = ("kind", "is_member")
    search_fields = ("name", "short_name", "aliases")
    ordering = ("kind", "name")


class PersonMembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "person"
    extra = 0
    fields = ("body", "role", "title", "organisation", "party", "starts", "ends")
    autocomplete_fields = ("body", "organisation")
    verbose_name_plural = _("uppdrag i organ")


@admin.register(Person)
class PersonAdmin(ReasonedHistoryAdmin):
    list_display = ("name", "party", "title", "organisation", "email", "user")
    list_filter = ("party", "organisation__kind", "organisation")
    search_fields = ("name", "aliases", "title", "email", "organisation__name")
    autocomplete_fields = ("organisation", "user")
    list_select_related = ("organisation", "user")
    ordering = ("name",)
    fieldsets = (
        (None, {"fields": ("name", "aliases", "title", "party", "organisation")}),
        (_("Kontakt och inloggning"), {"fields": ("email", "user")}),
    )
    inlines = (PersonMembershipInline,)


# Bodies --------------------------------------------------------------------------


class AgendaTemplateItemInline(admin.TabularInline):
    model = AgendaTemplateItem
    extra = 0
    fields = ("order", "title", "kind", "text")
    formfield_overrides = COMPACT_TEXT


class BodyMembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "body"
    extra = 0
    fields = ("person", "role", "title", "organisation", "party", "starts", "ends")
    autocomplete_fields = ("person", "organisation")


@admin.register(Body)
class BodyAdmin(ReasonedHistoryAdmin):
    list_display = (
        "name",
        "short_name",
        "kind",
        "parent",
        "has_decision_power",
        "numbering",
        "is_active",
    )
    list_filter = ("kind", "is_active", "has_decision_power", "numbering")
    search_fields = ("name", "short_name", "slug", "area")
    autocomplete_fields = ("secretariat", "parent")
    list_select_related = ("parent", "secretariat")
    prepopulated_fields = {"slug": ("short_name",)}
    ordering = ("kind", "name")
    fieldsets = (
        (None, {"fields": ("name", "short_name", "slug", "kind", "area", "is_active")}),
        (
            _("Uppdrag"),
            {
                "fields": (
                    "description",
                    "mandate",
                    "has_decision_power",
                    "deciding_bodies",
                    "parent",
                )
            },
        ),
        (
            _("Sammanträden och protokoll"),
            {
                "fields": (
                    "numbering",
                    "uses_anslag",
                    "min_meetings_per_year",
                    "office",
                    "secretariat",
                )
            },
        ),
    )
    inlines = (AgendaTemplateItemInline, BodyMembershipInline)


@admin.register(AgendaTemplateItem)
class AgendaTemplateItemAdmin(ReasonedHistoryAdmin):
    list_display = ("title", "body", "order", "kind")
    list_filter = ("kind", "body")
    search_fields = ("title", "text", "body__name", "body__short_name")
    autocomplete_fields = ("body",)
    list_select_related = ("body",)
    ordering = ("body__name", "order")


class CurrentMembershipFilter(admin.SimpleListFilter):
    title = _("mandatperiod")
    parameter_name = "period"

    def lookups(self, request, model_admin):
        return [
            ("aktuella", _("Pågår i dag")),
            ("avslutade", _("Avslutade")),
            ("kommande", _("Kommande")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "aktuella":
            return queryset.current(today)
        if self.value() == "avslutade":
            return queryset.filter(ends__lt=today)
        if self.value() == "kommande":
            return queryset.filter(starts__gt=today)
        return queryset


@admin.register(Membership)
class MembershipAdmin(ReasonedHistoryAdmin):
    list_display = (
        "person",
        "body",
        "role",
        "organisation",
        "party",
        "starts",
        "ends",
    )
    list_filter = (CurrentMembershipFilter, "role", "body", "party")
    search_fields = (
        "person__name",
        "person__aliases",
        "body__name",
        "body__short_name",
        "organisation__name",
        "title",
    )
    autocomplete_fields = ("person", "body", "organisation")
    list_select_related = ("person", "body", "organisation")
    date_hierarchy = "starts"


@admin.register(AccessibilityFeedback)
class AccessibilityFeedbackAdmin(ReasonedHistoryAdmin):
    list_display = ["created_at", "short_message", "page", "email", "handled_at"]
    list_filter = [("handled_at", admin.EmptyFieldListFilter)]
    search_fields = ["message", "page", "email", "name"]
    readonly_fields = ["created_at"]
    date_hierarchy = "created_at"

    @admin.display(description=_("beskrivning"))
    def short_message(self, obj: AccessibilityFeedback) -> str:
        return obj.message[:80]
