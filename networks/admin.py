"""The back office for network pages and their lists."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from council.admin.base import COMPACT_TEXT, ReasonedHistoryAdmin
from networks.models import (
    Achievement,
    AgreementTopic,
    FocusArea,
    NetworkLink,
    NetworkProfile,
    SupportingNetwork,
)


class FocusAreaInline(admin.TabularInline):
    model = FocusArea
    extra = 0
    fields = ("order", "title")


class AgreementTopicInline(admin.TabularInline):
    model = AgreementTopic
    extra = 0
    fields = ("order", "title")


class SupportingNetworkInline(admin.StackedInline):
    model = SupportingNetwork
    extra = 0
    fields = (("order", "title"), "description")
    formfield_overrides = COMPACT_TEXT


class AchievementInline(admin.StackedInline):
    model = Achievement
    extra = 0
    fields = (("order", "title"), ("date", "participants"), "url", "description")
    formfield_overrides = COMPACT_TEXT


class NetworkLinkInline(admin.TabularInline):
    model = NetworkLink
    extra = 0
    fields = ("order", "title", "url")


@admin.register(NetworkProfile)
class NetworkProfileAdmin(ReasonedHistoryAdmin):
    list_display = ("body", "full_name", "size", "meeting_frequency")
    search_fields = ("body__name", "body__short_name", "full_name", "purpose")
    autocomplete_fields = ("body",)
    list_select_related = ("body",)
    ordering = ("body__name",)
    fieldsets = (
        (None, {"fields": ("body", "full_name", "purpose")}),
        (
            _("Sammansättning och arbetsformer"),
            {
                "fields": (
                    "composition",
                    "size",
                    "meeting_frequency",
                    "meetings_per_year",
                    "working_notes",
                    "agreement_title",
                )
            },
        ),
    )
    inlines = (
        FocusAreaInline,
        AgreementTopicInline,
        SupportingNetworkInline,
        AchievementInline,
        NetworkLinkInline,
    )


class NetworkEntryAdmin(ReasonedHistoryAdmin):
    """Shared options for the ordered lists of a network page."""

    list_display = ("title", "profile", "order")
    list_filter = ("profile__body",)
    search_fields = ("title", "profile__body__name", "profile__body__short_name")
    autocomplete_fields = ("profile",)
    list_select_related = ("profile__body",)
    ordering = ("profile__body__name", "order", "pk")


@admin.register(FocusArea)
class FocusAreaAdmin(NetworkEntryAdmin):
    pass


@admin.register(AgreementTopic)
class AgreementTopicAdmin(NetworkEntryAdmin):
    pass


@admin.register(SupportingNetwork)
class SupportingNetworkAdmin(NetworkEntryAdmin):
    search_fields = (*NetworkEntryAdmin.search_fields, "description")


@admin.register(Achievement)
class AchievementAdmin(NetworkEntryAdmin):
    list_display = ("title", "profile", "date", "participants")
    search_fields = (*NetworkEntryAdmin.search_fields, "description")
    date_hierarchy = "date"
    ordering = ("-date", "profile__body__name", "order")


@admin.register(NetworkLink)
class NetworkLinkAdmin(NetworkEntryAdmin):
    list_display = ("title", "profile", "order", "url")
    search_fields = (*NetworkEntryAdmin.search_fields, "url")
