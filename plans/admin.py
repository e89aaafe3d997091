"""The back office for styrdokument and verksamhetsplaner."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from council.admin.base import (
    COMPACT_TEXT,
    LockedRecordAdmin,
    LockedWithParentInline,
    ReasonedHistoryAdmin,
    ReasonForm,
    WorkflowAdmin,
)
from council.forms import NoPersonnummerMixin
from plans.models import (
    Activity,
    AnnualPlan,
    Assignment,
    StrategyArea,
    Styrdokument,
    VisionItem,
)

# Styrdokument ----------------------------------------------------------------------


class StrategyAreaInline(admin.TabularInline):
    model = StrategyArea
    extra = 0
    fields = ("code", "title")


@admin.register(Styrdokument)
class StyrdokumentAdmin(ReasonedHistoryAdmin):
    list_display = (
        "title",
        "short_name",
        "kind",
        "period_display",
        "status",
        "part_of",
    )
    list_filter = ("kind", "status")
    search_fields = ("title", "short_name", "description")
    autocomplete_fields = ("part_of", "successor")
    list_select_related = ("part_of",)
    ordering = ("title",)
    fieldsets = (
        (None, {"fields": ("title", "short_name", "kind", "description", "url")}),
        (
            _("Giltighet"),
            {"fields": ("period_start", "period_end", "status", "status_note")},
        ),
        (_("Samband"), {"fields": ("part_of", "successor")}),
    )
    inlines = (StrategyAreaInline,)

    @admin.display(description=_("period"), ordering="period_start")
    def period_display(self, obj: Styrdokument) -> str:
        return obj.period


@admin.register(StrategyArea)
class StrategyAreaAdmin(ReasonedHistoryAdmin):
    list_display = ("code", "title", "styrdokument")
    list_filter = ("styrdokument",)
    search_fields = ("code", "title", "styrdokument__title", "styrdokument__short_name")
    autocomplete_fields = ("styrdokument",)
    list_select_related = ("styrdokument",)
    ordering = ("styrdokument__title", "code")


# Verksamhetsplaner -----------------------------------------------------------------

# The texts of a plan that are published; the same as the plan pages refuse.
ENTRY_TEXT = {
    Assignment: ("title", "text"),
    VisionItem: ("title", "text"),
    Activity: ("title", "description", "owner_text", "follow_up"),
}


def entry_form(model, base=forms.ModelForm):
    """A form for a plan entry that refuses a personnummer in its texts."""
    return type(
        f"{model.__name__}AdminForm",
        (NoPersonnummerMixin, base),
        {"personnummer_fields": ENTRY_TEXT[model]},
    )


class AnnualPlanForm(NoPersonnummerMixin, ReasonForm):
    """Refuses a personnummer in the plan's own texts (its publication, which
    checks the entries too, is a step in the portal)."""

    personnummer_fields = ("introduction", "follow_up_summary", "change_reason")


class AssignmentInline(LockedWithParentInline, admin.StackedInline):
    model = Assignment
    form = entry_form(Assignment)
    extra = 0
    fields = (("order", "title"), "text")
    formfield_overrides = COMPACT_TEXT


class VisionItemInline(LockedWithParentInline, admin.StackedInline):
    model = VisionItem
    form = entry_form(VisionItem)
    extra = 0
    fields = (("order", "title"), "text", ("styrdokument", "strategy_areas"))
    autocomplete_fields = ("styrdokument", "strategy_areas")
    formfield_overrides = COMPACT_TEXT


class ActivityInline(LockedWithParentInline, admin.StackedInline):
    model = Activity
    form = entry_form(Activity)
    extra = 0
    fields = (
        ("order", "title"),
        "description",
        ("owner", "owner_body", "owner_text"),
        "status",
        "follow_up",
        ("carried_from", "paragraphs"),
    )
    autocomplete_fields = ("owner_body", "carried_from", "paragraphs")
    show_change_link = True
    formfield_overrides = COMPACT_TEXT


@admin.register(AnnualPlan)
class AnnualPlanAdmin(WorkflowAdmin, LockedRecordAdmin):
    """A draft's text may be corrected here; it is adopted, published and given
    new versions only in the portal. Once adopted, nothing changes here."""

    form = AnnualPlanForm
    workflow_fields = (
        "state",
        "version",
        "corrects",
        "change_reason",
        "adopted_at_meeting",
        "adopted_in_paragraph",
        "adopted_on",
        "published_at",
    )
    list_display = (
        "__str__",
        "body",
        "year",
        "version",
        "state",
        "adopted_on",
        "published_at",
    )
    list_filter = ("state", "year", "body")
    search_fields = ("body__name", "body__short_name", "introduction", "year")
    autocomplete_fields = (
        "body",
        "prepared_by",
        "corrects",
        "styrdokument",
        "adopted_at_meeting",
        "adopted_in_paragraph",
    )
    list_select_related = ("body",)
    ordering = ("body__name", "-year", "-version")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "body",
                    "year",
                    "version",
                    "state",
                    "workflow_page",
                    "prepared_by",
                )
            },
        ),
        (_("Ny version"), {"fields": ("corrects", "change_reason")}),
        (
            _("Innehåll"),
            {"fields": ("introduction", "follow_up_summary", "styrdokument")},
        ),
        (
            _("Fastställande och publicering"),
            {
                "fields": (
                    "adopted_at_meeting",
                    "adopted_in_paragraph",
                    "adopted_on",
                    "published_at",
                )
            },
        ),
    )
    inlines = (AssignmentInline, VisionItemInline, ActivityInline)

    def has_add_permission(self, request, obj=None):
        # A plan is started in the portal, empty or from the year before.
        return False


class PlanSectionAdmin(LockedRecordAdmin):
    """Shared options for the entries of a plan; read-only once it is adopted."""

    locked_with = "plan"

    list_display = ("title", "plan", "order")
    list_filter = ("plan__year", "plan__body")
    search_fields = ("title", "plan__body__name", "plan__body__short_name")
    autocomplete_fields = ("plan",)
    list_select_related = ("plan__body",)
    ordering = ("plan__body__name", "-plan__year", "order", "pk")


@admin.register(Assignment)
class AssignmentAdmin(PlanSectionAdmin):
    form = entry_form(Assignment, ReasonForm)
    search_fields = (*PlanSectionAdmin.search_fields, "text")


@admin.register(VisionItem)
class VisionItemAdmin(PlanSectionAdmin):
    form = entry_form(VisionItem, ReasonForm)
    search_fields = (*PlanSectionAdmin.search_fields, "text")
    autocomplete_fields = ("plan", "styrdokument", "strategy_areas")


@admin.register(Activity)
class ActivityAdmin(PlanSectionAdmin):
    form = entry_form(Activity, ReasonForm)
    editable_when_locked = ("status", "follow_up", "paragraphs")
    list_display = ("title", "plan", "order", "owner", "owner_body", "status")
    list_filter = ("status", "owner", *PlanSectionAdmin.list_filter)
    search_fields = (
        *PlanSectionAdmin.search_fields,
        "description",
        "owner_text",
        "follow_up",
    )
    autocomplete_fields = ("plan", "owner_body", "carried_from", "paragraphs")
    list_select_related = ("plan__body", "owner_body")
    fieldsets = (
        (None, {"fields": ("plan", "order", "title", "description")}),
        (_("Ansvar"), {"fields": ("owner", "owner_body", "owner_text")}),
        (
            _("Uppföljning"),
            {"fields": ("status", "follow_up", "carried_from", "paragraphs")},
        ),
    )
