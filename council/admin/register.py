"""The secretary's back office for who is who: users, organisations, people,
bodies, memberships, and the feedback on accessibility."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from council.admin.base import (
    COMPACT_TEXT,
    ReasonedHistoryAdmin,
    ReasonForm,
)
from council.admin.lookups import KeysOnlyAutocompleteMixin
from council.forms import NoPersonnummerMixin
from council.models import (
    AccessibilityFeedback,
    AgendaTemplateItem,
    Body,
    Membership,
    Organisation,
    Person,
    User,
)

# Users -------------------------------------------------------------------------

admin.site.unregister(Group)


@admin.register(Group)
class CouncilGroupAdmin(KeysOnlyAutocompleteMixin, GroupAdmin):
    """Django's groups, whose permissions refuse a value that cannot be a key."""


@admin.register(User)
class CouncilUserAdmin(KeysOnlyAutocompleteMixin, UserAdmin):
    """Logins. The person behind a login is linked from the person's page. Its
    groups and permissions, like every many-to-many field of the admin, refuse a
    posted value that cannot be a key (KeysOnlyAutocompleteMixin)."""

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


class PersonMembershipInline(KeysOnlyAutocompleteMixin, admin.TabularInline):
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


class AgendaTemplateItemInlineForm(NoPersonnummerMixin, forms.ModelForm):
    """The standard items become every new meeting's public dagordning."""

    personnummer_fields = ("title", "text")


class AgendaTemplateItemForm(NoPersonnummerMixin, ReasonForm):
    personnummer_fields = ("title", "text")


class AgendaTemplateItemInline(admin.TabularInline):
    model = AgendaTemplateItem
    form = AgendaTemplateItemInlineForm
    extra = 0
    fields = ("order", "title", "kind", "text")
    formfield_overrides = COMPACT_TEXT


class BodyMembershipInline(KeysOnlyAutocompleteMixin, admin.TabularInline):
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
                    "justering_requires_passkey",
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
    form = AgendaTemplateItemForm
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
