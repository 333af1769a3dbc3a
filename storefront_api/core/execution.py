"""Execution that resolves DataLoader futures level by level."""

from __future__ import annotations

from typing import Any

from graphql import ExecutionContext, OperationDefinitionNode
from graphql_sync_dataloaders import DeferredExecutionContext, SyncFuture


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
