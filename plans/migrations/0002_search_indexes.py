"""GIN indexes for full-text search (PostgreSQL only).

The expressions are exactly what council.search asks for
(SearchVector(..., config="swedish")), so PostgreSQL can use them.
"""

from django.db import migrations

INDEXES = {
    "plans_assignment_search": ("plans_assignment", ["title", "text"]),
    "plans_visionitem_search": ("plans_visionitem", ["title", "text"]),
    "plans_activity_search": ("plans_activity", ["title", "description", "follow_up"]),
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
    dependencies = [("plans", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
