"""The one query: every source's matches ranked together, counted and paged.

Each source's matches are plain values of COLUMNS (no long texts), joined as one
UNION ALL in a common table expression; from it one statement reads both the
number of every match by kind, body and year (the facets and the count of hits)
and the page of chosen hits, best first. So the matches are found and ranked
once, however many sources and facets there are.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connection
from django.db.models import CharField, F, FloatField, Func, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Concat

from council.portal.search import sqlite
from council.portal.search.sources import (
    COLUMNS,
    LINKS,
    SOURCES,
    STORED_VECTOR,
    is_postgresql,
)
from council.portal.search.stemming import stem, words

CONFIG = "swedish"

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


Groups = list[list[str]]


def query_groups(
    query: str, names: Mapping[str, Sequence[str]] | None = None
) -> Groups:
    """The query's words, each with its variants: every group must match, by any
    of its words. `names` gives other spellings of a name by the stem of one
    (`names.Names.spellings`), so "Lejgren" also finds "Lejegren".
    """
    groups = []
    for word in words(query):
        group = word_variants(word)
        for other in (names or {}).get(stem(word), ()):
            group += word_variants(other)
        groups.append(list(dict.fromkeys(group)))
    return groups


def has_words(groups: Groups) -> bool:
    """Whether anything is left to match once stop words are dropped."""
    return any(stem(word) for group in groups for word in group)


def stem_groups(groups: Groups) -> Groups:
    """The groups as stems, stop words dropped (as PostgreSQL's `swedish` does)."""
    stemmed = [list(dict.fromkeys(s for w in g if (s := stem(w)))) for g in groups]
    return [group for group in stemmed if group]


def tsquery_text(query: str | Groups) -> str:
    """A raw tsquery: every word must match, in any of its variants."""
    groups = query_groups(query) if isinstance(query, str) else query
    return " & ".join("(" + " | ".join(group) + ")" for group in groups)


def _tsquery(groups: Groups) -> SearchQuery:
    return SearchQuery(tsquery_text(groups), config=CONFIG, search_type="raw")


def _sqlite_condition(source, rows: QuerySet, groups: Groups) -> tuple[QuerySet, Any]:
    """SQLite: rows whose stems match, and their rank (see `sqlite`)."""
    stemmed = stem_groups(groups)
    if source.stored_vector:
        match = sqlite.match_text(stemmed)
        rows = rows.filter(pk__in=RawSQL(sqlite.matching_ids(rows.model), [match]))
        return rows, RawSQL(sqlite.rank(rows.model), [match], FloatField())
    # The few network pages are stemmed as they are searched.
    padded = Concat(
        Value(" "),
        Func(*source.text_fields, function=sqlite.FUNCTION, output_field=CharField()),
        Value(" "),
        output_field=CharField(),
    )
    rows = rows.annotate(search_stems_now=padded)
    for group in stemmed:
        either = Q()
        for word in group:
            either |= Q(search_stems_now__contains=f" {word} ")
        rows = rows.filter(either)
    return rows, Value(0.0, output_field=FloatField())


def matching(index: int, groups: Groups) -> QuerySet:
    """One source's matches as values of COLUMNS, ranked."""
    source = SOURCES[index]
    rows = source.rows()
    rank: Any
    if is_postgresql():
        search = _tsquery(groups)
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
        rows, rank = _sqlite_condition(source, rows, groups)
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


def _union(groups: Groups) -> tuple[str, list[Any]]:
    """Every source's matches as one UNION ALL with the columns COLUMNS."""
    outer = ", ".join(f"s_{name} AS {name}" for name in COLUMNS)
    parts, params = [], []
    for index in range(len(SOURCES)):
        sql, part_params = matching(index, groups).query.sql_with_params()
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
    sql, params = _union([[PLACEHOLDER]])
    if tsquery_text([[PLACEHOLDER]]) not in params:
        raise RuntimeError("The search has no tsquery.")
    return sql, tuple(params)


def union_sql(groups: Groups) -> tuple[str, list[Any]]:
    if not is_postgresql():  # the network source's SQL depends on the words
        return _union(groups)
    sql, template = _compiled_union(connection.vendor)
    placeholder, text = tsquery_text([[PLACEHOLDER]]), tsquery_text(groups)
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


def read(
    groups: Groups, narrowing: Narrowing, offset: int, limit: int, *, counts: bool
) -> tuple[Counter, list[dict[str, Any]]]:
    """One query: the chosen hits from `offset`, and if asked the number of every
    match by (kind, body, year). The matches are found and ranked once, in a
    common table expression both parts read.
    """
    union, params = union_sql(groups)
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
