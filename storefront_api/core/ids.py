"""Saleor's global IDs: base64 of `Type:pk`."""

from __future__ import annotations

import binascii

from graphql import GraphQLError
from graphql_relay import from_global_id, to_global_id

__all__ = ["from_global_id_or_error", "from_global_id_or_none", "to_global_id"]


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


def int_pk_or_error(global_id: str, only_type: str) -> int:
    pk = from_global_id_or_error(global_id, only_type)
    try:
        return int(pk)
    except ValueError as error:
        raise GraphQLError(f"Invalid ID: {global_id}. Expected: {only_type}.") from error
