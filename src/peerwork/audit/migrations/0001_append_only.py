"""The audit log refuses UPDATE and DELETE, on PostgreSQL, whoever asks (but for the
actor's account being deleted, which only empties the entries' actor).

SQLite (local use and most tests) has no such trigger here: nothing in peerwork edits
or deletes an entry, and the test marked `postgresql` checks the refusal.
"""

from django.db import migrations

TABLE = "auditlog_logentry"

CREATE = f"""
CREATE OR REPLACE FUNCTION peerwork_audit_append_only() RETURNS trigger AS $$
BEGIN
    -- Deleting an account sets its entries' actor to NULL (on_delete=SET_NULL): allowed,
    -- as the entry keeps the actor's email and nothing else changes.
    IF TG_OP = 'UPDATE' AND NEW.actor_id IS NULL AND OLD.actor_id IS NOT NULL
       AND (to_jsonb(NEW) - 'actor_id') = (to_jsonb(OLD) - 'actor_id') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'The audit log is append-only: % refused on %', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS peerwork_audit_append_only ON {TABLE};
CREATE TRIGGER peerwork_audit_append_only
    BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION peerwork_audit_append_only();
"""

DROP = f"""
DROP TRIGGER IF EXISTS peerwork_audit_append_only ON {TABLE};
DROP FUNCTION IF EXISTS peerwork_audit_append_only();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("auditlog", "0017_add_actor_email")]

    operations = [migrations.RunPython(create, drop)]
