"""Enum fields answer for a model's choices however the row holds them.

A row read from the database holds a choice as its plain value (`"pending"`), but a row the
domain has just created holds the Django choices member it was given (`VendorStatus.PENDING`).
graphene's enum types look members of their own Python enum up by value and refuse any other
enum's member, so a mutation's payload failed after its write had committed (an error reported,
a change made). Every enum of the schema reads a foreign member by its value instead.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from graphql import GraphQLEnumType, GraphQLSchema


def serialize_foreign_enum_members_by_value(schema: GraphQLSchema) -> None:
    for graphql_type in schema.type_map.values():
        if isinstance(graphql_type, GraphQLEnumType) and not graphql_type.name.startswith("__"):
            _accept_foreign_members(graphql_type)


def _accept_foreign_members(enum_type: GraphQLEnumType) -> None:
    serialize = enum_type.serialize
    own = getattr(getattr(getattr(enum_type, "graphene_type", None), "_meta", None), "enum", None)

    def serialize_by_value(output_value: Any) -> Any:
        if isinstance(output_value, Enum) and not (own and isinstance(output_value, own)):
            output_value = output_value.value
        return serialize(output_value)

    enum_type.serialize = serialize_by_value  # type: ignore[method-assign]
