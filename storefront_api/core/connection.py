"""Saleor-shaped connections (`XCountableConnection`) with keyset pagination.

A cursor holds the sort-key values of its row (and the pk, always the last key), so the next page
is `WHERE (keys) > (cursor)`: an index range scan, however deep the page. At most
GRAPHQL_PAGINATION_LIMIT rows a page.
"""

from __future__ import annotations

import base64
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

import graphene
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import F, Q, QuerySet
from graphql import GraphQLError

from .input_validation import text_problem


class PageInfo(graphene.ObjectType):
    has_next_page = graphene.Boolean(required=True)
    has_previous_page = graphene.Boolean(required=True)
    start_cursor = graphene.String()
    end_cursor = graphene.String()

    class Meta:
        description = "Where a page sits in its list, and the cursors to move on from it."


_CONNECTIONS: dict[str, type] = {}


def create_connection(node_type: type, name: str | None = None) -> type:
    """`<Node>CountableConnection` with `<Node>CountableEdge`, both non-null as in Saleor."""
    type_name = name or node_type._meta.name
    key = f"{type_name}CountableConnection"
    if key in _CONNECTIONS:
        return _CONNECTIONS[key]
    edge = type(
        f"{type_name}CountableEdge",
        (graphene.ObjectType,),
        {
            "node": graphene.Field(
                node_type, required=True, description="The item at the end of the edge."
            ),
            "cursor": graphene.String(required=True, description="A cursor for use in pagination."),
            "Meta": type("Meta", (), {"description": f"An edge in a {type_name} list."}),
        },
    )
    connection = type(
        key,
        (graphene.ObjectType,),
        {
            "page_info": graphene.Field(PageInfo, required=True),
            "edges": graphene.NonNull(graphene.List(graphene.NonNull(edge))),
            "total_count": graphene.Int(description="How many items the whole list has."),
            "resolve_total_count": staticmethod(lambda root, _info: root.total_count()),
            "Meta": type("Meta", (), {"description": f"A page of {type_name} items."}),
        },
    )
    _CONNECTIONS[key] = connection
    return connection


def connection_args() -> dict[str, graphene.Argument]:
    return {
        "before": graphene.String(),
        "after": graphene.String(),
        "first": graphene.Int(),
        "last": graphene.Int(),
    }


@dataclass
class Edge:
    node: Any
    cursor: str


@dataclass
class Page:
    edges: list[Edge]
    page_info: dict
    count: Callable[[], int] = field(repr=False, default=lambda: 0)
    _total: int | None = None

    def total_count(self) -> int:
        if self._total is None:
            self._total = self.count()
        return self._total


@dataclass(frozen=True)
class SortKey:
    """One ordering column: a field or annotation name, and its direction."""

    name: str
    descending: bool = False


