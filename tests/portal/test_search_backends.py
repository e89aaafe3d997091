"""The embedded default's search index (SQLite FTS5 over Swedish stems) and its
agreement with PostgreSQL's `swedish` configuration."""

import pytest
from django.db import connection

from council.models import Person
from council.portal.search import search
from council.portal.search.names import names, spelling_parts
from council.portal.search.ranking import query_groups, stem_groups
from council.portal.search.sqlite import ensure_index, fts_table
from council.portal.search.stemming import STOP_WORDS, stem, stems, words
from meetings.models import Paragraph, Protocol
from tests import factories

pytestmark = pytest.mark.django_db

on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the FTS5 index is SQLite's"
)
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="compares with PostgreSQL's stemmer"
)


def titles(query: str) -> list[str]:
    return [hit.title for hit in search(query).hits]


def test_words_are_folded_and_stop_words_dropped():
    assert words("FÖRSLAG på Överenskommelse") == ["förslag", "på", "överenskommelse"]
    assert stems("Förslaget och handlingsplaner") == "förslaget handlingsplan"
    assert stem("och") == "" and "och" in STOP_WORDS


def test_a_query_of_stop_words_finds_nothing(demo_data):
    assert titles("och att det") == []


def test_name_spellings_pair_the_parts_that_differ():
    assert spelling_parts(["Irén Lejegren", "Irén Lejgren"]) == {
        "lejegren": {"lejgren"},
        "lejgren": {"lejegren"},
    }
    # An initial is no spelling; a changed surname pairs with the other.
    assert spelling_parts(["Anita Thorsberg Ladinek", "Anita T Ladinek"]) == {}
    assert spelling_parts(["Anita Thorsberg Ladinek", "Anita Thorsberg"]) == {}
    assert spelling_parts(["Ingemar Ångman", "Ingmar Ångman", "I. Angman"])[
        "ingemar"
    ] == {"ingmar", "ångman", "angman"}


def test_a_query_word_tries_the_other_spellings(db):
    factories.PersonFactory(name="Irén Lejegren", aliases=["Irén Lejgren"])
    groups = query_groups("Lejgrens förslag", names().spellings)
    assert "lejegren" in groups[0]
    assert stem_groups(groups)[1] == ["förslag"]


@on_sqlite  # PostgreSQL: test_search.py::test_vectors_follow_every_change…
def test_the_index_follows_every_write(db):
    """Insert, save, queryset update, bulk create and delete: the search follows."""
    protocol = factories.ProtocolFactory(state=Protocol.State.PUBLISHED)
    paragraph = factories.ParagraphFactory(
        protocol=protocol, order=1, heading="Samråd", text="Om lärlingar."
    )
    assert titles("lärlingarna") == ["Samråd"]
    paragraph.text = "Om yrkeshögskola."
    paragraph.save()
    assert titles("lärlingarna") == [] and titles("YRKESHÖGSKOLAN") == ["Samråd"]
    Paragraph.objects.filter(pk=paragraph.pk).update(outcome="Beslut om praktik.")
    assert titles("praktiken") == ["Samråd"]
    Paragraph.objects.bulk_create(
        [Paragraph(protocol=protocol, order=2, heading="Praktik i kommunerna")]
    )
    assert sorted(titles("praktik")) == ["Praktik i kommunerna", "Samråd"]
    paragraph.delete()
    assert titles("praktik") == ["Praktik i kommunerna"]


@on_sqlite
def test_a_lost_index_is_made_again_after_migrate(db):
    """A table rebuilt by a migration loses its triggers; ensure_index (after every
    migrate) makes them again and fills the index from the rows."""
    protocol = factories.ProtocolFactory(state=Protocol.State.PUBLISHED)
    factories.ParagraphFactory(protocol=protocol, order=1, heading="Lärcentrum")
    table = Paragraph._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
            [table],
        )
        for (name,) in cursor.fetchall():
            if name.startswith(fts_table(Paragraph)):
                cursor.execute(f"DROP TRIGGER {name}")
        cursor.execute(f"DELETE FROM {fts_table(Paragraph)}")
    assert titles("lärcentrum") == []
    assert table in ensure_index()
    assert titles("lärcentrum") == ["Lärcentrum"]
    assert ensure_index() == []  # nothing missing: nothing rebuilt


@on_postgresql
def test_the_stemmer_is_postgresqls(demo_data):
    """Every word of the demo texts has the stem PostgreSQL's `swedish` gives it."""
    text = " ".join(
        f"{p.heading} {p.text} {p.outcome}" for p in Paragraph.objects.all()
    )
    vocabulary = sorted(set(words(text)))
    assert len(vocabulary) > 300
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT w, coalesce(array_to_string(ts_lexize('swedish_stem', w), ''), '') "
            "FROM unnest(%s::text[]) AS w",
            [vocabulary],
        )
        theirs = dict(cursor.fetchall())
    differing = {w: (stem(w), theirs[w]) for w in vocabulary if stem(w) != theirs[w]}
    assert differing == {}


@on_postgresql
def test_the_stop_words_are_postgresqls(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT w FROM unnest(%s::text[]) AS w "
            "WHERE to_tsvector('swedish', w) <> ''::tsvector",
            [sorted(STOP_WORDS)],
        )
        assert cursor.fetchall() == []
        cursor.execute("SELECT to_tsvector('swedish', 'förslag kommun')::text")
        assert cursor.fetchone()[0] != ""


def test_a_person_without_aliases_lends_no_spelling(db):
    Person.objects.create(name="Eva Sund")
    assert names().spellings == {}
