"""The one way the domain reports a bad input: a `ValidationError` keyed by a domain field.

Services name their own fields (`category`, `parent`, `price_amount`); the API maps them to its
argument names in one place (`storefront_api.core.errors`), so a domain rule can be reused by the
admin, tasks and the next API without speaking one mutation's dialect.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def field_error(
    field: str | None,
    message: str,
    code: Enum | str,
    *,
    index: int | None = None,
    **params: Any,
) -> ValidationError:
    """A ValidationError on `field` (None: the input as a whole) with an error-code enum member.

    `index` marks the position of the failing item in a list argument (Saleor's `index`).
    """
    if index is not None:
        params["index"] = index
    code_value = code.value if isinstance(code, Enum) else code
    error = ValidationError(message, code=code_value, params=params or None)
    return ValidationError({field or NON_FIELD_ERRORS: error})
