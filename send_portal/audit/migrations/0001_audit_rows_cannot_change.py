"""Audit entries cannot be changed or deleted by the portal's database role (security notes C-34, ASVS 16.4.2).

On PostgreSQL a trigger on auditlog_logentry refuses:
- any DELETE (an insider cannot remove the trace of what they opened);
- any UPDATE that changes who, what or when (actor, record, action, timestamp, purpose...).

The one change allowed is redaction: clearing the copied field values (`changes`, `changes_text`,
`serialized_data`), which the retention job does once a child's record is deleted or anonymised, so the log keeps
that something happened, by whom and when, but no longer the child's details. INSERT is untouched. Deleting an
account that appears in the log is refused too (its entries would lose their actor): deactivate it instead.

Archiving old rows is a DBA's job, as the table's owner, in one transaction, after copying the rows out:

    BEGIN;
    \\copy (SELECT * FROM auditlog_logentry WHERE timestamp < '2020-01-01') TO 'audit-before-2020.csv' CSV HEADER
    ALTER TABLE auditlog_logentry DISABLE TRIGGER portal_audit_rows_cannot_change;
    DELETE FROM auditlog_logentry WHERE timestamp < '2020-01-01';
    ALTER TABLE auditlog_logentry ENABLE TRIGGER portal_audit_rows_cannot_change;
    COMMIT;

In production the portal must connect as a role that does not own the table (grant it SELECT and INSERT on
auditlog_logentry and USAGE on its sequence, nothing else), so it can neither disable the trigger nor TRUNCATE.
TRUNCATE is not blocked by a trigger here because the test suite's own database flush uses it.

SQLite (development and quick tests) has no such trigger: the migration does nothing there.
"""

from django.db import migrations

TABLE = "auditlog_logentry"
REDACTABLE = ("changes", "changes_text", "serialized_data")

CREATE = f"""
CREATE OR REPLACE FUNCTION portal_audit_rows_cannot_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'audit entries cannot be deleted (% row %)', TG_TABLE_NAME, OLD.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF (to_jsonb(NEW) - '{{{",".join(REDACTABLE)}}}'::text[]) IS DISTINCT FROM
       (to_jsonb(OLD) - '{{{",".join(REDACTABLE)}}}'::text[])
       OR (NEW.changes IS NOT NULL AND NEW.changes IS DISTINCT FROM OLD.changes)
       OR (NEW.changes_text <> '' AND NEW.changes_text IS DISTINCT FROM OLD.changes_text)
       OR (NEW.serialized_data IS NOT NULL AND NEW.serialized_data IS DISTINCT FROM OLD.serialized_data) THEN
        RAISE EXCEPTION 'audit entries cannot be changed, only have copied values cleared (% row %)',
            TG_TABLE_NAME, OLD.id USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
DROP TRIGGER IF EXISTS portal_audit_rows_cannot_change ON {TABLE};
CREATE TRIGGER portal_audit_rows_cannot_change BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION portal_audit_rows_cannot_change();
"""

DROP = f"""
DROP TRIGGER IF EXISTS portal_audit_rows_cannot_change ON {TABLE};
DROP FUNCTION IF EXISTS portal_audit_rows_cannot_change();
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            with schema_editor.connection.cursor() as cursor:
                cursor.execute(sql)  # no parameters: the % in RAISE messages are PL/pgSQL's, not placeholders
    return run


class Migration(migrations.Migration):
    dependencies = [("auditlog", "0017_add_actor_email")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP), elidable=False)]
