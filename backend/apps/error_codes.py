"""Saleor's `AppErrorCode` (values lower-case, as in every domain app)."""

from __future__ import annotations

from enum import StrEnum


class AppErrorCode(StrEnum):
    FORBIDDEN = "forbidden"
    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    INVALID_STATUS = "invalid_status"
    INVALID_PERMISSION = "invalid_permission"
    NOT_FOUND = "not_found"
    REQUIRED = "required"
    UNIQUE = "unique"
    OUT_OF_SCOPE_APP = "out_of_scope_app"
    OUT_OF_SCOPE_PERMISSION = "out_of_scope_permission"
