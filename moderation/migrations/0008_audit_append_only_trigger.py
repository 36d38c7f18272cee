"""On PostgreSQL the audit table itself refuses UPDATE and DELETE (docs/design.md, invariant 8).

The model and its queryset already refuse; the trigger also stops raw SQL,
a shell, or a future bug. Row-level triggers do not see TRUNCATE, which
Django's test flushes use. SQLite has no equivalent that spares its flushes
(they DELETE), so the embedded default keeps the application's guard only.
"""
from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION moderation_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The audit log is append-only: % refused on moderation_auditentry', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER moderation_auditentry_append_only
    BEFORE UPDATE OR DELETE ON moderation_auditentry
    FOR EACH ROW EXECUTE FUNCTION moderation_audit_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS moderation_auditentry_append_only ON moderation_auditentry;
DROP FUNCTION IF EXISTS moderation_audit_append_only();
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("moderation", "0007_room_messages_moved")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
