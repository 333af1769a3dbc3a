"""Saleor's global IDs: base64 of `Type:pk`."""

from __future__ import annotations

import binascii
from enum import Enum
from typing import Any

from django.db.models import Model
from graphql import GraphQLError
from graphql_relay import from_global_id, to_global_id

from backend.core.errors import field_error

__all__ = [
    "from_global_id_or_error",
    "from_global_id_or_none",
    "get_node_or_error",
    "get_nodes_or_error",
    "int_pk_or_error",
    "int_pk_or_none",
    "int_pks_or_error",
    "to_global_id",
]


def from_global_id_or_none(global_id: str, only_type: str | None = None) -> str | None:
    try:
        type_name, pk = from_global_id(global_id)
    except (binascii.Error, UnicodeDecodeError, ValueError, TypeError):
        return None
    if not type_name or not pk:
        return None
    if only_type and type_name != only_type:
        return None
    return pk


def from_global_id_or_error(global_id: str, only_type: str | None = None) -> str:
    """The pk an ID names, or a clear GraphQL error for a malformed or foreign ID."""
    try:
        type_name, pk = from_global_id(global_id)
    except (binascii.Error, UnicodeDecodeError, ValueError, TypeError) as error:
        raise GraphQLError(
            f"Invalid ID: {global_id}. Expected: {only_type or 'a node ID'}."
        ) from error
    if not type_name or not pk:
        raise GraphQLError(f"Invalid ID: {global_id}. Expected: {only_type or 'a node ID'}.")
    if only_type and type_name != only_type:
        raise GraphQLError(
            f"Invalid ID: {global_id}. Expected: {only_type}, received: {type_name}."
        )
    return pk


def int_pk_or_none(global_id: str, only_type: str) -> int | None:
    """The integer pk an ID of `only_type` names, or None for anything else (a query's single
    object answers null for an ID it cannot resolve, as Saleor does)."""
    pk = from_global_id_or_none(str(global_id), only_type)
    return int(pk) if pk is not None and pk.isdigit() else None


def int_pks_or_error(global_ids: list[str] | None, only_type: str) -> list[int]:
    """The integer pks of a filter's list of IDs; a malformed one is a GraphQL error."""
    return [int_pk_or_error(global_id, only_type) for global_id in global_ids or ()]


def int_pk_or_error(global_id: str, only_type: str) -> int:
    pk = from_global_id_or_error(global_id, only_type)
    try:
        return int(pk)
    except ValueError as error:
        raise GraphQLError(f"Invalid ID: {global_id}. Expected: {only_type}.") from error


def get_node_or_error(
    queryset: Any,
    global_id: str,
    type_name: str,
    *,
    field: str,
    code: Enum | str = "not_found",
    invalid_code: Enum | str | None = None,
) -> Any:
    """The row a global ID of `type_name` names in `queryset` (a model or a queryset), or a
    field error with `code` (Saleor's NOT_FOUND) for an unknown ID; a malformed or foreign ID
    gets `invalid_code` when given (Saleor's GRAPHQL_ERROR), `code` otherwise.

    A queryset narrowed to what the requestor may see makes "not yours" look like "not there".
    """
    return get_nodes_or_error(
        queryset, [global_id], type_name, field=field, code=code, invalid_code=invalid_code
    )[0]


def get_nodes_or_error(
    queryset: Any,
    global_ids: list[str],
    type_name: str,
    *,
    field: str,
    code: Enum | str = "not_found",
    invalid_code: Enum | str | None = None,
) -> list[Any]:
    """The rows the IDs name, in input order, in one query; the error names every missing ID."""
    if isinstance(queryset, type) and issubclass(queryset, Model):
        queryset = queryset._default_manager.all()
    pks = [int_pk_or_none(global_id, type_name) for global_id in global_ids]
    malformed = [gid for gid, pk in zip(global_ids, pks, strict=True) if pk is None]
    if malformed and invalid_code is not None:
        raise field_error(
            field, f"Invalid ID: {malformed[0]}. Expected: {type_name}.", invalid_code
        )
    found = queryset.in_bulk([pk for pk in pks if pk is not None]) if any(pks) else {}
    missing = [gid for gid, pk in zip(global_ids, pks, strict=True) if pk not in found]
    if missing:
        noun = "id" if len(missing) == 1 else "ids"
        raise field_error(
            field, f"Couldn't resolve to a {type_name}: {noun} {', '.join(missing)}.", code
        )
    return [found[pk] for pk in pks]
