"""Search over what is public: protokoll paragraphs, meeting items, plans, networks.

On PostgreSQL: full-text search with the `swedish` configuration (stemming, so
"förslaget" finds "förslag"), ranked, with highlighted snippets. On SQLite, a
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
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connection
from django.db.models import F, Q, QuerySet, TextField, Value
from django.db.models.functions import Coalesce, Concat
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


@dataclass(frozen=True)
class Hit:
    kind: str
    title: str
    url: str
    snippet: SafeString
    body: str
    year: int | None
    rank: float


@dataclass
class Results:
    query: str
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


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


def _document(source: Source):
    parts = []
    for name in source.text_fields:
        parts += [
            Coalesce(F(name), Value(""), output_field=TextField()),
            Value(" "),
        ]
    return Concat(*parts, output_field=TextField())


def _search_source(source: Source, query: str) -> list[Hit]:
    rows = source.rows()
    if is_postgresql():
        vector = SearchVector(*source.text_fields, config=CONFIG)
        search = SearchQuery(tsquery_text(query), config=CONFIG, search_type="raw")
        rows = (
            rows.annotate(
                search_rank=SearchRank(vector, search),
                snippet=SearchHeadline(
                    _document(source),
                    search,
                    config=CONFIG,
                    start_sel="<mark>",
                    stop_sel="</mark>",
                    max_words=SNIPPET_WORDS,
                    min_words=12,
                ),
            )
            .annotate(search_vector=vector)
            .filter(search_vector=search)
            .order_by("-search_rank", "pk")
        )
    else:
        condition = Q()
        for word in query.split():
            either = Q()
            for name in source.text_fields:
                either |= Q(**{f"{name}__icontains": word})
            condition &= either
        rows = rows.filter(condition).order_by("pk")
    hits = []
    for row in rows[:PER_KIND_LIMIT]:
        hits.append(
            Hit(
                kind=source.kind,
                title=_value(row, source.title_field),
                url=source.link(row),
                snippet=_snippet(row, source, query),
                body=_value(row, source.body_field),
                year=_value(row, source.year_field) if source.year_field else None,
                rank=float(getattr(row, "search_rank", 0.0)),
            )
        )
    return hits


def _value(row, path: str):
    value = row
    for part in path.split("__"):
        value = getattr(value, part)
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).year
    return value


def _snippet(row, source: Source, query: str) -> SafeString:
    if hasattr(row, "snippet"):
        # PostgreSQL's headline: escape everything but the <mark> it added.
        marked = escape(row.snippet)
        return mark_safe(  # noqa: S308 - escaped above, only <mark> restored
            marked.replace("&lt;mark&gt;", "<mark>").replace("&lt;/mark&gt;", "</mark>")
        )
    text = " ".join(str(_value(row, name) or "") for name in source.text_fields)
    words = text.split()
    lowered = [w.casefold() for w in query.split()]
    first = next(
        (i for i, w in enumerate(words) if any(q in w.casefold() for q in lowered)), 0
    )
    window = words[max(first - 8, 0) : first + SNIPPET_WORDS - 8]
    parts = []
    for word in window:
        if any(q in word.casefold() for q in lowered):
            parts.append(f"<mark>{escape(word)}</mark>")
        else:
            parts.append(escape(word))
    return mark_safe(" ".join(parts))  # noqa: S308 - every word escaped


def search(
    query: str,
    *,
    kind: str = "",
    body: str = "",
    year: int | None = None,
) -> Results:
    """Ranked hits for `query`, narrowed by the chosen facets, with facet counts."""
    query = " ".join(query.split())[:200]
    results = Results(query=query)
    if not re.search(r"\w", query):
        return results
    hits: list[Hit] = []
    for source in SOURCES:
        hits += _search_source(source, query)
    hits.sort(key=lambda h: (-h.rank, h.kind, h.title))
    results.facets = {
        "kind": sorted(Counter(h.kind for h in hits).items()),
        "body": sorted(Counter(h.body for h in hits).items()),
        "year": sorted(
            Counter(h.year for h in hits if h.year).items(), key=lambda item: -item[0]
        ),
    }
    results.hits = [
        h
        for h in hits
        if (not kind or h.kind == kind)
        and (not body or h.body == body)
        and (year is None or h.year == year)
    ]
    return results
