"""Database facts the domain needs: which engine, and SQL that only PostgreSQL runs."""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Iterable
from typing import Any

from django.db import connection
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps
from django.db.models import Field, ForeignObject, Lookup, Model, QuerySet


def is_postgres(using_connection=None) -> bool:
    return (using_connection or connection).vendor == "postgresql"


def postgres_only_sql(forward: str, backward: str = ""):
    """A RunPython pair that runs SQL on PostgreSQL and does nothing on SQLite (the demo)."""

    def forwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(forward)

    def backwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        if backward and schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(backward)

    return forwards, backwards


def adopt_content_types(old_app_label: str, new_app_label: str, *models: str):
    """A RunPython pair for a model moved between apps: its content type (and with it the
    permissions, group grants and admin log entries that point at it) follows the model."""

    def forwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        content_type = apps.get_model("contenttypes", "ContentType")
        content_type.objects.using(schema_editor.connection.alias).filter(
            app_label=old_app_label, model__in=models
        ).update(app_label=new_app_label)

    def backwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        content_type = apps.get_model("contenttypes", "ContentType")
        content_type.objects.using(schema_editor.connection.alias).filter(
            app_label=new_app_label, model__in=models
        ).update(app_label=old_app_label)

    return forwards, backwards


# --- precompiled reads -----------------------------------------------------------------------
# Compiling a Django queryset to SQL costs 1-3 ms of CPU, more than running it for a page of
# ids. Reads whose shape never changes (a DataLoader's "rows for these ids") compile once per
# process: the id list is one array parameter (`field__any_of`), so the SQL text is constant.


class _IdList:
    """Stands in for the id list while a read is compiled once."""

    def __repr__(self) -> str:
        return "<ids>"


class AnyOf(Lookup):
    """`field = ANY(%s)` on PostgreSQL, `field IN (SELECT value FROM json_each(%s))` on SQLite:
    one parameter for any number of values, so the SQL text does not depend on the count."""

    lookup_name = "any_of"
    prepare_rhs = False

    def get_db_prep_lookup(self, value: Any, connection) -> tuple[str, list]:
        return "%s", [value]

    def as_sql(self, compiler, connection) -> tuple[str, list]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs_params = [_bind_list(self.rhs, connection)]
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", [*lhs_params, *rhs_params]
        sql = f"{lhs} IN (SELECT value FROM json_each(%s))"  # noqa: S608 (lhs is a column)
        return sql, [*lhs_params, *rhs_params]


Field.register_lookup(AnyOf)
ForeignObject.register_lookup(AnyOf)  # foreign keys keep a lookup registry of their own


def _bind_list(values: Any, using_connection) -> Any:
    if isinstance(values, _IdList):
        return values
    values = list(values)
    return values if using_connection.vendor == "postgresql" else json.dumps(values)


_COMPILED: dict[Hashable, tuple] = {}


def precompiled_rows(
    key: Hashable, build: Callable[[Any], QuerySet], ids: Iterable[Any]
) -> list[Model]:
    """The rows of `build(ids)`, compiled to SQL once per `key` (which must name everything but
    the ids that shapes the query: channel, language, viewer's rights...). Annotations come
    back converted as the ORM would (SQLite returns floats for decimals otherwise)."""
    entry = _COMPILED.get(key)
    if entry is None or entry[0] != connection.vendor:
        marker = _IdList()
        queryset = build(marker)
        sql, params = queryset.query.sql_with_params()
        converters = []
        for name, expression in queryset.query.annotation_select.items():
            functions = connection.ops.get_db_converters(expression) + expression.get_db_converters(
                connection
            )
            if functions:
                converters.append((name, expression, functions))
        entry = (connection.vendor, queryset.model, sql, list(params), marker, converters)
        _COMPILED[key] = entry
    _vendor, model, sql, params, marker, converters = entry
    bound = _bind_list(ids, connection)
    rows = list(model.objects.raw(sql, [bound if param is marker else param for param in params]))
    for row in rows:
        for name, expression, functions in converters:
            value = getattr(row, name)
            for function in functions:
                value = function(value, expression, connection)
            setattr(row, name, value)
    return rows
