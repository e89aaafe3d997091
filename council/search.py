"""Search over what is public: protokoll paragraphs, meeting items, plans, networks.

On PostgreSQL: full-text search with the `swedish` configuration (stemming, so
"förslaget" finds "förslag"), ranked. Paragraphs, agenda items and plan entries
keep their vector in a stored `search_vector` column (a trigger fills it; see
meetings migration 0006 and plans 0003), so matching and ranking read it instead
of computing `to_tsvector` for each matching row; the few network pages are
vectorised as they are searched. On SQLite, a plain case-insensitive match of
every word. Only published material is searched; the visibility rules are the
same as the public pages'.

Each source is read as plain values in one query, without its long texts; the
texts of the hits on the page shown are read in one more query, and their marked
snippets made from them.
"""

from __future__ import annotations

import functools
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
from django.db.models import CharField, Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Concat, ExtractYear
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from council.models import Body
from meetings.models import AgendaItem, Meeting, Paragraph, Protocol
from networks.models import NetworkProfile
from plans.models import Activity, AnnualPlan, Assignment, VisionItem

CONFIG = "swedish"
TEXT = "search_text"
PER_KIND_LIMIT = 200
SNIPPET_WORDS = 30
PAGE_SIZE = 20
STORED_VECTOR = "search_vector"


@dataclass(slots=True)
class Hit:
    """One match. `url` and `snippet` are made when shown, from the loaded row;
    search() loads the texts of the page's hits, any other hit loads its own.
    (Not frozen: a search makes hundreds, and frozen dataclasses are slow to make.)
    """

    kind: str
    title: str
    body: str
    year: int | None
    rank: float
    source: int  # index in SOURCES
    pk: int
    row: dict[str, Any] = field(repr=False, compare=False)
    query: str = field(repr=False, compare=False, default="")

    @property
    def url(self) -> str:
        return SOURCES[self.source].link(self.row)

    @property
    def snippet(self) -> SafeString:
        if TEXT not in self.row:
            load_texts([self])
        return _snippet(self.row[TEXT], self.query)


@dataclass
class Results:
    query: str
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    page: Page | None = None


@dataclass(frozen=True)
class Source:
    """One searchable kind: which rows, which fields, where a hit links to.

    `link` gets the row's values: `link_fields` and `pk`. The text fields are
    matched, and shown as the snippet. `stored_vector` says the rows keep their
    vector in `search_vector`.
    """

    kind: str
    rows: Callable[[], QuerySet]
    link: Callable[[dict[str, Any]], str]
    link_fields: tuple[str, ...]
    title_field: str
    text_fields: tuple[str, ...]
    body_field: str
    year_field: str | None
    stored_vector: bool = True

    def value_fields(self) -> list[str]:
        names = ["pk", self.title_field, self.body_field, *self.link_fields]
        return list(dict.fromkeys(names))  # each once, in order

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
    def rows() -> QuerySet:
        return model.objects.filter(
            plan__state=AnnualPlan.State.PUBLISHED, plan__body__is_active=True
        ).select_related("plan__body")

    return rows


def public_networks() -> QuerySet[NetworkProfile]:
    return NetworkProfile.objects.filter(
        body__is_active=True, body__kind=Body.Kind.NETWORK
    ).select_related("body")


def _paragraph_link(row: dict[str, Any]) -> str:
    url = reverse("meetings:protocol_detail", kwargs={"pk": row["protocol_id"]})
    return f"{url}#paragraf-{row['number'] or row['order']}"


def _meeting_link(row: dict[str, Any]) -> str:
    return reverse("meetings:meeting_detail", kwargs={"pk": row["meeting_id"]})


def _plan_link(row: dict[str, Any]) -> str:
    return reverse(
        "plans:detail",
        kwargs={"slug": row["plan__body__slug"], "year": row["plan__year"]},
    )


def _network_link(row: dict[str, Any]) -> str:
    return reverse("networks:network_detail", kwargs={"slug": row["body__slug"]})


PLAN_FIELDS = ("plan__body__short_name", "plan__year")
PLAN_LINK = ("plan__body__slug", "plan__year")

