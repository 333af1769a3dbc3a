"""Limits checked before execution: query depth and cost (DESIGN.md: "depth and cost limited").

The cost estimates the rows a query can return: every field counts 1, times the number of items
its parents can hold. A paginated field (one taking `first`/`last`) holds the page size it asks
for, or the default page size (GRAPHQL_PAGINATION_LIMIT) when it asks for none; a plain list of
objects (a product's collections, variants, media) holds up to GRAPHQL_LIST_COST_SIZE. Aliases and
fragments are selections like any other: each one is counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_composite_type,
    value_from_ast_untyped,
)

PAGE_SIZE_ARGUMENTS = ("first", "last")


@dataclass(frozen=True)
class QueryCost:
    """What an operation may cost, measured before it runs."""

    depth: int
    cost: int


@dataclass(frozen=True)
class _Walk:
    schema: GraphQLSchema
    fragments: dict[str, FragmentDefinitionNode]
    variables: dict[str, Any]


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


def _variables_with_defaults(
    operation: OperationDefinitionNode, variables: dict[str, Any]
) -> dict[str, Any]:
    """The request's variables, plus the defaults the operation declares for missing ones."""
    values = dict(variables)
    for definition in operation.variable_definitions or ():
        name = definition.variable.name.value
        if values.get(name) is None and definition.default_value is not None:
            values[name] = value_from_ast_untyped(definition.default_value)
    return values


def _field_definition(parent: Any, field: FieldNode) -> GraphQLField | None:
    if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
        return parent.fields.get(field.name.value)
    return None


def _requested_page_size(field: FieldNode, variables: dict[str, Any]) -> int | None:
    for argument in field.arguments or ():
        if argument.name.value in PAGE_SIZE_ARGUMENTS:
            node = argument.value
            if isinstance(node, VariableNode):
                value = variables.get(node.name.value)
            else:
                value = getattr(node, "value", None)
            if value is None:
                continue
            try:
                return max(1, int(value))
            except (TypeError, ValueError):
                continue
    return None


def _is_connection(graphql_type: Any) -> bool:
    return isinstance(graphql_type, GraphQLObjectType) and "pageInfo" in graphql_type.fields


def _items(
    field: FieldNode, definition: GraphQLField | None, parent: Any, variables: dict[str, Any]
) -> int:
    """How many items the field can return, for the cost of what is selected inside it."""
    requested = _requested_page_size(field, variables)
    if requested is not None:
        return requested
    if definition is None:
        return 1
    if any(name in definition.args for name in PAGE_SIZE_ARGUMENTS):
        # No page size given: the connection returns its default page (connection.paginate).
        return settings.GRAPHQL_PAGINATION_LIMIT
    # A connection's `edges` hold the page its field already counted.
    if (
        isinstance(get_nullable_type(definition.type), GraphQLList)
        and is_composite_type(get_named_type(definition.type))
        and not _is_connection(parent)
    ):
        return settings.GRAPHQL_LIST_COST_SIZE
    return 1


def _measure(
    selection_set: SelectionSetNode | None,
    parent: Any,
    walk: _Walk,
    depth: int,
    seen: frozenset[str],
) -> tuple[int, int]:
    """(depth, cost) of a selection set on the `parent` type."""
    if selection_set is None:
        return depth, 0
    max_depth, cost = depth, 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            if selection.name.value.startswith("__"):
                continue
            definition = _field_definition(parent, selection)
            child_type = get_named_type(definition.type) if definition is not None else None
            child_depth, child_cost = _measure(
                selection.selection_set, child_type, walk, depth + 1, seen
            )
            max_depth = max(max_depth, child_depth)
            cost += 1 + _items(selection, definition, parent, walk.variables) * child_cost
        elif isinstance(selection, InlineFragmentNode):
            condition = selection.type_condition
            fragment_type = walk.schema.get_type(condition.name.value) if condition else parent
            child_depth, child_cost = _measure(
                selection.selection_set, fragment_type, walk, depth, seen
            )
            max_depth, cost = max(max_depth, child_depth), cost + child_cost
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            fragment = walk.fragments.get(name)
            if name in seen or fragment is None:
                continue
            fragment_type = walk.schema.get_type(fragment.type_condition.name.value)
            child_depth, child_cost = _measure(
                fragment.selection_set, fragment_type, walk, depth, seen | {name}
            )
            max_depth, cost = max(max_depth, child_depth), cost + child_cost
    return max_depth, cost


def measure_operation(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: dict[str, Any] | None,
    operation_name: str | None,
) -> QueryCost | None:
    """Depth and cost of the operation that will run; None when no operation is selected (the
    execution then reports that)."""
    operation = _operation(document, operation_name)
    if operation is None:
        return None
    walk = _Walk(schema, _fragments(document), _variables_with_defaults(operation, variables or {}))
    root = schema.get_root_type(operation.operation)
    depth, cost = _measure(operation.selection_set, root, walk, 0, frozenset())
    return QueryCost(depth=depth, cost=cost)


def _cost_error(message: str) -> GraphQLError:
    return GraphQLError(message, extensions={"exception": {"code": "QueryCostLimitExceeded"}})


def check_limits(measured: QueryCost) -> GraphQLError | None:
    """The error refusing an operation over the depth or the cost limit, or None."""
    if measured.depth > settings.GRAPHQL_MAX_DEPTH:
        return GraphQLError(
            f"The query exceeds the maximum depth of {settings.GRAPHQL_MAX_DEPTH} "
            f"(it has {measured.depth}).",
            extensions={"exception": {"code": "QueryDepthLimitExceeded"}},
        )
    if measured.cost > settings.GRAPHQL_MAX_COST:
        return _cost_error(
            f"The query exceeds the maximum cost of {settings.GRAPHQL_MAX_COST} "
            f"(it costs {measured.cost})."
        )
    return None


def check_batch_cost(costs: Iterable[int]) -> GraphQLError | None:
    """A batch is one request: its operations together stay within the cost limit, so that
    repeating an affordable operation 20 times cannot cost 20 times the limit."""
    total = sum(costs)
    if total > settings.GRAPHQL_MAX_COST:
        return _cost_error(
            f"The batch exceeds the maximum cost of {settings.GRAPHQL_MAX_COST} "
            f"(its operations cost {total} together)."
        )
    return None
