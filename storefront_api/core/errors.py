"""Errors: typed mutation errors (field, message, code) and top-level GraphQL errors."""

from __future__ import annotations

from enum import Enum

import graphene
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from graphql import GraphQLError


class PermissionDenied(GraphQLError):
    """Top-level error, as in Saleor, with `extensions.exception.code = PermissionDenied`."""

    def __init__(self, message: str | None = None, permissions: list | None = None):
        if message is None:
            if permissions:
                names = ", ".join(getattr(p, "name", str(p)) for p in permissions)
                message = (
                    "You need one of the following permissions: " + names
                    if len(permissions) > 1
                    else f"You need the following permission: {names}"
                )
            else:
                message = "You do not have permission to perform this action"
        super().__init__(message, extensions={"exception": {"code": "PermissionDenied"}})


class Error(graphene.ObjectType):
    field = graphene.String(
        description="Name of the field that caused the error; null for the input as a whole."
    )
    message = graphene.String(description="What went wrong, in words for people.")

    class Meta:
        description = "An error from a mutation."


def validation_error_to_list(error: ValidationError) -> list[tuple[str | None, str, str]]:
    """(field, message, code) triples from a Django ValidationError (dict or list form)."""
    triples: list[tuple[str | None, str, str]] = []
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for item in errors:
                triples.append(_triple(None if field == NON_FIELD_ERRORS else field, item))
    else:
        for item in error.error_list:
            triples.append(_triple(getattr(item, "field", None), item))
    return triples


def _triple(field: str | None, item: ValidationError) -> tuple[str | None, str, str]:
    message = item.message % item.params if item.params else item.message
    code = item.code
    if isinstance(code, Enum):
        code = code.value
    return field, str(message), str(code or "invalid")
