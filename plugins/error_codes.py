"""Saleor's PluginErrorCode."""

from __future__ import annotations

from enum import StrEnum


class PluginErrorCode(StrEnum):
    GRAPHQL_ERROR = "GRAPHQL_ERROR"
    INVALID = "INVALID"
    PLUGIN_MISCONFIGURED = "PLUGIN_MISCONFIGURED"
    NOT_FOUND = "NOT_FOUND"
    REQUIRED = "REQUIRED"
    UNIQUE = "UNIQUE"
