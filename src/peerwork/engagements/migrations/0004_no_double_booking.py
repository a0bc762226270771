"""On PostgreSQL, a peer's live bookings may never overlap: an exclusion constraint.

SQLite has no exclusion constraints; there the booking service serialises
writers by taking the database's write lock before it checks for overlaps.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE engagements_booking ADD CONSTRAINT booking_no_overlap
    EXCLUDE USING gist (peer_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
    WHERE (live);
"""
DROP = "ALTER TABLE engagements_booking DROP CONSTRAINT IF EXISTS booking_no_overlap;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("engagements", "0003_session_booking_session_session_ends_after_it_starts_and_more")]
    operations = [migrations.RunPython(forwards, backwards)]
