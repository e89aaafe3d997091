"""The networks' bodies and pages."""

from __future__ import annotations

from council.models import Body
from council.portal.demo.data.networks import NETWORKS
from council.portal.demo.load.records import day, ensure
from networks.models import (
    Achievement,
    AgreementTopic,
    FocusArea,
    NetworkLink,
    NetworkProfile,
    SupportingNetwork,
)


def load_networks(chefsgruppen: Body) -> None:
    for spec in NETWORKS:
        body = ensure(
            Body,
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "short_name": spec["short_name"],
                "kind": Body.Kind.NETWORK,
                "parent": chefsgruppen,
                "area": "Utbildning och arbetsmarknad",
                "secretariat": chefsgruppen.secretariat,
                "description": spec["purpose"],
            },
        )
        profile = ensure(
            NetworkProfile,
            body=body,
            defaults={
                key: spec[key]
                for key in (
                    "full_name",
                    "purpose",
                    "composition",
                    "size",
                    "meeting_frequency",
                    "meetings_per_year",
                    "working_notes",
                    "agreement_title",
                )
            },
        )
        for order, title in enumerate(spec["focus_areas"], start=1):
            ensure(FocusArea, profile=profile, title=title, defaults={"order": order})
        for order, title in enumerate(spec["agreement_topics"], start=1):
            ensure(
                AgreementTopic, profile=profile, title=title, defaults={"order": order}
            )
        for order, title in enumerate(spec["supporting_networks"], start=1):
            ensure(
                SupportingNetwork,
                profile=profile,
                title=title,
                defaults={"order": order},
            )
        for order, achievement in enumerate(spec["achievements"], start=1):
            ensure(
                Achievement,
                profile=profile,
                title=achievement["title"],
                defaults={
                    "order": order,
                    "description": achievement["description"],
                    "date": day(achievement["date"])
                    if achievement.get("date")
                    else None,
                    "participants": achievement.get("participants"),
                    "url": achievement.get("url", ""),
                },
            )
        for order, (title, url) in enumerate(spec["links"], start=1):
            ensure(
                NetworkLink,
                profile=profile,
                title=title,
                defaults={"order": order, "url": url},
            )
