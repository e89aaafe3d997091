"""What is searched: each source's rows (the public ones), fields and links."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import (
    CharField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Concat, ExtractYear
from django.urls import reverse

from council.models import Body
from meetings.models import AgendaItem, Meeting, Paragraph, Protocol
from networks.models import NetworkProfile
from plans.models import Activity, AnnualPlan, Assignment, VisionItem

TEXT = "search_text"
STORED_VECTOR = "search_vector"

# What each source gives for a match, in this order; a source sets the link
# columns it needs (LINKS) and leaves the others empty.
LINKS = {
    "link_id": IntegerField(),
    "link_slug": CharField(),
    "link_num": IntegerField(),
}
COLUMNS = ("source", "pk", "kind", "title", "body", "year", "rank", *LINKS)


@dataclass(frozen=True)
class Source:
    """One searchable kind: which rows, which fields, where a hit links to.

    `links` maps the link columns the source needs (of LINKS) to its fields or
    expressions; `link` makes the address from them. The text fields are matched,
    and shown as the snippet. `stored_vector` says the rows keep their vector in
    `search_vector`.
    """

    kind: str
    rows: Callable[[], QuerySet]
    link: Callable[[dict[str, Any]], str]
    links: dict[str, Any]
    title_field: str
    text_fields: tuple[str, ...]
    body_field: str
    year_field: str | None
    stored_vector: bool = True

    def text(self) -> Concat | Coalesce:
        """The text fields joined by spaces, as one expression."""
        parts: list[Any] = []
        for name in self.text_fields:
            if parts:
                parts.append(Value(" "))
            parts.append(Coalesce(name, Value(""), output_field=CharField()))
        if len(parts) == 1:
            return parts[0]
        return Concat(*parts, output_field=CharField())

    def year(self) -> Cast:
        """The year a hit belongs to: where the meeting was held (in the portal's
        time zone), or the plan's."""
        if self.year_field is None:
            return Cast(Value(None), IntegerField())
        name = self.year_field
        return Cast(
            ExtractYear(name) if name.endswith("_at") else F(name), IntegerField()
        )


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def published_paragraphs() -> QuerySet[Paragraph]:
    """Public paragraphs of the public protokoll.

    The rule of Protocol.objects.public() (published, of an active body, not
    replaced by a published correction), written as joins and NOT EXISTS: as a
    subquery it left the planner guessing one protokoll and testing every
    paragraph against the query instead of starting from the index.
    """
    published = Protocol.State.PUBLISHED
    replaced = Protocol.objects.filter(
        corrects=OuterRef("protocol_id"), state=published
    )
    return (
        Paragraph.objects.filter(
            is_public=True,
            protocol__state=published,
            protocol__meeting__body__is_active=True,
        )
        .exclude(Exists(replaced))
        .select_related("protocol__meeting__body")
    )


def public_agenda_items() -> QuerySet[AgendaItem]:
    """Public items of public meetings (called, or with a published protokoll)."""
    return AgendaItem.objects.filter(
        is_public=True, meeting__in=Meeting.objects.public()
    ).select_related("meeting__body")


def published_plan_entries(model) -> Callable[[], QuerySet]:
    """Entries of the public plans, by the plan's own rule (AnnualPlan.public_q)."""

    def rows() -> QuerySet:
        return model.objects.filter(AnnualPlan.public_q("plan__")).select_related(
            "plan__body"
        )

    return rows


def public_networks() -> QuerySet[NetworkProfile]:
    return NetworkProfile.objects.filter(
        body__is_active=True, body__kind=Body.Kind.NETWORK
    ).select_related("body")


def _paragraph_link(row: dict[str, Any]) -> str:
    url = reverse("meetings:protocol_detail", kwargs={"pk": row["link_id"]})
    return f"{url}#paragraf-{row['link_num']}"


def _meeting_link(row: dict[str, Any]) -> str:
    return reverse("meetings:meeting_detail", kwargs={"pk": row["link_id"]})


def _plan_link(row: dict[str, Any]) -> str:
    return reverse(
        "plans:detail", kwargs={"slug": row["link_slug"], "year": row["link_num"]}
    )


def _network_link(row: dict[str, Any]) -> str:
    return reverse("networks:network_detail", kwargs={"slug": row["link_slug"]})


PLAN_FIELDS = ("plan__body__short_name", "plan__year")
PLAN_LINKS = {"link_slug": "plan__body__slug", "link_num": "plan__year"}

PARAGRAPHS = 0  # the index in SOURCES of the protokoll's paragraphs

SOURCES: list[Source] = [
    Source(
        "Protokoll",
        published_paragraphs,
        _paragraph_link,
        # A paragraph without a number yet is addressed by its order.
        {"link_id": "protocol_id", "link_num": Coalesce("number", "order")},
        "heading",
        ("heading", "text", "outcome"),
        "protocol__meeting__body__short_name",
        "protocol__meeting__starts_at",
    ),
    Source(
        "Dagordning",
        public_agenda_items,
        _meeting_link,
        {"link_id": "meeting_id"},
        "title",
        ("title", "text"),
        "meeting__body__short_name",
        "meeting__starts_at",
    ),
    Source(
        "Verksamhetsplan",
        published_plan_entries(Assignment),
        _plan_link,
        PLAN_LINKS,
        "title",
        ("title", "text"),
        *PLAN_FIELDS,
    ),
    Source(
        "Verksamhetsplan",
        published_plan_entries(VisionItem),
        _plan_link,
        PLAN_LINKS,
        "title",
        ("title", "text"),
        *PLAN_FIELDS,
    ),
    Source(
        "Verksamhetsplan",
        published_plan_entries(Activity),
        _plan_link,
        PLAN_LINKS,
        "title",
        ("title", "description", "follow_up"),
        *PLAN_FIELDS,
    ),
    Source(
        "Nätverk",
        public_networks,
        _network_link,
        {"link_slug": "body__slug"},
        "body__name",
        ("body__name", "full_name", "purpose", "composition"),
        "body__short_name",
        None,
        stored_vector=False,
    ),
]


# --- History ----------------------------------------------------------------------

SEARCHED_MODELS = (Paragraph, AgendaItem, Assignment, VisionItem, Activity)


def _history_without_vector(sender, history_instance, **kwargs) -> None:
    """The vector is derived from the text the history keeps: store none there."""
    history_instance.search_vector = None


def connect_signals() -> None:
    """Connected from PortalConfig.ready()."""
    from simple_history.signals import pre_create_historical_record

    for model in SEARCHED_MODELS:
        pre_create_historical_record.connect(
            _history_without_vector,
            sender=model.history.model,
            dispatch_uid=f"search_vector_history:{model._meta.label_lower}",
        )
