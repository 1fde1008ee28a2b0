"""Writing millions of rows fast: tuples straight to the database, ids chosen here.

The model layer would build an object per row and read its ids back; for a dataset of millions of rows
that costs more than the database's own work. Here each table's rows are plain tuples in a known column
order, with the ids the dataset gives them (so rows of one table can point at rows of another before
either is written), and every other column gets its field's default. SQLite takes them through
``executemany`` in one transaction; PostgreSQL through ``COPY … FROM STDIN`` (psycopg 3), after which
the table's identity sequence is moved past the highest id.
"""

import datetime
import json
from collections.abc import Iterable

from django.db import connection, models
from django.utils import timezone

BATCH = 20_000
NOW = timezone.now().replace(microsecond=0)


def _default(field):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return NOW
    if field.has_default():
        if field.unique:
            raise ValueError(f"{field.model.__name__}.{field.name}: a unique column is given, not defaulted")
        return field.get_default()
    if field.null:
        return None
    if isinstance(field, models.CharField | models.TextField | models.FileField):
        return ""
    raise ValueError(f"{field.model.__name__}.{field.name} has no default: give it")


def _json(value):
    return json.dumps(value, ensure_ascii=False)


def _sqlite_moment(value):
    # As Django's SQLite backend stores a moment: UTC, without an offset.
    return value.astimezone(datetime.UTC).replace(tzinfo=None).isoformat(" ") if value is not None else None


def _sqlite_day(value):
    return value.isoformat() if value is not None else None


def _converter(field):
    """How a column's Python value becomes what the database's bulk path takes (None: as it is)."""
    if isinstance(field, models.JSONField):
        return _json
    if connection.vendor == "postgresql":
        return None  # psycopg adapts dates, moments and booleans itself
    if isinstance(field, models.DateTimeField):
        return _sqlite_moment
    if isinstance(field, models.DateField):
        return _sqlite_day
    return None


class Table:
    """The rows of one model's table: ``columns`` (attnames, ``id`` among them) given, the rest defaulted."""

    def __init__(self, model, columns: list[str]):
        meta = model._meta
        by_attname = {field.attname: field for field in meta.concrete_fields}
        unknown = [name for name in columns if name not in by_attname]
        if unknown:
            raise ValueError(f"{model.__name__} has no column {unknown}")
        rest = [field for field in meta.concrete_fields if field.attname not in columns]
        self.model, self.table = model, meta.db_table
        self.columns = [by_attname[name].column for name in columns] + [field.column for field in rest]
        self.tail = tuple(_default(field) for field in rest)
        fields = [by_attname[name] for name in columns] + rest
        # Only the columns that need it are converted: most values go to the driver as they are.
        self.converters = [(index, convert) for index, field in enumerate(fields)
                           if (convert := _converter(field)) is not None]
        self.written = 0

    def write(self, rows: Iterable[tuple]) -> int:
        """Write ``rows`` (tuples in the order of the given columns); returns how many."""
        batch, count = [], 0
        for row in rows:
            batch.append(row + self.tail)
            if len(batch) >= BATCH:
                self._flush(batch)
                count += len(batch)
                batch = []
        if batch:
            self._flush(batch)
            count += len(batch)
        self.written += count
        return count

    def _flush(self, batch):
        if self.converters:
            batch = [self._converted(row) for row in batch]
        columns = ", ".join(connection.ops.quote_name(column) for column in self.columns)
        if connection.vendor == "postgresql":
            connection.ensure_connection()
            with connection.connection.cursor() as cursor, cursor.copy(
                    f"COPY {connection.ops.quote_name(self.table)} ({columns}) FROM STDIN") as copy:
                for row in batch:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(self.columns))
        with connection.cursor() as cursor:
            # The table and columns are the models' own, quoted; the values go as parameters.
            sql = f"INSERT INTO {connection.ops.quote_name(self.table)} ({columns}) VALUES ({marks})"  # nosec B608
            cursor.executemany(sql, batch)

    def _converted(self, row):
        row = list(row)
        for index, convert in self.converters:
            row[index] = convert(row[index])
        return row


def next_id(model) -> int:
    """The first id free after the table's highest."""
    highest = model.objects.aggregate(top=models.Max("pk"))["top"]
    return (highest or 0) + 1


def move_sequences(*model_classes) -> None:
    """After rows were written with their ids: the next id the database gives is past the highest (PostgreSQL)."""
    if connection.vendor != "postgresql":
        return  # SQLite's AUTOINCREMENT follows the highest id written by itself
    with connection.cursor() as cursor:
        for model in model_classes:
            table = model._meta.db_table
            cursor.execute(f"SELECT setval(pg_get_serial_sequence(%s, 'id'), "  # nosec B608: a model's table
                           f"COALESCE((SELECT MAX(id) FROM {connection.ops.quote_name(table)}), 1))", [table])


def analyze() -> None:
    """Fresh planner statistics, as a live database's autovacuum (PostgreSQL) or ``optimize`` (SQLite) keeps them."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def vacuum() -> None:
    """On PostgreSQL, the visibility map that index-only scans need, as autovacuum writes it on a live database
    (outside any transaction: VACUUM refuses to run inside one). Without it a subtree's people are read from the
    table, not the index, and every figure is measured slower than the portal would run."""
    # Inside a transaction (a test's) there is nothing for it to do that ANALYZE has not done.
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


# The record of what was built: a table of its own, outside the portal's models (it belongs to the benchmark's
# database only), one row per dataset name with its parameters and how long each step took.
MARKER_TABLE = "benchmark_national_dataset"


def _ensure_marker_table():
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} (name varchar(40) PRIMARY KEY, "
                       "parameters text NOT NULL, report text NOT NULL)")


def read_marker(name: str) -> tuple[dict, dict] | None:
    """(parameters, report) of the dataset built under ``name``, or None."""
    _ensure_marker_table()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT parameters, report FROM {MARKER_TABLE} WHERE name = %s", [name])  # nosec B608
        row = cursor.fetchone()
    return (json.loads(row[0]), json.loads(row[1])) if row else None


def write_marker(name: str, parameters: dict, report: dict) -> None:
    _ensure_marker_table()
    with connection.cursor() as cursor:
        # MARKER_TABLE is this module's constant; the values go as parameters.
        cursor.execute(f"DELETE FROM {MARKER_TABLE} WHERE name = %s", [name])  # nosec B608
        cursor.execute(f"INSERT INTO {MARKER_TABLE} (name, parameters, report) VALUES (%s, %s, %s)",  # nosec B608
                       [name, json.dumps(parameters, sort_keys=True), json.dumps(report, sort_keys=True)])
