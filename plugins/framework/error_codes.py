"""Saleor's PluginErrorCode (values lower-case, as Saleor's and Haat's other error codes)."""

from __future__ import annotations

from enum import StrEnum


class PluginErrorCode(StrEnum):
    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    PLUGIN_MISCONFIGURED = "plugin_misconfigured"
    NOT_FOUND = "not_found"
    REQUIRED = "required"
    UNIQUE = "unique"
