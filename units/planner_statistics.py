"""SQLite's query planner statistics kept whole across `migrate`.

SQLite cannot alter most columns in place, so a migration that adds a foreign key or a constraint
rebuilds the table: the new table starts without rows in ``sqlite_stat1`` while every other table keeps
its own. With statistics for some tables and none for a rebuilt one, the planner misjudges the rebuilt
table (a million-row table looks empty) and can turn a 2 ms index lookup into a 400 ms scan. After each
`migrate`, the tables that hold rows but lost their statistics are analysed again. A database never
analysed (no ``sqlite_stat1``) is left as it is: the planner then treats every table alike. PostgreSQL
keeps its statistics through ALTER TABLE and runs autovacuum's ANALYZE itself.
"""

from django.db import connections


def tables_without_statistics(connection) -> list[str]:
    """Tables with rows and indexes but no line in sqlite_stat1, on an analysed SQLite database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'")
        if cursor.fetchone() is None:
            return []
        cursor.execute(
            "SELECT name FROM sqlite_master m WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND EXISTS (SELECT 1 FROM sqlite_master i WHERE i.type = 'index' AND i.tbl_name = m.name) "
            "AND NOT EXISTS (SELECT 1 FROM sqlite_stat1 s WHERE s.tbl = m.name) ORDER BY name")
        found = []
        for (name,) in cursor.fetchall():
            with connection.cursor() as rows:
                # A name read from sqlite_master, quoted as an identifier.
                rows.execute(f"SELECT EXISTS (SELECT 1 FROM {connection.ops.quote_name(name)})")  # nosec B608
                if rows.fetchone()[0]:
                    found.append(name)
        return found


def analyse_rebuilt_tables(using="default", **kwargs):
    """post_migrate: ANALYZE each table that lost its statistics (SQLite only)."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    tables = tables_without_statistics(connection)
    with connection.cursor() as cursor:
        for name in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(name)}")  # nosec B608: a table's own name
