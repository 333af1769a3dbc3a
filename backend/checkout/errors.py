"""How the checkout reports a refusal: a ValidationError keyed by a domain field, with Saleor's
CheckoutError extras (`variants`, `lines`, `address_type`) as params the API turns into IDs."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError

from backend.core.errors import field_error

from .error_codes import CheckoutErrorCode


def checkout_error(
    field: str | None,
    message: str,
    code: CheckoutErrorCode,
    *,
    variants: Iterable[int] | None = None,
    lines: Iterable[UUID] | None = None,
    address_type: str | None = None,
) -> ValidationError:
    """A field error naming the variants (pks) or lines (ids) it is about, as Saleor's
    CheckoutError does."""
    params: dict[str, Any] = {}
    if variants is not None:
        params["variants"] = list(dict.fromkeys(variants))
    if lines is not None:
        params["lines"] = list(dict.fromkeys(lines))
    if address_type is not None:
        params["address_type"] = address_type
    return field_error(field, message, code, **params)


def not_found(token: object) -> ValidationError:
    """The one answer for a checkout that does not exist or is not the requestor's: nobody
    learns whether someone else's checkout exists."""
    return checkout_error("id", f"Couldn't resolve to a node: {token}", CheckoutErrorCode.NOT_FOUND)
