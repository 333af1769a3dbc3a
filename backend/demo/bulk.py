"""Fast inserts for seeding: plain tuples instead of model instances, COPY on PostgreSQL.

`bulk_create` spends most of its time building and preparing model instances (about 15 s per
2,000 products with their ~35,000 related rows); a hundred thousand products must load in
minutes. Ids are taken from the table's sequence up front, so rows can point at each other
before they are written. Values not given take the field's default, computed once per table.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import NOT_PROVIDED, Model


class TableWriter:
    """Rows for one model's table. `row(**values)` takes attnames (`product_id`, not `product`);
    the primary key is written only by writers made `with_ids` (the database numbers the rest)."""

    def __init__(self, model: type[Model], now: datetime, *, with_ids: bool = False) -> None:
        self.model = model
        self.table = model._meta.db_table
        self.fields = [
            field for field in model._meta.concrete_fields if with_ids or not field.primary_key
        ]
        self.columns = [field.column for field in self.fields]
        self.defaults: dict[str, Any] = {}
        for field in self.fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                self.defaults[field.attname] = now
            elif field.default is not NOT_PROVIDED:
                self.defaults[field.attname] = field.get_default()
            elif field.null:
                self.defaults[field.attname] = None
        self.rows: list[tuple] = []

    def row(self, **values: Any) -> None:
        defaults = self.defaults
        self.rows.append(
            tuple(
                values[field.attname] if field.attname in values else defaults[field.attname]
                for field in self.fields
            )
        )


def allocate_ids(model: type[Model], count: int) -> list[int]:
    """`count` fresh primary keys for the model's table (callers hold the only writer)."""
    if count == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        start = cursor.fetchone()[0] + 1
        return list(range(start, start + count))


def _adapt(value: Any, *, postgres: bool) -> Any:
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, datetime) and not postgres:
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, Decimal) and not postgres:
        return str(value)
    return value


def write(writers: Iterable[TableWriter]) -> None:
    """Insert every writer's rows, in the order given (parents before children)."""
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        for writer in writers:
            if not writer.rows:
                continue
            quoted_table = connection.ops.quote_name(writer.table)
            quoted_columns = ", ".join(connection.ops.quote_name(c) for c in writer.columns)
            rows: Sequence[tuple] = [
                tuple(_adapt(value, postgres=postgres) for value in row) for row in writer.rows
            ]
            if postgres:
                raw_cursor = cursor.cursor  # psycopg's own cursor: COPY is not in the DB-API
                with raw_cursor.copy(f"COPY {quoted_table} ({quoted_columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                placeholders = ", ".join(["%s"] * len(writer.columns))
                cursor.executemany(
                    f"INSERT INTO {quoted_table} ({quoted_columns}) VALUES ({placeholders})",  # noqa: S608
                    rows,
                )
            writer.rows = []


def analyze(models: Iterable[type[Model]]) -> None:
    """Refresh PostgreSQL's planner statistics after a bulk load: without them the planner
    takes a table of 100,000 rows for an empty one and picks plans a hundred times slower."""
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")
