"""Search over what is public: protokoll paragraphs, meeting items, plans, networks.

On PostgreSQL: full-text search with the `swedish` configuration (stemming, so
"förslaget" finds "förslag"), ranked; snippets are marked from the loaded text. On SQLite, a
plain case-insensitive match of every word. Only published material is searched;
the visibility rules are the same as the public pages'.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from council.models import Body
from meetings.models import AgendaItem, Meeting, Paragraph, Protocol
from networks.models import NetworkProfile
from plans.models import Activity, AnnualPlan, Assignment, VisionItem

CONFIG = "swedish"
PER_KIND_LIMIT = 200
SNIPPET_WORDS = 30
PAGE_SIZE = 20


@dataclass(frozen=True)
class Hit:
    kind: str
    title: str
    url: str
    body: str
    year: int | None
    rank: float
    source: int  # index in SOURCES
    pk: int
    snippet: SafeString


@dataclass
class Results:
    query: str
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    page: Page | None = None


@dataclass(frozen=True)
class Source:
    """One searchable kind: which rows, which fields, where a hit links to."""

    kind: str
    rows: Callable[[], QuerySet]
    link: Callable[[Any], str]
    title_field: str
    text_fields: tuple[str, ...]
    body_field: str
    year_field: str | None


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def published_paragraphs() -> QuerySet[Paragraph]:
    """Public paragraphs of the public protokoll (Protocol.objects.public)."""
    return Paragraph.objects.filter(
        protocol__in=Protocol.objects.public(), is_public=True
    ).select_related("protocol__meeting__body")


def public_agenda_items() -> QuerySet[AgendaItem]:
    """Public items of public meetings (called, or with a published protokoll)."""
    return AgendaItem.objects.filter(
        is_public=True, meeting__in=Meeting.objects.public()
    ).select_related("meeting__body")


def published_plan_entries(model) -> Callable[[], QuerySet]:
    def rows() -> QuerySet:
        return model.objects.filter(
            plan__state=AnnualPlan.State.PUBLISHED, plan__body__is_active=True
        ).select_related("plan__body")

    return rows


def public_networks() -> QuerySet[NetworkProfile]:
    return NetworkProfile.objects.filter(
        body__is_active=True, body__kind=Body.Kind.NETWORK
    ).select_related("body")


PLAN_FIELDS = ("plan__body__short_name", "plan__year")

SOURCES: list[Source] = [
    Source(
        "Protokoll",
        published_paragraphs,
        lambda p: f"/protokoll/{p.protocol_id}/#paragraf-{p.number or p.order}",
        "heading",
        ("heading", "text", "outcome"),
        "protocol__meeting__body__short_name",
        "protocol__meeting__starts_at",
    ),
    Source(
        "Dagordning",
        public_agenda_items,
        lambda item: item.meeting.get_absolute_url(),
        "title",
        ("title", "text"),
        "meeting__body__short_name",
        "meeting__starts_at",
    ),
    Source(
        "Verksamhetsplan",
        published_plan_entries(Assignment),
        lambda entry: entry.plan.get_absolute_url(),
        "title",
        ("title", "text"),
        *PLAN_FIELDS,
    ),
    Source(
        "Verksamhetsplan",
        published_plan_entries(VisionItem),
        lambda entry: entry.plan.get_absolute_url(),
        "title",
        ("title", "text"),
        *PLAN_FIELDS,
    ),
    Source(
        "Verksamhetsplan",
        published_plan_entries(Activity),
        lambda entry: entry.plan.get_absolute_url(),
        "title",
        ("title", "description", "follow_up"),
        *PLAN_FIELDS,
    ),
    Source(
        "Nätverk",
        public_networks,
        lambda network: network.body.get_absolute_url(),
        "body__name",
        ("body__name", "full_name", "purpose", "composition"),
        "body__short_name",
        None,
    ),
]


# The Swedish snowball stemmer leaves many definite forms alone ("förslaget" stays
# "förslaget" while "förslag" stays "förslag"), so each word is also tried without
# a definite or plural ending. Each variant is still stemmed by `swedish`.
DEFINITE_ENDINGS = ("arna", "erna", "orna", "na", "et", "en", "n", "t")
MIN_STEM = 4


def word_variants(word: str) -> list[str]:
    for ending in DEFINITE_ENDINGS:  # the longest ending that fits
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return [word, word[: -len(ending)]]
    return [word]


def tsquery_text(query: str) -> str:
    """A raw tsquery: every word must match, in any of its variants."""
    words = re.findall(r"\w+", query.casefold())
    groups = ["(" + " | ".join(word_variants(w)) + ")" for w in words]
    return " & ".join(groups)


def _matching(source: Source, query: str) -> QuerySet:
    """The source's rows that match, best first (ranked on PostgreSQL)."""
    rows = source.rows()
    if is_postgresql():
        vector = SearchVector(*source.text_fields, config=CONFIG)
        search = _tsquery(query)
        return (
            rows.annotate(search_rank=SearchRank(vector, search), search_vector=vector)
            .filter(search_vector=search)
            .order_by("-search_rank", "pk")
        )
    condition = Q()
    for word in query.split():
        either = Q()
        for name in source.text_fields:
            either |= Q(**{f"{name}__icontains": word})
        condition &= either
    return rows.filter(condition).order_by("pk")


