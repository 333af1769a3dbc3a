"""Database facts the domain needs: which engine, and SQL that only PostgreSQL runs."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.core.exceptions import FieldError
from django.db import connection
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps
from django.db.models import Expression, Field, ForeignObject, Lookup, Model, QuerySet, Value


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
#
# What a compiled read freezes is explicit: every parameter of its SQL is the id list, a
# declared parameter (bound anew at each call: the time, say), or a constant listed in the key.
# Anything else is refused when the read is compiled, so a value that changes between calls (a
# `timezone.now()` inside the builder, a user captured by a closure) cannot be frozen silently.


class PrecompiledReadError(ValueError):
    """A read given to `precompiled_rows` would freeze a value it does not declare."""


class _IdList:
    """Stands in for the id list while a read is compiled once."""

    def __repr__(self) -> str:
        return "<ids>"


class _Parameter(Expression):
    """Stands in for a declared parameter while a read is compiled once: `%s` in the SQL,
    bound to the call's value (prepared as `output_field` prepares it) each time it runs."""

    def __init__(self, name: str, output_field: Field) -> None:
        super().__init__(output_field=output_field)
        self.name = name

    def __repr__(self) -> str:
        return f"<parameter {self.name}>"

    def as_sql(self, compiler, connection) -> tuple[str, tuple[Any, ...]]:
        return "%s", (self,)


