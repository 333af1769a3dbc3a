"""Execution that resolves DataLoader futures level by level."""

from __future__ import annotations

from typing import Any

from graphql import (
    ExecutionContext,
    GraphQLError,
    GraphQLOutputType,
    OperationDefinitionNode,
)
from graphql.pyutils import Path
from graphql_sync_dataloaders import DeferredExecutionContext, SyncFuture


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
