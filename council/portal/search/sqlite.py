"""The search index of the embedded default: SQLite FTS5 over Swedish stems.

PostgreSQL keeps a `search_vector` per row (a trigger fills it with the `swedish`
configuration). SQLite has no Swedish stemmer, so the portal gives it one: every
SQLite connection has the function `swedish_stems(...)` (`stemming.stems`), and
each searched table has an FTS5 table `<table>_fts` of the stems of its row's
texts, under the row's id, kept by triggers on insert, update and delete. The
query's words are stemmed the same way, so both databases compare the same stems
and find the same rows.

The index is derived, not migrated: `ensure_index` (after every `migrate`) makes
the FTS tables and triggers that are missing and fills them from the rows. A
table that a migration rebuilds loses its triggers in SQLite; the next `migrate`
makes them again and rebuilds that index. Writes to a searched table need the
function, which only the portal's connections have: change these tables through
the portal, not an outside `sqlite3` shell.
"""

from __future__ import annotations

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model

from council.portal.search.stemming import stems

FUNCTION = "swedish_stems"
# Part of the triggers' names: a new version (another stemming) rebuilds the index.
VERSION = 1
TOKENIZER = "unicode61 remove_diacritics 0"


def register_function(sender=None, connection: BaseDatabaseWrapper = None, **kwargs):
    """connection_created: give an SQLite connection `swedish_stems`."""
    if connection is not None and connection.vendor == "sqlite":
        connection.connection.create_function(FUNCTION, -1, stems, deterministic=True)


def register_open_connections() -> None:
    for connection in connections.all(initialized_only=True):
        if connection.connection is not None:
            register_function(connection=connection)


def fts_table(model: type[Model]) -> str:
    return f"{model._meta.db_table}_fts"


def indexed() -> list[tuple[type[Model], list[str]]]:
    """Each searched model with a stored vector, and the columns of its text."""
    from council.portal.search.sources import SOURCES

    found: dict[type[Model], list[str]] = {}
    for source in SOURCES:
        if source.stored_vector:
            model = source.rows().model
            found[model] = [model._meta.get_field(f).column for f in source.text_fields]
    return list(found.items())


def _triggers(table: str, fts: str, pk: str, columns: list[str]) -> dict[str, str]:
    name = f"{fts}_v{VERSION}"
    text = f"{FUNCTION}({', '.join(f'new.{c}' for c in columns)})"
    add = f"INSERT INTO {fts}(rowid, stems) VALUES (new.{pk}, {text});"
    remove = f"DELETE FROM {fts} WHERE rowid = old.{pk};"
    return {
        f"{name}_insert": f"AFTER INSERT ON {table} BEGIN {add} END",
        f"{name}_update": (
            f"AFTER UPDATE OF {pk}, {', '.join(columns)} ON {table} "
            f"BEGIN {remove} {add} END"
        ),
        f"{name}_delete": f"AFTER DELETE ON {table} BEGIN {remove} END",
    }


def ensure_index(using: str = "default") -> list[str]:
    """Make what is missing of the FTS index; return the tables (re)indexed."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return []
    connection.ensure_connection()
    register_function(connection=connection)
    existing = set(connection.introspection.table_names())
    rebuilt = []
    with connection.cursor() as cursor:
        for model, columns in indexed():
            table, fts, pk = model._meta.db_table, fts_table(model), model._meta.pk
            if table not in existing:
                continue
            triggers = _triggers(table, fts, pk.column, columns)
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name = %s AND name LIKE %s",
                [table, f"{fts}%"],
            )
            present = {name for (name,) in cursor.fetchall()}
            if fts in existing and present == set(triggers):
                continue
            for name in present:
                cursor.execute(f"DROP TRIGGER {name}")
            cursor.execute(f"DROP TABLE IF EXISTS {fts}")
            cursor.execute(
                f"CREATE VIRTUAL TABLE {fts} USING fts5(stems, tokenize = "
                f"'{TOKENIZER}')"
            )
            for name, body in triggers.items():
                cursor.execute(f"CREATE TRIGGER {name} {body}")
            cursor.execute(
                f"INSERT INTO {fts}(rowid, stems) SELECT {pk.column}, "
                f"{FUNCTION}({', '.join(columns)}) FROM {table}"
            )
            rebuilt.append(table)
    return rebuilt


def after_migrate(sender, using: str = "default", **kwargs) -> None:
    """post_migrate of the portal app."""
    ensure_index(using)


def match_text(stem_groups: list[list[str]]) -> str:
    """An FTS5 query: every group matches, by any of its stems."""
    return " AND ".join(
        "(" + " OR ".join(f'"{s}"' for s in group) + ")" for group in stem_groups
    )


def matching_ids(model: type[Model]) -> str:
    """SQL of the ids of `model` whose stems match the one parameter."""
    fts = fts_table(model)
    return f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s"


def rank(model: type[Model]) -> str:
    """SQL of a row's rank (higher is better) for the one parameter, by BM25."""
    fts, table = fts_table(model), model._meta.db_table
    return (
        f"(SELECT -bm25({fts}) FROM {fts} WHERE {fts} MATCH %s "
        f"AND rowid = {table}.{model._meta.pk.column})"
    )
