"""Trigram indexes for name search on PostgreSQL.

Names are searched through their folded key with LIKE '%…%'; on PostgreSQL a GIN trigram
index answers that without scanning the table. SQLite has no such index type; its scan of
the folded key is fast enough for the size of a unit tree and a province's people.
"""

from django.db import migrations

TABLES = [("units_unit", "units_unit_search_trgm"), ("units_person", "units_person_search_trgm")]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, index in TABLES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {index} ON {table} USING gin (search_key gin_trgm_ops)")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _table, index in TABLES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")


class Migration(migrations.Migration):
    dependencies = [("units", "0001_initial")]
    operations = [migrations.RunPython(create_indexes, drop_indexes)]
