"""Checks of root-field arguments shared by every domain's queries."""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLError

from .enums import LanguageCodeEnum


def exactly_one_of(**lookups: Any) -> dict[str, Any]:
    """The one argument given (name to value), or Saleor's top-level error naming them all."""
    given = {name: value for name, value in lookups.items() if value is not None}
    if len(given) != 1:
        names = ", ".join(f"'{name}'" for name in lookups)
        raise GraphQLError(f"Exactly one of arguments is required: {names}.")
    return given


def slug_language_code_argument() -> graphene.Argument:
    return graphene.Argument(
        LanguageCodeEnum, description="Accepted for compatibility: Haat's slugs are not translated."
    )
