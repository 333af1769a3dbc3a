"""Execution that resolves DataLoader futures level by level."""

from __future__ import annotations

from typing import Any

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
