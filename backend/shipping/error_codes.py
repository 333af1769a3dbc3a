"""Saleor's ShippingErrorCode values."""

from enum import StrEnum


class ShippingErrorCode(StrEnum):
    ALREADY_EXISTS = "already_exists"
    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    MAX_LESS_THAN_MIN = "max_less_than_min"
    NOT_FOUND = "not_found"
    REQUIRED = "required"
    UNIQUE = "unique"
    DUPLICATED_INPUT_ITEM = "duplicated_input_item"
