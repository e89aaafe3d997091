"""Locked means locked, in the database too (PostgreSQL only).

A protokoll that is justerat or publicerat rejects every UPDATE and DELETE except
the step justerat → publicerat and setting published_at; its paragraphs, action
items and justeringar reject UPDATE and DELETE. SQLite has no such triggers here:
the services and the admin refuse there as everywhere.
"""

from django.db import migrations

LOCKED = "('justerat', 'publicerat')"

CREATE = f"""
CREATE OR REPLACE FUNCTION meetings_protocol_locked_guard() RETURNS trigger AS $$
BEGIN
    IF OLD.state IN {LOCKED} THEN
        IF TG_OP = 'DELETE' THEN
            RAISE EXCEPTION 'Protokoll % är justerat och kan inte tas bort', OLD.id
                USING ERRCODE = 'check_violation';
        END IF;
        IF (to_jsonb(NEW) - 'state' - 'published_at')
                IS DISTINCT FROM (to_jsonb(OLD) - 'state' - 'published_at')
            OR NOT (NEW.state = OLD.state
                    OR (OLD.state = 'justerat' AND NEW.state = 'publicerat')) THEN
            RAISE EXCEPTION 'Protokoll % är justerat och kan inte ändras', OLD.id
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION meetings_protocol_is_locked(protocol bigint)
RETURNS boolean AS $$
    SELECT EXISTS (
        SELECT 1 FROM meetings_protocol WHERE id = protocol AND state IN {LOCKED}
    );
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION meetings_protocol_child_guard() RETURNS trigger AS $$
DECLARE
    protocol bigint;
BEGIN
    IF TG_TABLE_NAME = 'meetings_actionitem' THEN
        SELECT protocol_id INTO protocol FROM meetings_paragraph
            WHERE id = OLD.paragraph_id;
    ELSE
        protocol := OLD.protocol_id;
    END IF;
    IF meetings_protocol_is_locked(protocol) THEN
        RAISE EXCEPTION '% i justerat protokoll % kan inte ändras', TG_TABLE_NAME,
            protocol USING ERRCODE = 'check_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER meetings_protocol_locked
    BEFORE UPDATE OR DELETE ON meetings_protocol
    FOR EACH ROW EXECUTE FUNCTION meetings_protocol_locked_guard();
CREATE TRIGGER meetings_paragraph_locked
    BEFORE UPDATE OR DELETE ON meetings_paragraph
    FOR EACH ROW EXECUTE FUNCTION meetings_protocol_child_guard();
CREATE TRIGGER meetings_actionitem_locked
    BEFORE UPDATE OR DELETE ON meetings_actionitem
    FOR EACH ROW EXECUTE FUNCTION meetings_protocol_child_guard();
CREATE TRIGGER meetings_justering_locked
    BEFORE UPDATE OR DELETE ON meetings_justering
    FOR EACH ROW EXECUTE FUNCTION meetings_protocol_child_guard();
"""

DROP = """
DROP TRIGGER IF EXISTS meetings_justering_locked ON meetings_justering;
DROP TRIGGER IF EXISTS meetings_actionitem_locked ON meetings_actionitem;
DROP TRIGGER IF EXISTS meetings_paragraph_locked ON meetings_paragraph;
DROP TRIGGER IF EXISTS meetings_protocol_locked ON meetings_protocol;
DROP FUNCTION IF EXISTS meetings_protocol_child_guard();
DROP FUNCTION IF EXISTS meetings_protocol_is_locked(bigint);
DROP FUNCTION IF EXISTS meetings_protocol_locked_guard();
"""


def _run(schema_editor, sql):
    # No parameters: the functions' RAISE messages contain literal "%".
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(sql)


def create(apps, schema_editor):
    _run(schema_editor, CREATE)


def drop(apps, schema_editor):
    _run(schema_editor, DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_notice_dispatch_changes_calendar_tokens"),
    ]

    operations = [migrations.RunPython(create, drop)]
