"""Saleor's custom scalars: `Upload` (multipart files), `PositiveDecimal`, `WeightScalar`."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

import graphene
from graphql.language import ast


def _to_decimal(value: Any) -> Decimal | None:
    """A finite Decimal from a string or number; floats go through `str` so no binary noise."""
    if isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None
    return number if number.is_finite() else None


class _NonNegativeDecimal(graphene.Scalar):
    """Parses numbers and numeric strings to Decimal (never through float) and refuses
    negatives, NaN and infinities."""

    class Meta:
        abstract = True

    @staticmethod
    def parse_value(value: Any) -> Decimal:
        number = _to_decimal(value)
        if number is None or number < 0:
            raise ValueError(f"Expected a non-negative decimal, got {value!r}.")
        return number

    @classmethod
    def parse_literal(cls, node: Any, _variables: Any = None) -> Decimal:
        if isinstance(node, ast.IntValueNode | ast.FloatValueNode | ast.StringValueNode):
            return cls.parse_value(node.value)
        raise ValueError("Expected a non-negative decimal.")


class PositiveDecimal(_NonNegativeDecimal):
    """An amount of zero or more, exact to the digit: prices and quantities of money."""

    @staticmethod
    def serialize(value: Any) -> Any:
        return str(value) if isinstance(value, Decimal) else value


class WeightScalar(_NonNegativeDecimal):
    """A weight in kilograms, as a number or a string."""

    @staticmethod
    def serialize(value: Any) -> Any:
        return float(value) if isinstance(value, Decimal) else value


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
