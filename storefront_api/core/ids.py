"""Saleor's global IDs: base64 of `Type:pk`."""

from __future__ import annotations

import base64
import binascii
import re
from enum import Enum
from typing import Any

from django.db.models import Model
from graphql import GraphQLError
from graphql_relay import to_global_id

from backend.core.errors import field_error

__all__ = [
    "from_global_id_or_error",
    "from_global_id_or_none",
    "get_node_or_error",
    "get_nodes_or_error",
    "int_pk_or_error",
    "int_pk_or_none",
    "int_pks_or_error",
    "parse_global_id",
    "to_global_id",
]


#: A decimal pk as `to_global_id` writes one: ASCII digits, no sign, no leading zero, within
#: PostgreSQL's bigint (a bigger number names no row and must not reach the database).
_CANONICAL_INT = re.compile(r"0|[1-9][0-9]{0,18}")
_MAX_BIGINT = 2**63 - 1


def parse_global_id(global_id: object) -> tuple[str, str] | None:
    """`(type name, pk)` of a global ID in its one canonical form, or None.

    Canonical means `to_global_id(type, pk)` gives back exactly the string received: standard
    base64 with its padding and nothing else. Every decoder in this module goes through here, so
    `Product: 1`, `Product:01`, `Product:১` (Bangla one), unpadded, URL-safe or whitespace-laden
    spellings of an ID are refused everywhere alike instead of naming the same row under many
    names (which defeats caches, rate limits and "is this the same object" checks). Checking the
    type is left to the caller, which reports a foreign type its own way.
    """
    if not isinstance(global_id, str):
        return None
    try:
        decoded = base64.b64decode(global_id.encode("ascii"), validate=True).decode("utf-8")
    except (UnicodeEncodeError, binascii.Error, UnicodeDecodeError):
        return None
    type_name, colon, pk = decoded.partition(":")
    if not colon or not type_name or not pk:
        return None
    if to_global_id(type_name, pk) != global_id:
        return None
    try:
        number = int(pk)
    except ValueError:
        return type_name, pk  # a string pk (a plugin's id): its one encoding is enough
    # Anything `int()` reads (and so Django's integer fields: `০১`, ` 1`, `+1`, `1_0`) must be
    # the decimal `to_global_id` writes for that integer.
    if not _CANONICAL_INT.fullmatch(pk) or number > _MAX_BIGINT:
        return None
    return type_name, pk


def _int_pk(pk: str | None) -> int | None:
    """The integer of a pk `parse_global_id` accepted, None for a string pk."""
    return int(pk) if pk is not None and _CANONICAL_INT.fullmatch(pk) else None


def from_global_id_or_none(global_id: str, only_type: str | None = None) -> str | None:
    parsed = parse_global_id(global_id)
    if parsed is None or (only_type and parsed[0] != only_type):
        return None
    return parsed[1]


def from_global_id_or_error(global_id: str, only_type: str | None = None) -> str:
    """The pk an ID names, or a clear GraphQL error for a malformed or foreign ID."""
    parsed = parse_global_id(global_id)
    if parsed is None:
        raise GraphQLError(f"Invalid ID: {global_id}. Expected: {only_type or 'a node ID'}.")
    type_name, pk = parsed
    if only_type and type_name != only_type:
        raise GraphQLError(
            f"Invalid ID: {global_id}. Expected: {only_type}, received: {type_name}."
        )
    return pk


def int_pk_or_none(global_id: str, only_type: str) -> int | None:
    """The integer pk an ID of `only_type` names, or None for anything else (a query's single
    object answers null for an ID it cannot resolve, as Saleor does)."""
    return _int_pk(from_global_id_or_none(global_id, only_type))


def int_pks_or_error(global_ids: list[str] | None, only_type: str) -> list[int]:
    """The integer pks of a filter's list of IDs; a malformed one is a GraphQL error."""
    return [int_pk_or_error(global_id, only_type) for global_id in global_ids or ()]


def int_pk_or_error(global_id: str, only_type: str) -> int:
    pk = _int_pk(from_global_id_or_error(global_id, only_type))
    if pk is None:
        raise GraphQLError(f"Invalid ID: {global_id}. Expected: {only_type}.")
    return pk


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
