"""One suite of queries for both databases: the same hits on SQLite and on
PostgreSQL, and the precision and recall of the judged set (search_judgements)."""

import pytest
from django.db import connection

from council.portal.search import search
from tests.portal.search_judgements import JUDGED, P6, P7, P8, P10, both, relevant

pytestmark = pytest.mark.django_db

# Each query with every hit it must give, no more: the words as typed by a reader
# (plural, capitals, definite form, another spelling of a name).
SHARED = {
    "handlingsplaner": both(P8)
    | both(P10)
    | {("Verksamhetsplan", "Organisatorisk översyn av överenskommelser")},
    "handlingsplan": both(P8)
    | both(P10)
    | {("Verksamhetsplan", "Organisatorisk översyn av överenskommelser")},
    "FÖRSLAG": both(P6)
    | both(P7)
    | {("Protokoll", P8), ("Protokoll", "Besök från Komtek")},
    "förslaget": both(P6)
    | both(P7)
    | {("Protokoll", P8), ("Protokoll", "Besök från Komtek")},
    "yrkesmässan": both("Information om Yrkesmässa"),
    "Yrkesmässa": both("Information om Yrkesmässa"),
    "Lejgren": {("Protokoll", "Mötet öppnas")},
    "Lejegren": {("Protokoll", "Mötet öppnas")},
    "Ingemar Ångman": {("Protokoll", P6), ("Protokoll", P7)},
    "Ingmar Ångman": {("Protokoll", P6), ("Protokoll", P7)},
    "KOMMUNERNA lägesrunda": both("Lägesrunda från kommunerna"),
    "och att": set(),  # stop words only
}


def found(query: str) -> set[tuple[str, str]]:
    return {(hit.kind, hit.title) for hit in search(query, page_size=100).hits}


def matches(hits: set[tuple[str, str]], expected: set[tuple[str, str]]) -> bool:
    """Every hit is one expected text (by its title's beginning), and every
    expected text is hit."""
    return len(hits) == len(expected) and all(
        any(kind == k and title.startswith(t) for kind, title in hits)
        for k, t in expected
    )


def test_the_same_queries_find_the_same_texts_on_every_database(demo_data):
    """Stemming, case folding, definite forms and name spellings, on this database."""
    wrong = {
        query: sorted(found(query))
        for query, expected in SHARED.items()
        if not matches(found(query), expected)
    }
    assert wrong == {}, connection.vendor


def test_an_alias_finds_the_person_and_what_names_them(demo_data):
    """'Lejgren' lists Irén Lejegren with her page; both spellings of Ångman find
    both paragraphs, and the page shows the other spelling."""
    results = search("Lejgren")
    assert [(p.name, p.other_spellings) for p in results.people] == [
        ("Irén Lejegren", ("Irén Lejgren",))
    ]
    assert results.people[0].url.startswith("/personer/")
    assert search("Ingemar Ångman").people == []  # a guest, with no seat
    assert [p.name for p in search("Oskar").people] == ["Oscar Svärd"]


def test_snippets_mark_the_stemmed_word(demo_data):
    """The snippet marks 'handlingsplan' for 'handlingsplaner', on both databases."""
    hit = next(h for h in search("handlingsplaner").hits if h.kind == "Protokoll")
    assert "<mark>" in hit.snippet
    assert "handlingsplan" in str(hit.snippet).casefold()


def quality() -> tuple[float, float, float]:
    """Mean precision at 5, the same of what is possible, and recall at 20."""
    precision, possible, recall = [], [], []
    for query, judged in JUDGED.items():
        hits = list(search(query, page_size=20).page.object_list)
        top = sum(1 for hit in hits[:5] if relevant(hit, query))
        precision.append(top / 5)
        possible.append(top / min(5, len(judged)))
        recall.append(len({relevant(h, query) for h in hits} - {None}) / len(judged))
    n = len(JUDGED)
    return sum(precision) / n, sum(possible) / n, sum(recall) / n


def test_precision_and_recall_of_the_judged_queries(demo_data, capsys):
    """The README's figures: P@5, P@5 of the possible, R@20 over 20 judged queries."""
    assert len(JUDGED) == 20
    p5, p5_possible, r20 = quality()
    with capsys.disabled():
        print(
            f"\nsearch quality on {connection.vendor}: P@5 {p5:.2f}, "
            f"P@5 of the possible {p5_possible:.2f}, R@20 {r20:.2f}"
        )
    assert p5_possible >= 0.95
    assert r20 >= 0.95