SOURCES: list[Source] = [
    Source(
        "Protokoll",
        published_paragraphs,
        _paragraph_link,
        ("protocol_id", "number", "order"),
        "heading",
        ("heading", "text", "outcome"),
        "protocol__meeting__body__short_name",
        "protocol__meeting__starts_at",
    ),
    Source(
        "Dagordning",
        public_agenda_items,
        _meeting_link,
        ("meeting_id",),
        "title",
        ("title", "text"),
        "meeting__body__short_name",
        "meeting__starts_at",
    ),
    Source(
        "Verksamhetsplan",
        published_plan_entries(Assignment),
        _plan_link,
        PLAN_LINK,
        "title",
        ("title", "text"),
        *PLAN_FIELDS,
    ),
    Source(
        "Verksamhetsplan",
        published_plan_entries(VisionItem),
        _plan_link,
        PLAN_LINK,
        "title",
        ("title", "text"),
        *PLAN_FIELDS,
    ),
    Source(
        "Verksamhetsplan",
        published_plan_entries(Activity),
        _plan_link,
        PLAN_LINK,
        "title",
        ("title", "description", "follow_up"),
        *PLAN_FIELDS,
    ),
    Source(
        "Nätverk",
        public_networks,
        _network_link,
        ("body__slug",),
        "body__name",
        ("body__name", "full_name", "purpose", "composition"),
        "body__short_name",
        None,
        stored_vector=False,
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
    """The source's matching rows as values, best first (ranked on PostgreSQL)."""
    rows = source.rows()
    if source.year_field:
        # A meeting's year where it was held (the current time zone), or a plan's.
        year = source.year_field
        rows = rows.annotate(
            search_year=ExtractYear(year) if year.endswith("_at") else F(year)
        )
    fields = source.value_fields() + (["search_year"] if source.year_field else [])
    if is_postgresql():
        search = _tsquery(query)
        if source.stored_vector:
            vector: Any = F(STORED_VECTOR)
            rows = rows.filter(**{STORED_VECTOR: search})
        else:
            vector = SearchVector(*source.text_fields, config=CONFIG)
            rows = rows.annotate(search_vector_now=vector).filter(
                search_vector_now=search
            )
        return (
            rows.annotate(search_rank=SearchRank(vector, search))
            .order_by("-search_rank", "pk")
            .values(*fields, "search_rank")
        )
    condition = Q()
    for word in query.split():
        either = Q()
        for name in source.text_fields:
            either |= Q(**{f"{name}__icontains": word})
        condition &= either
    return rows.filter(condition).order_by("pk").values(*fields)


def _tsquery(query: str) -> SearchQuery:
    return SearchQuery(tsquery_text(query), config=CONFIG, search_type="raw")


# Stands for the query in a source's SQL, which is built once per process.
PLACEHOLDER = "placeholderquery"


@functools.cache
def _compiled(index: int, vendor: str) -> tuple[str, tuple[Any, ...]]:
    """SQL and parameters of a PostgreSQL source search, the query a placeholder.

    Building and compiling the six querysets took more time than PostgreSQL took
    to run them; only the tsquery differs from one search to the next (the time
    zone of the years is the portal's one, TIME_ZONE).
    """
    queryset = _matching(SOURCES[index], PLACEHOLDER)[:PER_KIND_LIMIT]
    sql, params = queryset.query.sql_with_params()
    if tsquery_text(PLACEHOLDER) not in params:
        raise RuntimeError(f"The search of {SOURCES[index].kind} has no tsquery.")
    return sql, tuple(params)


def _ranked_rows(index: int, source: Source, query: str) -> list[dict[str, Any]]:
    """The best matching rows of one source, as values."""
    if not is_postgresql():
        return list(_matching(source, query)[:PER_KIND_LIMIT])
    sql, template = _compiled(index, connection.vendor)
    placeholder, text = tsquery_text(PLACEHOLDER), tsquery_text(query)
    params = [text if value == placeholder else value for value in template]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column.name for column in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    for row in rows:  # EXTRACT gives a numeric
        if row.get("search_year") is not None:
            row["search_year"] = int(row["search_year"])
    return rows


def _search_source(index: int, source: Source, query: str) -> list[Hit]:
    return [
        Hit(
            kind=source.kind,
            title=row[source.title_field],
            body=row[source.body_field],
            year=row.get("search_year"),
            rank=float(row.get("search_rank", 0.0)),
            source=index,
            pk=row["pk"],
            row=row,
            query=query,
        )
        for row in _ranked_rows(index, source, query)
    ]


def load_texts(hits: list[Hit]) -> None:
    """Read the texts of `hits` in one query (a UNION of the sources involved)."""
    missing = [hit for hit in hits if TEXT not in hit.row]
    if not missing:
        return
    by_source: dict[int, list[int]] = {}
    for hit in missing:
        by_source.setdefault(hit.source, []).append(hit.pk)
    parts = [
        SOURCES[index]
        .rows()
        .model.objects.filter(pk__in=pks)
        .annotate(
            search_source=Value(index),
            search_id=F("pk"),
            search_text=SOURCES[index].text(),
        )
        .values_list("search_source", "search_id", "search_text")
        .order_by()
        for index, pks in by_source.items()
    ]
    query = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    texts = {(index, pk): text for index, pk, text in query}
    for hit in missing:
        hit.row[TEXT] = texts.get((hit.source, hit.pk), "")


def _snippet(text: str, query: str) -> SafeString:
    """A window of the text around the first match, the matching words marked.

    Built here from the text (no headline query): every word is escaped, and a
    word is marked when it contains any variant of a query word.
    """
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
    load_texts(list(results.page.object_list))
    return results


# --- History ----------------------------------------------------------------------

SEARCHED_MODELS = (Paragraph, AgendaItem, Assignment, VisionItem, Activity)


def _history_without_vector(sender, history_instance, **kwargs) -> None:
    """The vector is derived from the text the history keeps: store none there."""
    history_instance.search_vector = None


def connect_signals() -> None:
    """Connected from CouncilConfig.ready()."""
    from simple_history.signals import pre_create_historical_record

    for model in SEARCHED_MODELS:
        pre_create_historical_record.connect(
            _history_without_vector,
            sender=model.history.model,
            dispatch_uid=f"search_vector_history:{model._meta.label_lower}",
        )
