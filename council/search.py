"""Search over what is public: protokoll paragraphs, meeting items, plans, networks.

On PostgreSQL: full-text search with the `swedish` configuration (stemming, so
"förslaget" finds "förslag"), ranked. Paragraphs, agenda items and plan entries
keep their vector in a stored `search_vector` column (a trigger fills it; see
meetings migration 0006 and plans 0003), so matching and ranking read it instead
of computing `to_tsvector` for each matching row; the few network pages are
vectorised as they are searched. On SQLite, a plain case-insensitive match of
every word. Only published material is searched; the visibility rules are the
same as the public pages'.

The sources are searched together, as one UNION ALL of plain values without the
long texts. One query finds and ranks the matches once and returns both the number
of every match by kind, body and year (the facets and the count of hits) and the
page of hits shown; the texts of that page are read in a second, and their marked
snippets made from them. The facets count every match, not only the best ones.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    CharField,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Concat, ExtractYear
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from council.models import Body
from meetings.models import AgendaItem, Meeting, Paragraph, Protocol
from networks.models import NetworkProfile
from plans.models import Activity, AnnualPlan, Assignment, VisionItem

CONFIG = "swedish"
TEXT = "search_text"
SNIPPET_WORDS = 30
PAGE_SIZE = 20
STORED_VECTOR = "search_vector"

# What each source gives for a match, in this order; a source sets the link
# columns it needs (LINKS) and leaves the others empty.
LINKS = {
    "link_id": IntegerField(),
    "link_slug": CharField(),
    "link_num": IntegerField(),
}
COLUMNS = ("source", "pk", "kind", "title", "body", "year", "rank", *LINKS)


@dataclass(slots=True)
class Hit:
    """One match. `url` and `snippet` are made when shown, from the loaded row;
    search() loads the texts of the page's hits, any other hit loads its own.
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
    hits: RankedHits | list[Hit] = field(default_factory=list)
    facets: dict[str, list[tuple[Any, int]]] = field(default_factory=dict)
    page: Page | None = None


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


def _tsquery(query: str) -> SearchQuery:
    return SearchQuery(tsquery_text(query), config=CONFIG, search_type="raw")


def matching(index: int, query: str) -> QuerySet:
    """One source's matches as values of COLUMNS (ranked on PostgreSQL)."""
    source = SOURCES[index]
    rows = source.rows()
    rank: Any = Value(0.0, output_field=FloatField())
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
        rank = SearchRank(vector, search)
    else:
        condition = Q()
        for word in query.split():
            either = Q()
            for name in source.text_fields:
                either |= Q(**{f"{name}__icontains": word})
            condition &= either
        rows = rows.filter(condition)
    links = {
        name: Cast(source.links.get(name, Value(None)), output_field)
        for name, output_field in LINKS.items()
    }
    columns = {
        "s_source": Value(index),
        "s_pk": F("pk"),
        "s_kind": Value(source.kind),
        "s_title": F(source.title_field),
        "s_body": F(source.body_field),
        "s_year": source.year(),
        "s_rank": rank,
        **{f"s_{name}": expression for name, expression in links.items()},
    }
    return rows.annotate(**columns).values(*columns).order_by()


def _union(query: str) -> tuple[str, list[Any]]:
    """Every source's matches as one UNION ALL with the columns COLUMNS."""
    outer = ", ".join(f"s_{name} AS {name}" for name in COLUMNS)
    parts, params = [], []
    for index in range(len(SOURCES)):
        sql, part_params = matching(index, query).query.sql_with_params()
        parts.append(f"SELECT {outer} FROM ({sql}) AS source_{index}")
        params += part_params
    return " UNION ALL ".join(parts), params


# Stands for the query in the SQL, which PostgreSQL's path builds once per process.
PLACEHOLDER = "placeholderquery"


@functools.cache
def _compiled_union(vendor: str) -> tuple[str, tuple[Any, ...]]:
    """The union's SQL and parameters on PostgreSQL, the query a placeholder.

    Building and compiling the six querysets took more time than PostgreSQL took
    to run them; only the tsquery differs from one search to the next (the time
    zone of the years is the portal's one, TIME_ZONE).
    """
    sql, params = _union(PLACEHOLDER)
    if tsquery_text(PLACEHOLDER) not in params:
        raise RuntimeError("The search has no tsquery.")
    return sql, tuple(params)


def union_sql(query: str) -> tuple[str, list[Any]]:
    if not is_postgresql():  # SQLite's match depends on the number of words
        return _union(query)
    sql, template = _compiled_union(connection.vendor)
    placeholder, text = tsquery_text(PLACEHOLDER), tsquery_text(query)
    return sql, [text if value == placeholder else value for value in template]


