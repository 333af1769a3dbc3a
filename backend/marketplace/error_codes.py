"""Haat's VendorErrorCode (Saleor has no vendors)."""

from enum import StrEnum


class VendorErrorCode(StrEnum):
    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    INVALID_STATUS = "invalid_status"
    NOT_FOUND = "not_found"
    REQUIRED = "required"
    UNIQUE = "unique"
