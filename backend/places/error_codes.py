"""Haat's CentreErrorCode (Saleor has no centres)."""

from enum import StrEnum


class CentreErrorCode(StrEnum):
    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    REQUIRED = "required"
    UNIQUE = "unique"
