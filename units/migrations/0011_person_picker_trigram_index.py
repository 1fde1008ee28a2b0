"""A trigram index for the person picker on PostgreSQL.

The picker matches each typed word at the start of a word of the name: ``' ' || search_key LIKE '% le% minh%'``
(units.models.people.PersonQuerySet.pick). The trigram index of 0002 covers ``search_key`` itself, not that
expression, so PostgreSQL scanned every person for each keystroke (42 ms at 100,000 people in the national
benchmark, growing with the table); over the same expression the index answers in a few milliseconds. The
expression is written as Django writes the query's (``Concat`` wraps the column in COALESCE), so the planner
matches them. SQLite has no trigram index; nothing changes there.
"""

from django.db import migrations

INDEX = "units_person_words_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON units_person "
                          "USING gin ((' ' || COALESCE(search_key, '')) gin_trgm_ops)")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("units", "0010_user_must_change_password")]
    operations = [migrations.RunPython(create_index, drop_index)]
