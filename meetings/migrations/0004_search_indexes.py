"""GIN indexes for full-text search (PostgreSQL only).

The expressions are exactly what council.search asks for
(SearchVector(..., config="swedish")), so PostgreSQL can use them.
"""

from django.db import migrations

INDEXES = {
    "meetings_paragraph_search": (
        "meetings_paragraph",
        ["heading", "text", "outcome"],
    ),
    "meetings_agendaitem_search": ("meetings_agendaitem", ["title", "text"]),
}


def vector(columns: list[str]) -> str:
    parts = " || ' ' || ".join(f"COALESCE({column}, '')" for column in columns)
    return f"to_tsvector('swedish'::regconfig, {parts})"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (table, columns) in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({vector(columns)})"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("meetings", "0003_protocol_locked_trigger")]

    operations = [migrations.RunPython(create, drop)]
