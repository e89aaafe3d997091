"""Stored search vectors for paragraphs and agenda items (PostgreSQL).

council.search ranks every match; computing `to_tsvector` for each matching row
made a search take half a second on ten years of protokoll. Each row now keeps
its vector in `search_vector`, set by a trigger on insert and update, with a GIN
index on it; the expression indexes of 0004 are replaced. SQLite leaves the
column empty: it searches with a plain match.
"""

import django.contrib.postgres.search
from django.db import migrations

SEARCHED = {
    "meetings_paragraph": ["heading", "text", "outcome"],
    "meetings_agendaitem": ["title", "text"],
}
# The guard of 0003 refuses every UPDATE of a justerat protokoll's paragraphs;
# the backfill only fills the new column, so the guard is off while it runs.
GUARDS = {"meetings_paragraph": "meetings_paragraph_locked"}


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
        guard = GUARDS.get(table)
        if guard:
            _run(schema_editor, f"ALTER TABLE {table} DISABLE TRIGGER {guard}")
        _run(schema_editor, f"UPDATE {table} SET search_vector = {document(columns)}")
        if guard:
            _run(schema_editor, f"ALTER TABLE {table} ENABLE TRIGGER {guard}")
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
        ("meetings", "0005_signed_documents"),
    ]

    operations = [
        migrations.AddField(
            model_name="agendaitem",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                blank=True, editable=False, null=True
            ),
        ),
        migrations.AddField(
            model_name="historicalagendaitem",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                blank=True, editable=False, null=True
            ),
        ),
        migrations.AddField(
            model_name="historicalparagraph",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                blank=True, editable=False, null=True
            ),
        ),
        migrations.AddField(
            model_name="paragraph",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                blank=True, editable=False, null=True
            ),
        ),
        migrations.RunPython(create, drop),
    ]
