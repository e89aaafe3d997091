"""Stored search vectors for the entries of annual plans (PostgreSQL).

council.search ranks every match on a stored `search_vector`, set by a trigger
on insert and update, with a GIN index on it; the expression indexes of 0002 are
replaced. SQLite leaves the column empty: it searches with a plain match.
"""

import django.contrib.postgres.search
from django.db import migrations

SEARCHED = {
    "plans_assignment": ["title", "text"],
    "plans_visionitem": ["title", "text"],
    "plans_activity": ["title", "description", "follow_up"],
}


def document(columns: list[str], row: str = "") -> str:
    prefix = f"{row}." if row else ""
    parts = " || ' ' || ".join(f"COALESCE({prefix}{c}, '')" for c in columns)
    return f"to_tsvector('swedish'::regconfig, {parts})"


def _run(schema_editor, sql: str) -> None:
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(sql)


def create(apps, schema_editor):
    for table, columns in SEARCHED.items():
        _run(schema_editor, f"UPDATE {table} SET search_vector = {document(columns)}")
        _run(
            schema_editor,
            f"""
            CREATE OR REPLACE FUNCTION {table}_search_vector() RETURNS trigger AS $$
            BEGIN
                NEW.search_vector := {document(columns, "NEW")};
                RETURN NEW;
            END;
            $$ LANGUAGE plpgsql;
            CREATE TRIGGER {table}_search_vector
                BEFORE INSERT OR UPDATE ON {table}
                FOR EACH ROW EXECUTE FUNCTION {table}_search_vector();
            DROP INDEX IF EXISTS {table}_search;
            CREATE INDEX {table}_search ON {table} USING gin (search_vector);
            """,
        )


def drop(apps, schema_editor):
    for table, columns in SEARCHED.items():
        _run(
            schema_editor,
            f"""
            DROP TRIGGER IF EXISTS {table}_search_vector ON {table};
            DROP FUNCTION IF EXISTS {table}_search_vector();
            DROP INDEX IF EXISTS {table}_search;
            CREATE INDEX {table}_search ON {table} USING gin ({document(columns)});
            """,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0002_search_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="activity",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                blank=True, editable=False, null=True
            ),
        ),
        migrations.AddField(
            model_name="assignment",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                blank=True, editable=False, null=True
            ),
        ),
        migrations.AddField(
            model_name="historicalactivity",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                blank=True, editable=False, null=True
            ),
        ),
        migrations.AddField(
            model_name="historicalassignment",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                blank=True, editable=False, null=True
            ),
        ),
        migrations.AddField(
            model_name="historicalvisionitem",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                blank=True, editable=False, null=True
            ),
        ),
        migrations.AddField(
            model_name="visionitem",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                blank=True, editable=False, null=True
            ),
        ),
        migrations.RunPython(create, drop),
    ]
