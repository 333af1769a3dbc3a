"""Saleor's error codes for apps, webhooks and plugins."""

from __future__ import annotations

from enum import StrEnum


class WebhookErrorCode(StrEnum):
    GRAPHQL_ERROR = "GRAPHQL_ERROR"
    INVALID = "INVALID"
    NOT_FOUND = "NOT_FOUND"
    REQUIRED = "REQUIRED"
    UNIQUE = "UNIQUE"
    DELETE_FAILED = "DELETE_FAILED"
    MISSING_EVENT = "MISSING_EVENT"


class AppErrorCode(StrEnum):
    FORBIDDEN = "FORBIDDEN"
    GRAPHQL_ERROR = "GRAPHQL_ERROR"
    INVALID = "INVALID"
    INVALID_STATUS = "INVALID_STATUS"
    INVALID_PERMISSION = "INVALID_PERMISSION"
    NOT_FOUND = "NOT_FOUND"
    REQUIRED = "REQUIRED"
    UNIQUE = "UNIQUE"
    OUT_OF_SCOPE_APP = "OUT_OF_SCOPE_APP"
    OUT_OF_SCOPE_PERMISSION = "OUT_OF_SCOPE_PERMISSION"