def _encode(values: Sequence[Any]) -> str:
    def plain(value: Any) -> Any:
        if isinstance(value, Decimal):
            return str(value)
        if isinstance(value, datetime):
            return value.isoformat()
        return value

    raw = json.dumps([plain(v) for v in values], ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


_BIGINT = 2**63


def _invalid_cursor(cursor: str) -> GraphQLError:
    shown = cursor if len(cursor) <= 100 else cursor[:97] + "..."
    return GraphQLError(f"Received cursor ({shown}) is invalid.")


def _is_cursor_value(value: Any) -> bool:
    """What `_encode` writes: text the database can compare, finite numbers, integers in range."""
    if isinstance(value, bool):
        return False
    if isinstance(value, str):
        return text_problem(value) is None
    if isinstance(value, int):
        return -_BIGINT <= value < _BIGINT
    if isinstance(value, float):
        return math.isfinite(value)
    return False


def _decode(cursor: str, size: int) -> list[Any]:
    """The values of a cursor this module wrote; anything else is a GraphQL error, never a
    database error (the client may send any string, base64 of any JSON included)."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(
            base64.urlsafe_b64decode(padded.encode()).decode(), parse_constant=_no_constant
        )
    except (ValueError, UnicodeError, RecursionError) as error:
        raise _invalid_cursor(cursor) from error
    if not isinstance(values, list) or len(values) != size:
        raise _invalid_cursor(cursor)
    if not all(_is_cursor_value(value) for value in values):
        raise _invalid_cursor(cursor)
    return values


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a cursor value.")


def _cursor_filter(queryset: QuerySet, keys: Sequence[SortKey], cursor: str, backwards: bool):
    """`queryset` after (or before) the cursor. The tie-breaker is an integer; the others must be
    of their column's type, which Django checks as it builds the condition."""
    values = _decode(cursor, len(keys))
    if not isinstance(values[-1], int):
        raise _invalid_cursor(cursor)
    try:
        return queryset.filter(_after_q(keys, values, backwards=backwards))
    except (ValueError, TypeError, ValidationError, ArithmeticError) as error:
        raise _invalid_cursor(cursor) from error


def _after_q(keys: Sequence[SortKey], values: Sequence[Any], backwards: bool) -> Q:
    """Rows strictly after the cursor in the ordering (before it, when `backwards`)."""
    condition = Q()
    for index in range(len(keys) - 1, -1, -1):
        key = keys[index]
        forward = key.descending == backwards
        lookup = "gt" if forward else "lt"
        strict = Q(**{f"{key.name}__{lookup}": values[index]})
        if index == len(keys) - 1:
            condition = strict
        else:
            condition = strict | (Q(**{key.name: values[index]}) & condition)
    return condition


def check_pagination_args(connection_name: str, first: int | None, last: int | None) -> None:
    limit = settings.GRAPHQL_PAGINATION_LIMIT
    if first is not None and last is not None:
        raise GraphQLError("Providing both `first` and `last` is not supported.")
    for arg, value in (("first", first), ("last", last)):
        if value is None:
            continue
        if value < 0:
            raise GraphQLError(
                f"Argument `{arg}` on connection `{connection_name}` cannot be less than zero."
            )
        if value > limit:
            raise GraphQLError(
                f"Requesting {value} records on the `{connection_name}` connection exceeds the "
                f"`{arg}` limit of {limit} records."
            )


def paginate(
    queryset: QuerySet,
    *,
    keys: Sequence[SortKey],
    first: int | None = None,
    last: int | None = None,
    after: str | None = None,
    before: str | None = None,
    connection_name: str = "",
    count_queryset: QuerySet | None = None,
    value_of: Callable[[Any, str], Any] | None = None,
    tie_breaker: str = "pk",
) -> Page:
    """One page of `queryset` ordered by `keys`, then by `tie_breaker`: a unique integer column,
    the pk unless the pk is no integer (orders' UUIDs: their unique `number` serves)."""
    check_pagination_args(connection_name, first, last)
    if first is None and last is None:
        first = settings.GRAPHQL_PAGINATION_LIMIT
    keys = [*keys, SortKey(tie_breaker, keys[-1].descending if keys else False)]
    read = value_of or (lambda row, name: getattr(row, name))

    backwards = last is not None and first is None
    ordered = queryset
    if after:
        ordered = _cursor_filter(ordered, keys, after, backwards=False)
    if before:
        ordered = _cursor_filter(ordered, keys, before, backwards=True)

    def order_expr(key: SortKey, reverse: bool):
        descending = key.descending != reverse
        expression = F(key.name)
        return expression.desc() if descending else expression.asc()

    ordered = ordered.order_by(*(order_expr(key, backwards) for key in keys))
    size = last if backwards else first
    rows = list(ordered[: size + 1]) if size else []
    has_more = len(rows) > size if size else False
    rows = rows[:size] if size else []
    if backwards:
        rows.reverse()

    edges = [Edge(node=row, cursor=_encode([read(row, key.name) for key in keys])) for row in rows]
    page_info = {
        "has_next_page": has_more if not backwards else bool(before),
        "has_previous_page": has_more if backwards else bool(after),
        "start_cursor": edges[0].cursor if edges else None,
        "end_cursor": edges[-1].cursor if edges else None,
    }
    counted = count_queryset if count_queryset is not None else queryset
    return Page(edges=edges, page_info=page_info, count=counted.count)


def _list_index(cursor: str) -> int:
    """The position a `paginate_list` cursor holds: an integer, not negative."""
    index = _decode(cursor, 1)[0]
    if not isinstance(index, int) or index < 0:
        raise _invalid_cursor(cursor)
    return index


def paginate_list(
    items: Sequence[Any],
    *,
    first: int | None = None,
    last: int | None = None,
    after: str | None = None,
    before: str | None = None,
    connection_name: str = "",
) -> Page:
    """Offset pagination over an in-memory list (small, already loaded collections)."""
    check_pagination_args(connection_name, first, last)
    start = (_list_index(after) + 1) if after else 0
    end = _list_index(before) if before else len(items)
    window = list(range(start, min(end, len(items))))
    if first is not None:
        window = window[:first]
    elif last is not None:
        window = window[-last:] if last else []
    else:
        window = window[: settings.GRAPHQL_PAGINATION_LIMIT]
    edges = [Edge(node=items[index], cursor=_encode([index])) for index in window]
    page_info = {
        "has_next_page": bool(window) and window[-1] + 1 < min(end, len(items)),
        "has_previous_page": bool(window) and window[0] > 0,
        "start_cursor": edges[0].cursor if edges else None,
        "end_cursor": edges[-1].cursor if edges else None,
    }
    return Page(edges=edges, page_info=page_info, count=lambda: len(items))