def _fetch(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@dataclass(frozen=True)
class Narrowing:
    """The facets chosen: a kind, a body, a year (empty: all)."""

    kind: str = ""
    body: str = ""
    year: int | None = None

    def admits(self, kind: str, body: str, year: int | None) -> bool:
        return (
            (not self.kind or kind == self.kind)
            and (not self.body or body == self.body)
            and (self.year is None or year == self.year)
        )

    def sql(self) -> tuple[str, list[Any]]:
        conditions, params = [], []
        for column, value in [("kind", self.kind), ("body", self.body)]:
            if value:
                conditions.append(f"{column} = %s")
                params.append(value)
        if self.year is not None:
            conditions.append("year = %s")
            params.append(self.year)
        return " AND ".join(conditions) or "1 = 1", params


ORDER = "rank DESC, kind, title, source, pk"


def _page_sql(narrowing: Narrowing) -> tuple[str, list[Any]]:
    """The chosen hits of the union `hits`, best first, a LIMIT and OFFSET to fill."""
    where, params = narrowing.sql()
    return (
        f"SELECT CAST(NULL AS integer) AS n, {', '.join(COLUMNS)} FROM hits "
        f"WHERE {where} ORDER BY {ORDER} LIMIT %s OFFSET %s",
        params,
    )


def _read(
    query: str, narrowing: Narrowing, offset: int, limit: int, *, counts: bool
) -> tuple[Counter, list[dict[str, Any]]]:
    """One query: the chosen hits from `offset`, and if asked the number of every
    match by (kind, body, year). The matches are found and ranked once, in a
    common table expression both parts read.
    """
    union, params = union_sql(query)
    page, page_params = _page_sql(narrowing)
    sql = f"WITH hits AS ({union}) SELECT * FROM ({page}) AS page"
    if counts:
        empty = ", ".join(
            name if name in ("kind", "body", "year") else f"NULL AS {name}"
            for name in COLUMNS
        )
        sql = (
            f"WITH hits AS ({union}) "
            f"SELECT COUNT(*) AS n, {empty} FROM hits GROUP BY kind, body, year "
            f"UNION ALL SELECT * FROM ({page}) AS page ORDER BY {ORDER}"
        )
    found: Counter = Counter()
    hits = []
    for n, *values in _fetch(sql, [*params, *page_params, limit, offset]):
        row = dict(zip(COLUMNS, values, strict=True))
        if n is None:
            hits.append(row)
        else:
            found[row["kind"], row["body"], row["year"]] = n
    return found, hits


class RankedHits:
    """The chosen hits, best first, read from the database a slice at a time.

    Its length is known from the counts, and the first slice read with them;
    Paginator slices it for one page, so only that page's rows become Hits.
    """

    def __init__(
        self,
        query: str,
        narrowing: Narrowing,
        total: int,
        first: tuple[int, list[dict[str, Any]]] = (0, []),
    ) -> None:
        self.query = query
        self.narrowing = narrowing
        self.total = total
        self.first = first  # (offset, rows) already read

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __bool__(self) -> bool:
        return self.total > 0

    def __iter__(self) -> Iterator[Hit]:
        return iter(self[: self.total])

    def __getitem__(self, key: int | slice) -> Any:
        if isinstance(key, slice):
            start, stop, step = key.indices(self.total)
            if step != 1:
                raise ValueError("RankedHits is sliced without a step.")
            return self._slice(start, max(stop - start, 0))
        index = key + self.total if key < 0 else key
        if not 0 <= index < self.total:
            raise IndexError(key)
        return self._slice(index, 1)[0]

    def _slice(self, offset: int, limit: int) -> list[Hit]:
        if limit == 0:
            return []
        first_offset, first_rows = self.first
        if offset == first_offset and limit <= len(first_rows):
            rows = first_rows[:limit]
        else:
            _, rows = _read(self.query, self.narrowing, offset, limit, counts=False)
        return [self._hit(row) for row in rows]

    def _hit(self, row: dict[str, Any]) -> Hit:
        return Hit(
            kind=row["kind"],
            title=row["title"],
            body=row["body"],
            year=row["year"],
            rank=float(row["rank"]),
            source=row["source"],
            pk=row["pk"],
            row=row,
            query=self.query,
        )


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


def _facet(counts: Counter, position: int) -> Counter:
    facet: Counter = Counter()
    for key, n in counts.items():
        if key[position] is not None:
            facet[key[position]] += n
    return facet


def _page_number(page: int | str | None) -> int:
    try:
        return max(int(page or 1), 1)
    except (TypeError, ValueError):
        return 1


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

    The facets count every match, whatever is chosen; `results.hits` are the
    chosen ones, best first, and `results.page` the requested page of them (the
    last one if it asks beyond), its texts read. Counts and page are one query;
    the texts another.
    """
    query = " ".join(query.split())[:200]
    results = Results(query=query, page=Paginator([], page_size).get_page(1))
    if not re.search(r"\w", query):
        return results
    narrowing = Narrowing(kind=kind, body=body, year=year)
    offset = (_page_number(page) - 1) * page_size
    counts, rows = _read(query, narrowing, offset, page_size, counts=True)
    results.facets = {
        "kind": sorted(_facet(counts, 0).items()),
        "body": sorted(_facet(counts, 1).items()),
        "year": sorted(_facet(counts, 2).items(), key=lambda item: -item[0]),
    }
    total = sum(n for key, n in counts.items() if narrowing.admits(*key))
    results.hits = RankedHits(query, narrowing, total, first=(offset, rows))
    results.page = Paginator(results.hits, page_size).get_page(page)
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
