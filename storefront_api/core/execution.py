"""Execution that resolves DataLoader futures level by level, under a statement timeout."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection
from graphql import (
    ExecutionContext,
    GraphQLError,
    GraphQLOutputType,
    OperationDefinitionNode,
)
from graphql.execution.values import get_argument_values
from graphql.language import FieldNode, VariableNode, visit
from graphql.language.visitor import Visitor
from graphql.pyutils import Path
from graphql_sync_dataloaders import DeferredExecutionContext, SyncFuture
from graphql_sync_dataloaders import execution_context as deferred_execution

logger = logging.getLogger(__name__)

# PostgreSQL's SQLSTATE for a statement cancelled by `statement_timeout` (psycopg's QueryCanceled).
QUERY_CANCELED = "57014"

# (id(field), id(node)) -> (field, node, arguments): holding field and node keeps their ids
# from being reused by other objects while the entry lives.
_STATIC_ARGUMENTS: dict[tuple[int, int], tuple[Any, FieldNode, dict[str, Any]]] = {}
_STATIC_ARGUMENTS_LIMIT = 50_000


class _VariableFinder(Visitor):
    found = False

    def enter_variable(self, *_args: Any) -> None:
        self.found = True


def _uses_variables(node: FieldNode) -> bool:
    if not node.arguments:
        return False
    finder = _VariableFinder()
    for argument in node.arguments:
        if isinstance(argument.value, VariableNode):
            return True
        visit(argument.value, finder)
    return finder.found


def cached_argument_values(field_def: Any, node: FieldNode, variable_values: Any = None):
    """Arguments of a field, computed once per (field, document node) when they hold no
    variables: a page of 20 products asks for the same arguments hundreds of times, and parsed
    documents are cached (views.py), so their nodes live on."""
    key = (id(field_def), id(node))
    entry = _STATIC_ARGUMENTS.get(key)
    if entry is not None and entry[0] is field_def and entry[1] is node:
        return dict(entry[2])
    values = get_argument_values(field_def, node, variable_values)
    if not _uses_variables(node):
        if len(_STATIC_ARGUMENTS) > _STATIC_ARGUMENTS_LIMIT:
            _STATIC_ARGUMENTS.clear()
        _STATIC_ARGUMENTS[key] = (field_def, node, values)
        return dict(values)
    return values


# The deferred executor looks the function up in its module on every field.
deferred_execution.get_argument_values = cached_argument_values


def _path_from_list(keys: list[str | int] | None) -> Path | None:
    path = None
    for key in keys or ():
        path = Path(path, key, None)
    return path


class HaatExecutionContext(DeferredExecutionContext):
    """Shares the deferred-callback list with the request's loaders.

    Loaders schedule their batch on the request context (`context.deferred_callbacks`), so a load
    made inside another loader's callback (a chained relation) is still dispatched.
    """

    def execute_operation(self, operation: OperationDefinitionNode, root_value: Any) -> Any:
        callbacks: list = []
        self._deferred_callbacks = callbacks
        self.context_value.deferred_callbacks = callbacks
        try:
            result = ExecutionContext.execute_operation(self, operation, root_value)
            while callbacks:
                callbacks.pop(0)()
        finally:
            self.context_value.deferred_callbacks = None
        if isinstance(result, SyncFuture):
            if not result.done():
                raise RuntimeError("GraphQL deferred execution failed to complete.")
            return result.result()
        return result

    def handle_field_error(
        self, error: GraphQLError, return_type: GraphQLOutputType, path: Path | None = None
    ) -> None:
        """graphql-sync-dataloaders 0.1 calls this without the `path` graphql-core 3.2.4+ wants.

        Without this, any exception in a resolver became an HTTP 500 instead of a GraphQL error.
        """
        if path is None:
            path = _path_from_list(error.path)
        super().handle_field_error(error, return_type, path)


def is_statement_timeout(error: BaseException) -> bool:
    """Whether the error (Django wraps psycopg's) is PostgreSQL cancelling a statement that ran
    past `statement_timeout`."""
    current: BaseException | None = error
    while current is not None:
        if getattr(current, "sqlstate", None) == QUERY_CANCELED:
            return True
        current = current.__cause__
    return False


def _run_raw(database: Any, sql: str) -> None:
    """Connection setup on the driver's own cursor, like Django's `SET TIME ZONE`: it is not one
    of the request's queries (query-count tests count those)."""
    with database.connection.cursor() as cursor:
        cursor.execute(sql)


def _reset_statement_timeout() -> None:
    if connection.connection is None:
        return
    try:
        _run_raw(connection, "RESET statement_timeout")
    except Exception:
        # An aborted transaction or a broken connection: never hand the timeout on to the next
        # request (connections are reused), close the connection instead (unless an outer
        # transaction owns it, as in tests; its rollback then undoes the SET).
        logger.warning("Could not reset statement_timeout; closing the connection", exc_info=True)
        if not connection.in_atomic_block:
            connection.close()


@contextmanager
def statement_timeout(milliseconds: int) -> Iterator[None]:
    """PostgreSQL cancels any statement of the block that runs longer than `milliseconds` (0: no
    limit; other databases: no limit). Set just before the block's first query, so a request that
    touches no database pays nothing, and reset after it, since the connection serves other
    requests afterwards (CONN_MAX_AGE). A SET made inside a transaction that rolls back is undone
    with it; the rest of that request then runs under the server's default."""
    if milliseconds <= 0 or connection.vendor != "postgresql":
        yield
        return
    is_set = False

    def set_before_first_query(
        execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]
    ) -> Any:
        nonlocal is_set
        if not is_set:
            is_set = True
            _run_raw(context["connection"], f"SET statement_timeout = {int(milliseconds)}")
        return execute(sql, params, many, context)

    try:
        with connection.execute_wrapper(set_before_first_query):
            yield
    finally:
        if is_set:
            _reset_statement_timeout()
