"""Shared by the stock mutations: StockInput lines as the domain's quantities, and Saleor's
BulkStockError (which says which input line failed)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from storefront_api.catalog.mutations.utils import stock_quantities
from storefront_api.core.errors import validation_error_to_list

__all__ = ["bulk_stock_errors", "stock_quantities"]


def bulk_stock_errors(error_type, error: ValidationError) -> list:
    """BulkStockError objects, with `index` taken from the ValidationError's params."""
    indexes: list[int | None] = []
    items = error.error_dict.items() if hasattr(error, "error_dict") else [(None, error.error_list)]
    for _field, errors in items:
        indexes.extend((item.params or {}).get("index") for item in errors)
    return [
        error_type(field=field, message=message, code=code.lower(), index=index)
        for (field, message, code), index in zip(
            validation_error_to_list(error), indexes, strict=True
        )
    ]
