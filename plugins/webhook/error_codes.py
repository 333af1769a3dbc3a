"""Saleor's error codes for webhooks (values lower-case, as in every domain app)."""

from __future__ import annotations

from enum import StrEnum


class WebhookErrorCode(StrEnum):
    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    REQUIRED = "required"
    UNIQUE = "unique"
    DELETE_FAILED = "delete_failed"
    MISSING_EVENT = "missing_event"