class AnyOf(Lookup):
    """`field = ANY(%s)` on PostgreSQL, `field IN (SELECT value FROM json_each(%s))` on SQLite:
    one parameter for any number of values, so the SQL text does not depend on the count."""

    lookup_name = "any_of"
    prepare_rhs = False

    def get_db_prep_lookup(self, value: Any, connection) -> tuple[str, tuple[Any, ...]]:
        return "%s", (value,)

    def as_sql(self, compiler, connection) -> tuple[str, tuple[Any, ...]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs_params = [_bind_list(self.rhs, connection)]
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", (*lhs_params, *rhs_params)
        sql = f"{lhs} IN (SELECT value FROM json_each(%s))"  # noqa: S608 (lhs is a column)
        return sql, (*lhs_params, *rhs_params)


Field.register_lookup(AnyOf)
ForeignObject.register_lookup(AnyOf)  # foreign keys keep a lookup registry of their own


def _bind_list(values: Any, using_connection) -> Any:
    if isinstance(values, _IdList):
        return values
    values = list(values)
    return values if using_connection.vendor == "postgresql" else json.dumps(values)


_TIMES = (dt.datetime, dt.date, dt.time, dt.timedelta)


def _key_values(key: Hashable) -> list[Any]:
    """The values a key lists, nested tuples and sets opened."""
    if isinstance(key, tuple | list | frozenset | set):
        return [value for part in key for value in _key_values(part)]
    return [key]


def _is_listed(value: Any, key_values: list[Any]) -> bool:
    # By type as well as value: True == 1 and 0 == False, but a flag in the key is no number.
    return any(
        value == listed and isinstance(value, bool) == isinstance(listed, bool)
        for listed in key_values
    )


def _parameter_field(key: Hashable, name: str, value: Any) -> Field:
    if value is None:
        raise PrecompiledReadError(
            f"precompiled_rows({key!r}): parameter {name!r} is None on the call that compiles "
            "the read, so its type is unknown; compile it with a value."
        )
    try:
        return Value(value).output_field
    except FieldError as error:
        raise PrecompiledReadError(
            f"precompiled_rows({key!r}): parameter {name!r} is a {type(value).__name__}, whose "
            "field type Django cannot tell; pass a str, bool, int, float, Decimal, date, time, "
            "datetime, timedelta, bytes or UUID."
        ) from error


_M = TypeVar("_M", bound=Model)


@dataclass(frozen=True)
class _CompiledRead(Generic[_M]):
    vendor: str
    model: type[_M]
    sql: str
    # Per SQL parameter: `_IdList`, a `_Parameter`, or a constant listed in the key.
    slots: tuple[Any, ...]
    parameter_names: frozenset[str]
    converters: tuple[tuple[str, Any, list], ...]


def _compile(
    key: Hashable, build: Callable[..., QuerySet[_M]], params: Mapping[str, Any]
) -> _CompiledRead[_M]:
    ids = _IdList()
    placeholders = {
        name: _Parameter(name, _parameter_field(key, name, value)) for name, value in params.items()
    }
    queryset = build(ids, **placeholders)
    sql, compiled_params = queryset.query.sql_with_params()
    key_values = _key_values(key)
    times_in_key = [value for value in key_values if isinstance(value, _TIMES)]
    if times_in_key:
        raise PrecompiledReadError(
            f"precompiled_rows({key!r}): the key lists the time {times_in_key[0]!r}; a time is "
            "never a constant: declare it as a parameter (`params={'now': ...}`)."
        )
    used_names = set()
    for value in compiled_params:
        if value is ids:
            continue
        if isinstance(value, _Parameter):
            used_names.add(value.name)
        elif isinstance(value, _TIMES) or not _is_listed(value, key_values):
            raise PrecompiledReadError(
                f"precompiled_rows({key!r}): the SQL would freeze {value!r}, which is neither "
                f"the id list, a declared parameter ({', '.join(sorted(params)) or 'none'}) nor "
                "listed in the key. Pass a value that changes between calls (the time, a user) "
                "as a parameter; list a constant in the key."
            )
    if ids not in compiled_params:
        raise PrecompiledReadError(f"precompiled_rows({key!r}): the read does not use the ids.")
    unused = sorted(set(params) - used_names)
    if unused:
        raise PrecompiledReadError(
            f"precompiled_rows({key!r}): the read does not use the parameter(s) {unused}."
        )
    converters = []
    for name, expression in queryset.query.annotation_select.items():
        functions = connection.ops.get_db_converters(expression) + expression.get_db_converters(
            connection
        )
        if functions:
            converters.append((name, expression, functions))
    return _CompiledRead(
        vendor=connection.vendor,
        model=queryset.model,
        sql=sql,
        slots=tuple(compiled_params),
        parameter_names=frozenset(params),
        converters=tuple(converters),
    )


# Each key's read has its own model; `precompiled_rows` returns rows of the one `build` makes.
_COMPILED: dict[Hashable, _CompiledRead[Any]] = {}


def precompiled_rows(
    key: Hashable,
    build: Callable[..., QuerySet[_M]],
    ids: Iterable[Any],
    *,
    params: Mapping[str, Any] | None = None,
) -> list[_M]:
    """The rows of `build(ids, **params)`, compiled to SQL once per `key`.

    `build` receives stand-ins for the ids and for each parameter, to use where the query
    needs them (`filter(pk__any_of=ids, published_at__lte=now)`); each call binds its own
    values. Every other value the SQL carries must be listed in `key` (channel, language,
    viewer's rights, the query's own literals): anything else would be frozen at its first
    value, so compiling such a read raises `PrecompiledReadError`, as does a time in the key.
    Annotations come back converted as the ORM would (SQLite returns floats for decimals
    otherwise).
    """
    params = dict(params or {})
    compiled = _COMPILED.get(key)
    if compiled is None or compiled.vendor != connection.vendor:
        compiled = _compile(key, build, params)
        _COMPILED[key] = compiled
    elif compiled.parameter_names != set(params):
        raise PrecompiledReadError(
            f"precompiled_rows({key!r}) was compiled with parameters "
            f"{sorted(compiled.parameter_names)}, called with {sorted(params)}."
        )
    bound_ids = _bind_list(ids, connection)
    sql_params = []
    for slot in compiled.slots:
        if isinstance(slot, _IdList):
            sql_params.append(bound_ids)
        elif isinstance(slot, _Parameter):
            sql_params.append(slot.output_field.get_db_prep_value(params[slot.name], connection))
        else:
            sql_params.append(slot)
    rows = list(compiled.model._default_manager.raw(compiled.sql, sql_params))
    for row in rows:
        for name, expression, functions in compiled.converters:
            value = getattr(row, name)
            for function in functions:
                value = function(value, expression, connection)
            setattr(row, name, value)
    return rows
