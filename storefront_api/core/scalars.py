"""Saleor's custom scalars: `Upload` (multipart files), `PositiveDecimal`, `WeightScalar`, `JSON`,
and graphene's `Decimal` and `JSONString` with their parse errors as GraphQL errors.

A scalar that cannot parse its input raises `GraphQLError`: graphql-core reports it as a
validation error with its message (any other exception reaches the client as "Internal Server
Error"). Numbers are finite: NaN and infinities are refused where the input is read.
"""

from __future__ import annotations

import json
from decimal import Decimal as PythonDecimal
from decimal import InvalidOperation
from typing import Any

import graphene
from graphql import GraphQLError, value_from_ast_untyped
from graphql.language import ast


def _to_decimal(value: Any) -> PythonDecimal | None:
    """A finite Decimal from a string or number; floats go through `str` so no binary noise."""
    if isinstance(value, bool):
        return None
    try:
        number = PythonDecimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None
    return number if number.is_finite() else None


def _shown(value: Any) -> str:
    """The value for an error message, cut short (a client may send megabytes)."""
    text = repr(value)
    return text if len(text) <= 50 else text[:47] + "..."


class _NonNegativeDecimal(graphene.Scalar):
    """Parses numbers and numeric strings to Decimal (never through float) and refuses
    negatives, NaN and infinities."""

    class Meta:
        abstract = True

    @staticmethod
    def parse_value(value: Any) -> PythonDecimal:
        number = _to_decimal(value)
        if number is None or number < 0:
            raise GraphQLError(f"Expected a non-negative decimal, got {_shown(value)}.")
        return number

    @classmethod
    def parse_literal(cls, node: Any, _variables: Any = None) -> PythonDecimal:
        if isinstance(node, ast.IntValueNode | ast.FloatValueNode | ast.StringValueNode):
            return cls.parse_value(node.value)
        raise GraphQLError("Expected a non-negative decimal.")


class PositiveDecimal(_NonNegativeDecimal):
    """An amount of zero or more, exact to the digit: prices and quantities of money."""

    @staticmethod
    def serialize(value: Any) -> Any:
        return str(value) if isinstance(value, PythonDecimal) else value


class WeightScalar(graphene.Scalar):
    """A weight in kilograms, as a number or a string."""

    @staticmethod
    def serialize(value: Any) -> Any:
        return float(value) if isinstance(value, PythonDecimal) else value

    @staticmethod
    def parse_value(value: Any) -> PythonDecimal:
        # A negative weight parses (as in Saleor): the domain refuses it with a field error.
        number = _to_decimal(value)
        if number is None:
            raise GraphQLError(f"Expected a weight as a finite decimal, got {_shown(value)}.")
        return number

    @classmethod
    def parse_literal(cls, node: Any, _variables: Any = None) -> PythonDecimal:
        if isinstance(node, ast.IntValueNode | ast.FloatValueNode | ast.StringValueNode):
            return cls.parse_value(node.value)
        raise GraphQLError("Expected a weight as a finite decimal.")


class Decimal(graphene.Scalar):
    """graphene's `Decimal`, finite only."""

    class Meta:
        name = "Decimal"
        description = graphene.Decimal._meta.description

    serialize = staticmethod(graphene.Decimal.serialize)

    @staticmethod
    def parse_value(value: Any) -> PythonDecimal:
        number = _to_decimal(value)
        if number is None:
            raise GraphQLError(f"Expected a finite decimal, got {_shown(value)}.")
        return number

    @classmethod
    def parse_literal(cls, node: Any, _variables: Any = None) -> PythonDecimal:
        if isinstance(node, ast.IntValueNode | ast.FloatValueNode | ast.StringValueNode):
            return cls.parse_value(node.value)
        raise GraphQLError("Expected a finite decimal.")


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows.")


class JSONString(graphene.Scalar):
    """graphene's `JSONString`; badly formed JSON (or NaN, Infinity) is a GraphQL error."""

    class Meta:
        name = "JSONString"
        description = graphene.JSONString._meta.description

    serialize = staticmethod(graphene.JSONString.serialize)

    @staticmethod
    def parse_value(value: Any) -> Any:
        if not isinstance(value, str):
            raise GraphQLError("Expected a JSON document in a string.")
        try:
            return json.loads(value, parse_constant=_refuse_constant)
        except (ValueError, RecursionError) as error:
            raise GraphQLError(f"Badly formed JSONString: {error}") from None

    @classmethod
    def parse_literal(cls, node: Any, _variables: Any = None) -> Any:
        if isinstance(node, ast.StringValueNode):
            return cls.parse_value(node.value)
        raise GraphQLError("Expected a JSON document in a string.")


class Upload(graphene.Scalar):
    """A file sent with the GraphQL multipart request spec; resolvers receive the Django file."""

    @staticmethod
    def serialize(value: Any) -> Any:
        return value

    @staticmethod
    def parse_value(value: Any) -> Any:
        return value

    @staticmethod
    def parse_literal(_node: Any, _variables: Any = None) -> Any:
        return None


class _Count(graphene.Scalar):
    """A whole, non-negative number of a unit of time (Saleor's Minute, Hour and Day)."""

    @staticmethod
    def serialize(value: Any) -> Any:
        return int(value) if value is not None else None

    @classmethod
    def parse_value(cls, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise GraphQLError(f"Expected a whole number of zero or more, got {_shown(value)}.")
        return value

    @classmethod
    def parse_literal(cls, node: Any, _variables: Any = None) -> int:
        if isinstance(node, ast.IntValueNode):
            return cls.parse_value(int(node.value))
        raise GraphQLError("Expected a whole number of zero or more.")


class Minute(_Count):
    """A number of minutes."""


class Hour(_Count):
    """A number of hours."""


class Day(_Count):
    """A number of days."""


class Metadata(graphene.Scalar):
    """Saleor's `Metadata`: a JSON object whose keys and values are strings."""

    class Meta:
        name = "Metadata"
        description = "A map of metadata: keys and values are strings."

    @staticmethod
    def serialize(value: Any) -> dict[str, str]:
        return dict(value)

    @staticmethod
    def parse_value(value: Any) -> dict[str, str]:
        if not isinstance(value, dict) or not all(
            isinstance(key, str) and isinstance(item, str) for key, item in value.items()
        ):
            raise GraphQLError("Metadata must be an object of strings.")
        return value

    @classmethod
    def parse_literal(cls, node: Any, _variables: Any = None) -> dict[str, str]:
        if not isinstance(node, ast.ObjectValueNode):
            raise GraphQLError("Metadata must be an object of strings.")
        parsed = {}
        for field in node.fields:
            if not isinstance(field.value, ast.StringValueNode):
                raise GraphQLError("Metadata must be an object of strings.")
            parsed[field.name.value] = field.value.value
        return parsed


class JSON(graphene.Scalar):
    """Saleor's `JSON`: any JSON value, given inline or as a variable (a payment gateway's
    `data`, which the gateway, not Haat, understands)."""

    class Meta:
        name = "JSON"
        description = "Any JSON value: an object, a list, a string, a number, a boolean or null."

    @staticmethod
    def serialize(value: Any) -> Any:
        return value

    @staticmethod
    def parse_value(value: Any) -> Any:
        return value

    @classmethod
    def parse_literal(cls, node: Any, _variables: Any = None) -> Any:
        return value_from_ast_untyped(node, _variables)
