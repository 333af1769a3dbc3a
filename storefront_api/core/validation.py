"""Limits checked before execution: query depth and cost (DESIGN.md: "depth and cost limited")."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
)


def _fragments(document: DocumentNode) -> dict[str, FragmentDefinitionNode]:
    return {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }


def _operation(
    document: DocumentNode, operation_name: str | None
) -> OperationDefinitionNode | None:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name:
        return next((o for o in operations if o.name and o.name.value == operation_name), None)
    return operations[0] if len(operations) == 1 else None


def _page_size(field: FieldNode, variables: dict[str, Any]) -> int:
    for argument in field.arguments or ():
        if argument.name.value in ("first", "last"):
            node = argument.value
            if isinstance(node, VariableNode):
                value = variables.get(node.name.value)
            else:
                value = getattr(node, "value", None)
            try:
                return max(1, int(value)) if value is not None else 1
            except (TypeError, ValueError):
                return 1
    return 1


def measure(
    selection_set: SelectionSetNode | None,
    fragments: dict[str, FragmentDefinitionNode],
    variables: dict[str, Any],
    depth: int = 0,
    seen: frozenset[str] = frozenset(),
) -> tuple[int, int]:
    """(depth, cost): cost counts every field, multiplied by the page sizes above it."""
    if selection_set is None:
        return depth, 0
    max_depth, cost = depth, 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            if selection.name.value.startswith("__"):
                continue
            child_depth, child_cost = measure(
                selection.selection_set, fragments, variables, depth + 1, seen
            )
            max_depth = max(max_depth, child_depth)
            cost += 1 + _page_size(selection, variables) * child_cost
        elif isinstance(selection, InlineFragmentNode):
            child_depth, child_cost = measure(
                selection.selection_set, fragments, variables, depth, seen
            )
            max_depth, cost = max(max_depth, child_depth), cost + child_cost
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name in seen or name not in fragments:
                continue
            child_depth, child_cost = measure(
                fragments[name].selection_set, fragments, variables, depth, seen | {name}
            )
            max_depth, cost = max(max_depth, child_depth), cost + child_cost
    return max_depth, cost


def check_limits(
    document: DocumentNode, variables: dict[str, Any] | None, operation_name: str | None
) -> GraphQLError | None:
    operation = _operation(document, operation_name)
    if operation is None:
        return None
    depth, cost = measure(operation.selection_set, _fragments(document), variables or {})
    if depth > settings.GRAPHQL_MAX_DEPTH:
        return GraphQLError(
            f"The query exceeds the maximum depth of {settings.GRAPHQL_MAX_DEPTH} "
            f"(it has {depth}).",
            extensions={"exception": {"code": "QueryDepthLimitExceeded"}},
        )
    if cost > settings.GRAPHQL_MAX_COST:
        return GraphQLError(
            f"The query exceeds the maximum cost of {settings.GRAPHQL_MAX_COST} (it costs {cost}).",
            extensions={"exception": {"code": "QueryCostLimitExceeded"}},
        )
    return None
