"""After `migrate`, a table SQLite rebuilt (and so left without planner statistics) is analysed again."""

import pytest
from django.db import connection

from units.models import Unit
from units.planner_statistics import analyse_rebuilt_tables, tables_without_statistics

pytestmark = pytest.mark.django_db


@pytest.fixture
def sqlite():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's own statistics table")


def _stat_rows(table):
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = %s", [table])
        return cursor.fetchone()[0]


def test_a_rebuilt_table_with_rows_gets_its_statistics_back(sqlite):
    Unit.objects.create(name="Xã Hạ Hòa", kind=Unit.Kind.COMMUNE)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        # What a migration that rebuilds the table leaves: its statistics gone, the others kept.
        cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'units_unit'")
    assert "units_unit" in tables_without_statistics(connection)
    analyse_rebuilt_tables(using="default")
    assert _stat_rows("units_unit") > 0
    assert "units_unit" not in tables_without_statistics(connection)


def test_an_empty_table_is_not_analysed_for_nothing(sqlite):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'units_unit'")
    Unit.objects.all().delete()
    assert "units_unit" not in tables_without_statistics(connection)


def test_a_database_never_analysed_is_left_as_it_is(sqlite):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone() is not None:
            cursor.execute("DROP TABLE sqlite_stat1")
    assert tables_without_statistics(connection) == []
