"""Haat's CentreErrorCode (Saleor has no centres)."""

from enum import StrEnum


class CentreErrorCode(StrEnum):
    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    REQUIRED = "required"
    UNIQUE = "unique"


class AddressErrorCode(StrEnum):
    """Why an address was refused; the values are the codes Saleor's error enums use for it."""

    INVALID = "invalid"
    REQUIRED = "required"
