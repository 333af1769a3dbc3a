"""Saleor's StockErrorCode and WarehouseErrorCode values."""

from enum import StrEnum


class StockErrorCode(StrEnum):
    ALREADY_EXISTS = "already_exists"
    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    REQUIRED = "required"
    UNIQUE = "unique"
