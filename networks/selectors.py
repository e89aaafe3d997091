"""Reads for the network pages."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from council.models import Body
from networks.models import Achievement, NetworkProfile


def networks_public() -> QuerySet[NetworkProfile]:
    return (
        NetworkProfile.objects.filter(
            body__is_active=True, body__kind=Body.Kind.NETWORK
        )
        .select_related("body", "body__parent")
        .prefetch_related("focus_areas")
        .order_by("body__name")
    )


def network_for_slug(*, slug: str) -> NetworkProfile:
    return (
        NetworkProfile.objects.select_related(
            "body", "body__parent", "body__secretariat"
        )
        .prefetch_related(
            "focus_areas",
            "agreement_topics",
            "supporting_networks",
            "links",
            Prefetch(
                "achievements",
                queryset=Achievement.objects.order_by("order", "pk"),
            ),
        )
        .get(body__slug=slug, body__is_active=True, body__kind=Body.Kind.NETWORK)
    )