def _tsquery(query: str) -> SearchQuery:
    return SearchQuery(tsquery_text(query), config=CONFIG, search_type="raw")


def _search_source(index: int, source: Source, query: str) -> list[Hit]:
    return [
        Hit(
            kind=source.kind,
            title=_value(row, source.title_field),
            url=source.link(row),
            body=_value(row, source.body_field),
            year=_value(row, source.year_field) if source.year_field else None,
            rank=float(getattr(row, "search_rank", 0.0)),
            source=index,
            pk=row.pk,
            snippet=_snippet(row, source, query),
        )
        for row in _matching(source, query)[:PER_KIND_LIMIT]
    ]


def _value(row, path: str):
    value = row
    for part in path.split("__"):
        value = getattr(value, part)
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).year
    return value


def _snippet(row, source: Source, query: str) -> SafeString:
    """A window of the text around the first match, the matching words marked.

    Built here from the loaded row (no headline query): every word is escaped,
    and a word is marked when it contains any variant of a query word.
    """
    text = " ".join(str(_value(row, name) or "") for name in source.text_fields)
    words = text.split()
    variants = [
        v for w in re.findall(r"\w+", query.casefold()) for v in word_variants(w)
    ]

    def matches(word: str) -> bool:
        folded = word.casefold()
        return any(v in folded for v in variants)

    first = next((i for i, word in enumerate(words) if matches(word)), 0)
    window = words[max(first - 8, 0) : first + SNIPPET_WORDS - 8]
    parts = [
        f"<mark>{escape(word)}</mark>" if matches(word) else escape(word)
        for word in window
    ]
    return mark_safe(" ".join(parts))  # noqa: S308 - every word escaped


def search(
    query: str,
    *,
    kind: str = "",
    body: str = "",
    year: int | None = None,
    page: int | str | None = 1,
    page_size: int = PAGE_SIZE,
) -> Results:
    """Ranked hits for `query`, narrowed by the chosen facets, with facet counts.

    `results.page` is the requested page of `results.hits`.
    """
    query = " ".join(query.split())[:200]
    results = Results(query=query, page=Paginator([], page_size).get_page(1))
    if not re.search(r"\w", query):
        return results
    hits: list[Hit] = []
    for index, source in enumerate(SOURCES):
        hits += _search_source(index, source, query)
    hits.sort(key=lambda h: (-h.rank, h.kind, h.title))
    results.facets = {
        "kind": sorted(Counter(h.kind for h in hits).items()),
        "body": sorted(Counter(h.body for h in hits).items()),
        "year": sorted(
            Counter(h.year for h in hits if h.year).items(), key=lambda item: -item[0]
        ),
    }
    chosen = [
        h
        for h in hits
        if (not kind or h.kind == kind)
        and (not body or h.body == body)
        and (year is None or h.year == year)
    ]
    results.hits = chosen
    results.page = Paginator(chosen, page_size).get_page(page)
    return results
