"""The register's search document stored in its row on PostgreSQL (a column the database
generates from the title, text and rationale, read by `selectors.register.register_matches`):
a search then reads each row's words from the GIN index and rechecks them without stemming and
unaccenting every row again. SQLite keeps matching the columns themselves (`core.search`)."""

from django.db import migrations

from maillage.core.search import CONFIG, document_sql

TABLE = "decisions_decision"
COLUMN = "search_document"
INDEX = "decisions_decision_search_document"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    document = document_sql(['"title"', '"text"', '"rationale"'])
    assert f"'{CONFIG}'" in document
    schema_editor.execute(
        f'ALTER TABLE "{TABLE}" ADD COLUMN IF NOT EXISTS "{COLUMN}" tsvector '
        f"GENERATED ALWAYS AS ({document}) STORED"
    )
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "{TABLE}" USING gin ("{COLUMN}")'
    )
    # The index of the expression (migration 0004) is read no more.
    schema_editor.execute('DROP INDEX IF EXISTS "decisions_decision_search"')


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f'ALTER TABLE "{TABLE}" DROP COLUMN IF EXISTS "{COLUMN}"')
    document = document_sql(['"title"', '"text"', '"rationale"'])
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS "decisions_decision_search" ON "{TABLE}" USING gin ({document})'
    )


class Migration(migrations.Migration):

    dependencies = [
        ("decisions", "0006_nomination_recorder"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
