"""Database facts the domain needs: which engine, and SQL that only PostgreSQL runs."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from weakref import WeakKeyDictionary

from django.core.exceptions import FieldError
from django.db import connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps
from django.db.models import Expression, Field, ForeignObject, Lookup, Model, QuerySet, Value
from django.db.models.query import (
    FlatValuesListIterable,
    ModelIterable,
    NamedValuesListIterable,
    ValuesIterable,
    ValuesListIterable,
    get_related_populators,
)
from django.db.models.sql.compiler import SQLCompiler
from django.db.models.utils import create_namedtuple_class
from django.db.transaction import TransactionManagementError


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
#
# The compiled `SQLCompiler` is kept with the SQL: its select list, `klass_info` and annotation
# columns turn each call's rows into what the ORM would return (model instances with their
# `select_related` rows, dicts, tuples), converters included. Requests run in threads, so a
# call never changes it: it works on a shallow copy bound to its own thread's connection.


class PrecompiledReadError(ValueError):
    """A read given to `precompiled_rows` would freeze a value it does not declare."""


class _IdList:
    """Stands in for the id list while a read is compiled once."""

    def __repr__(self) -> str:
        return "<ids>"


@dataclass(frozen=True, eq=False)
class _IdSlot:
    """Where the SQL takes the id list, and the column it is compared with (which prepares
    each id: a UUID is 32 hex digits on SQLite)."""

    ids: _IdList
    field: Field | None


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
        field = getattr(self.lhs, "output_field", None)
        if isinstance(self.rhs, _IdList):
            rhs_params: list[Any] = [_IdSlot(self.rhs, field)]
        else:
            rhs_params = [_bind_list(self.rhs, field, connection)]
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", (*lhs_params, *rhs_params)
        sql = f"{lhs} IN (SELECT value FROM json_each(%s))"  # noqa: S608 (lhs is a column)
        return sql, (*lhs_params, *rhs_params)


Field.register_lookup(AnyOf)
ForeignObject.register_lookup(AnyOf)  # foreign keys keep a lookup registry of their own


def _bind_list(values: Iterable[Any], field: Field | None, using_connection) -> Any:
    """The values as the column takes them: an array on PostgreSQL, a JSON list on SQLite."""
    if field is None:
        prepared = list(values)
    else:
        prepared = [field.get_db_prep_value(value, using_connection) for value in values]
    if using_connection.vendor == "postgresql":
        return prepared
    return json.dumps(prepared, default=str)


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


_Row = TypeVar("_Row")
# A converted result row: a list once converters ran over it, else the driver's tuple.
_ResultRow = Sequence[Any]


@dataclass(frozen=True)
class _Instances:
    """Rows as model instances, built the way `ModelIterable` builds them: the model's columns,
    each `select_related` row by its populator (None for a NULL foreign key), annotations."""

    model: type[Model]
    alias: str
    init_list: tuple[str, ...]
    start: int
    end: int
    related_populators: tuple[Any, ...]
    annotation_col_map: tuple[tuple[str, int], ...]

    @classmethod
    def of(cls, compiler: SQLCompiler, alias: str) -> _Instances:
        select, klass_info = compiler.select, compiler.klass_info
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        return cls(
            model=klass_info["model"],
            alias=alias,
            init_list=tuple(column[0].target.attname for column in select[start:end]),
            start=start,
            end=end,
            # (django-stubs describe Django 6's signature, which adds `fetch_mode`)
            related_populators=tuple(
                get_related_populators(klass_info, select, alias)  # type: ignore[call-arg]
            ),
            annotation_col_map=tuple((compiler.annotation_col_map or {}).items()),
        )

    def __call__(self, rows: Iterator[_ResultRow]) -> list[Any]:
        instances = []
        for row in rows:
            instance = self.model.from_db(self.alias, self.init_list, row[self.start : self.end])
            for populator in self.related_populators:
                populator.populate(row, instance)
            for name, position in self.annotation_col_map:
                setattr(instance, name, row[position])
            instances.append(instance)
        return instances


@dataclass(frozen=True)
class _Values:
    """Rows as `values()` (dicts), `values_list()` (tuples, named or flat) return them."""

    kind: type
    names: tuple[str, ...]

    def __call__(self, rows: Iterator[_ResultRow]) -> list[Any]:
        if self.kind is ValuesIterable:
            return [dict(zip(self.names, row, strict=False)) for row in rows]
        if self.kind is FlatValuesListIterable:
            return [row[0] for row in rows]
        if self.kind is NamedValuesListIterable:
            named = create_namedtuple_class(*self.names)
            return [tuple.__new__(named, row) for row in rows]
        return [tuple(row) for row in rows]


def _row_builder(
    key: Hashable, queryset: Any, compiler: SQLCompiler, alias: str
) -> _Instances | _Values:
    """What turns the compiled read's rows into the results its queryset would give (read from
    the queryset's private attributes, as Django's own iterables read them)."""
    if queryset._prefetch_related_lookups:
        raise PrecompiledReadError(
            f"precompiled_rows({key!r}): a compiled read cannot prefetch; load the related "
            "rows with a read of their own."
        )
    if queryset._known_related_objects:
        raise PrecompiledReadError(
            f"precompiled_rows({key!r}): a related manager's rows carry its owner, which a "
            "compiled read would freeze; start from the model's manager."
        )
    kind = queryset._iterable_class
    query = queryset.query
    if kind is ModelIterable:
        return _Instances.of(compiler, alias)
    if kind is ValuesIterable and query.selected:
        names: Iterable[str] = query.selected
    elif kind is NamedValuesListIterable and queryset._fields:
        names = queryset._fields
    elif kind in (ValuesIterable, ValuesListIterable, NamedValuesListIterable):
        names = [*query.extra_select, *query.values_select, *query.annotation_select]
    elif kind is FlatValuesListIterable:
        names = ()
    else:
        raise PrecompiledReadError(
            f"precompiled_rows({key!r}): rows of {kind.__name__} cannot be precompiled."
        )
    return _Values(kind=kind, names=tuple(names))


@dataclass(frozen=True)
class _CompiledRead(Generic[_Row]):
    alias: str
    vendor: str
    sql: str
    # Per SQL parameter: an `_IdSlot`, a `_Parameter`, or a constant listed in the key.
    slots: tuple[Any, ...]
    parameter_names: frozenset[str]
    # As compiled: its select list and converters; copied per call, never changed.
    compiler: SQLCompiler
    build_rows: Callable[[Iterator[_ResultRow]], list[_Row]]
    # `SELECT ... FOR UPDATE`: like the ORM, refused outside a transaction.
    is_locking: bool
    # The select list's converters (`SQLCompiler.get_converters`), per connection (each thread
    # has its own), worked out on the read's first run there: working them out costs more
    # than converting a page of rows.
    converters: WeakKeyDictionary[BaseDatabaseWrapper, dict[int, Any]]

    def converters_for(self, compiler: SQLCompiler) -> dict[int, Any]:
        converters = self.converters.get(compiler.connection)
        if converters is None:
            converters = compiler.get_converters(_selected(compiler))
            self.converters[compiler.connection] = converters
        return converters


def _selected(compiler: SQLCompiler) -> list[Any]:
    """The expressions of the columns a read returns (ordering columns left out)."""
    return [column[0] for column in compiler.select[: compiler.col_count]]


def _check_slots(
    key: Hashable, ids: _IdList, params: Mapping[str, Any], compiled_params: Iterable[Any]
) -> None:
    """Refuse SQL that freezes a value the read does not declare (see the module's note)."""
    key_values = _key_values(key)
    times_in_key = [value for value in key_values if isinstance(value, _TIMES)]
    if times_in_key:
        raise PrecompiledReadError(
            f"precompiled_rows({key!r}): the key lists the time {times_in_key[0]!r}; a time is "
            "never a constant: declare it as a parameter (`params={'now': ...}`)."
        )
    used_names = set()
    uses_ids = False
    for value in compiled_params:
        if isinstance(value, _IdSlot) and value.ids is ids:
            uses_ids = True
        elif isinstance(value, _Parameter):
            used_names.add(value.name)
        elif isinstance(value, _TIMES) or not _is_listed(value, key_values):
            raise PrecompiledReadError(
                f"precompiled_rows({key!r}): the SQL would freeze {value!r}, which is neither "
                f"the id list, a declared parameter ({', '.join(sorted(params)) or 'none'}) nor "
                "listed in the key. Pass a value that changes between calls (the time, a user) "
                "as a parameter; list a constant in the key."
            )
    if not uses_ids:
        raise PrecompiledReadError(f"precompiled_rows({key!r}): the read does not use the ids.")
    unused = sorted(set(params) - used_names)
    if unused:
        raise PrecompiledReadError(
            f"precompiled_rows({key!r}): the read does not use the parameter(s) {unused}."
        )


def _compile(
    key: Hashable, build: Callable[..., QuerySet[Any, _Row]], params: Mapping[str, Any]
) -> _CompiledRead[_Row]:
    ids = _IdList()
    placeholders = {
        name: _Parameter(name, _parameter_field(key, name, value)) for name, value in params.items()
    }
    queryset = build(ids, **placeholders)
    alias = queryset.db
    compiler = queryset.query.get_compiler(using=alias)
    sql, compiled_params = compiler.as_sql()
    _check_slots(key, ids, params, compiled_params)
    if compiler.has_composite_fields(_selected(compiler)):
        raise PrecompiledReadError(
            f"precompiled_rows({key!r}): a composite primary key's columns cannot be read."
        )
    features = compiler.connection.features
    return _CompiledRead(
        alias=alias,
        vendor=compiler.connection.vendor,
        sql=sql,
        slots=tuple(compiled_params),
        parameter_names=frozenset(params),
        compiler=compiler,
        build_rows=_row_builder(key, queryset, compiler, alias),
        is_locking=bool(queryset.query.select_for_update and features.has_select_for_update),
        converters=WeakKeyDictionary(),
    )


# Each key's read has its own row type; `precompiled_rows` returns rows of the one `build` makes.
_COMPILED: dict[Hashable, _CompiledRead[Any]] = {}


def precompiled_rows(
    key: Hashable,
    build: Callable[..., QuerySet[Any, _Row]],
    ids: Iterable[Any],
    *,
    params: Mapping[str, Any] | None = None,
) -> list[_Row]:
    """The rows of `build(ids, **params)`, compiled to SQL once per `key`.

    `build` receives stand-ins for the ids and for each parameter, to use where the query
    needs them (`filter(pk__any_of=ids, published_at__lte=now)`); each call binds its own
    values. Every other value the SQL carries must be listed in `key` (channel, language,
    viewer's rights, the query's own literals): anything else would be frozen at its first
    value, so compiling such a read raises `PrecompiledReadError`, as does a time in the key.
    Rows come back as the queryset would return them: model instances with their
    `select_related` rows and annotations, or `values()` dicts, or `values_list()` tuples,
    converted as the ORM converts them (SQLite returns floats for decimals otherwise).
    A `select_for_update` read is refused outside a transaction, as the ORM refuses it.
    """
    params = dict(params or {})
    compiled = _COMPILED.get(key)
    if compiled is None or compiled.vendor != connections[compiled.alias].vendor:
        compiled = _compile(key, build, params)
        _COMPILED[key] = compiled
    elif compiled.parameter_names != set(params):
        raise PrecompiledReadError(
            f"precompiled_rows({key!r}) was compiled with parameters "
            f"{sorted(compiled.parameter_names)}, called with {sorted(params)}."
        )
    # The thread's own connection to the database the read was compiled for.
    run_connection = connections[compiled.alias]
    if compiled.is_locking and run_connection.get_autocommit():
        raise TransactionManagementError(
            "select_for_update cannot be used outside of a transaction."
        )
    sql_params = []
    for slot in compiled.slots:
        if isinstance(slot, _IdSlot):
            sql_params.append(_bind_list(ids, slot.field, run_connection))
        elif isinstance(slot, _Parameter):
            value = params[slot.name]
            sql_params.append(slot.output_field.get_db_prep_value(value, run_connection))
        else:
            sql_params.append(slot)
    with run_connection.cursor() as cursor:
        cursor.execute(compiled.sql, sql_params)
        fetched = cursor.fetchall()
    compiler = copy.copy(compiled.compiler)
    compiler.connection = run_connection
    if compiler.has_extra_select:  # ordering columns the ORM selects but does not return
        fetched = [row[: compiler.col_count] for row in fetched]
    # As `SQLCompiler.results_iter` converts rows, with the converters worked out once.
    converters = compiled.converters_for(compiler)
    rows = compiler.apply_converters(fetched, converters) if converters else iter(fetched)
    return compiled.build_rows(rows)
