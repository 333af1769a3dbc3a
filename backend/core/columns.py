"""Whether a row's values fit its columns, checked before the save so a bad value is a field
error and not a database error (`value too long`, `numeric field overflow`, `integer out of
range`, a NUL in text, an infinite float that no reader can serialise).
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from enum import Enum
from typing import Any

from django.db import connection, models

from .errors import field_error

_UNSTORABLE_TEXT = re.compile("[\x00\ud800-\udfff]")


def column_problem(field: models.Field, value: Any) -> str | None:
    """Why `value` does not fit the column of `field`, or None when it does."""
    if value is None:
        return None
    if isinstance(value, str):
        if _UNSTORABLE_TEXT.search(value):
            return "The text contains a character that cannot be stored (NUL or a lone surrogate)."
        if field.max_length is not None and len(value) > field.max_length:
            return f"At most {field.max_length} characters."
        return None
    if isinstance(field, models.DecimalField) and isinstance(value, Decimal | int | float):
        return _decimal_problem(field, Decimal(str(value)))
    if isinstance(field, models.FloatField) and isinstance(value, float | int):
        return None if math.isfinite(value) else "The number must be finite."
    if isinstance(field, models.IntegerField) and isinstance(value, int):
        low, high = connection.ops.integer_field_range(field.get_internal_type())
        if (low is not None and value < low) or (high is not None and value > high):
            return f"The number must be between {low} and {high}."
    return None


def _decimal_problem(field: models.DecimalField, number: Decimal) -> str | None:
    if not number.is_finite():
        return "The number must be finite."
    places = field.decimal_places or 0
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -places:
        return f"At most {places} decimal places."
    max_digits = field.max_digits or 0
    if abs(number) >= Decimal(10) ** (max_digits - places):
        return f"At most {max_digits - places} digits before the decimal point."
    return None


def check_column_values(
    instance: models.Model, *, code: Enum | str, fields: tuple[str, ...] | None = None
) -> None:
    """Raise a field error (keyed by the model field, with `code`) for the first value of
    `instance` that does not fit its column; `fields` limits the check to those."""
    for field in instance._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        if field.primary_key or field.is_relation:
            continue
        problem = column_problem(field, getattr(instance, field.attname))
        if problem:
            raise field_error(field.name, problem, code)


def check_value_fits(
    model: type[models.Model], field_name: str, value: Any, *, code: Enum | str
) -> None:
    """`check_column_values` for one value that is not (yet) on an instance."""
    field = model._meta.get_field(field_name)
    if not isinstance(field, models.Field):
        raise TypeError(f"{model.__name__}.{field_name} is not a column.")
    problem = column_problem(field, value)
    if problem:
        raise field_error(field_name, problem, code)
