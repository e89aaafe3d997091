"""The hits: ranked rows read a page at a time, their texts and marked snippets."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import F, Value
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from council.portal.search.names import NamedPerson, names
from council.portal.search.ranking import (
    Groups,
    Narrowing,
    has_words,
    query_groups,
    read,
    stem_groups,
)
from council.portal.search.sources import SOURCES, TEXT
from council.portal.search.stemming import stem, words
from council.text import id_or_none, markdown_to_text

SNIPPET_WORDS = 30
PAGE_SIZE = 20


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
    groups: Groups = field(repr=False, compare=False, default_factory=list)

    @property
    def url(self) -> str:
        return SOURCES[self.source].link(self.row)

    @property
    def snippet(self) -> SafeString:
        if TEXT not in self.row:
            load_texts([self])
        return _snippet(self.row[TEXT], self.groups)


@dataclass
class Results:
    query: str
    hits: RankedHits | list[Hit] = field(default_factory=list)
    facets: dict[str, list[tuple[Any, int]]] = field(default_factory=dict)
    page: Page | None = None
    people: list[NamedPerson] = field(default_factory=list)  # named by the query


class RankedHits:
    """The chosen hits, best first, read from the database a slice at a time.

    Its length is known from the counts, and the first slice read with them;
    Paginator slices it for one page, so only that page's rows become Hits.
    """

    def __init__(
        self,
        groups: Groups,
        narrowing: Narrowing,
        total: int,
        first: tuple[int, list[dict[str, Any]]] = (0, []),
    ) -> None:
        self.groups = groups
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
            _, rows = read(self.groups, self.narrowing, offset, limit, counts=False)
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
            groups=self.groups,
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


@functools.lru_cache(maxsize=64)
def _matcher(groups: tuple[tuple[str, ...], ...]) -> Callable[[str], bool]:
    """Whether a word of a text is marked for the query's groups: one of its words
    has the stem of a query word, or it contains one of the variants. The same
    for every snippet of a page, each word judged once."""
    variants = [word for group in groups for word in group if stem(word)]
    stems = {s for group in stem_groups([list(g) for g in groups]) for s in group}

    @functools.lru_cache(maxsize=4096)
    def matches(word: str) -> bool:
        folded = word.casefold()
        return any(v in folded for v in variants) or any(
            stem(part) in stems for part in words(folded)
        )

    return matches


def _snippet(text: str, groups: Groups) -> SafeString:
    """A window of the text around the first match, the matching words marked.

    Built here from the text (no headline query), the same on every database: the
    Markdown becomes plain text, every word is escaped, and a word is marked when
    one of its words has the stem of a query word or contains one of its variants.
    """
    text_words = markdown_to_text(text).split()
    matches = _matcher(tuple(tuple(group) for group in groups))
    first = next((i for i, word in enumerate(text_words) if matches(word)), 0)
    window = text_words[max(first - 8, 0) : first + SNIPPET_WORDS - 8]
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


# Beyond the last page the paginator shows the last one; a larger number asked
# for would only overflow the query's OFFSET.
MAX_PAGE = 100_000


def _page_number(page: int | str | None) -> int:
    number = id_or_none(str(page or 1))
    return min(max(number or 1, 1), MAX_PAGE)


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
    known = names()
    groups = query_groups(query, known.spellings)
    if not has_words(groups):  # only stop words, which no text is searched by
        return results
    results.people = known.named(stem_groups(groups))
    narrowing = Narrowing(kind=kind, body=body, year=year)
    offset = (_page_number(page) - 1) * page_size
    counts, rows = read(groups, narrowing, offset, page_size, counts=True)
    results.facets = {
        "kind": sorted(_facet(counts, 0).items()),
        "body": sorted(_facet(counts, 1).items()),
        "year": sorted(_facet(counts, 2).items(), key=lambda item: -item[0]),
    }
    total = sum(n for key, n in counts.items() if narrowing.admits(*key))
    results.hits = RankedHits(groups, narrowing, total, first=(offset, rows))
    results.page = Paginator(results.hits, page_size).get_page(page)
    load_texts(list(results.page.object_list))
    return results
