"""The boundary check every argument passes: text PostgreSQL can store, numbers that are finite.

PostgreSQL refuses a NUL character in text (and in JSON), and a lone UTF-16 surrogate
(`"\\ud800"`, which JSON allows) cannot be encoded to UTF-8: either reached the database as a 500.
So every string in an argument (nested input objects, lists, and the keys and values of
JSONString documents) is checked before a resolver runs, and so is every number (a literal such
as `1e400` parses to an infinite float).

Mutations report the first offending argument as a field error (`BaseMutation`); other fields
raise a GraphQL error (`refuse_unstorable_arguments` wraps their resolvers).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import wraps
from typing import Any

from graphene.utils.str_converters import to_camel_case
from graphql import GraphQLError, GraphQLObjectType, GraphQLSchema, default_field_resolver

_UNSTORABLE_TEXT = re.compile("[\x00\ud800-\udfff]")


@dataclass(frozen=True)
class UnstorableValue:
    """Where an argument holds a value that cannot be stored, and why."""

    path: tuple[str | int, ...]
    reason: str

    @property
    def argument(self) -> str:
        """The argument, camelCase, as the client wrote it."""
        return to_camel_case(str(self.path[0]))

    @property
    def message(self) -> str:
        shown = ".".join(_shown_part(part) for part in self.path)
        return f"{shown}: {self.reason}"


def _shown_part(part: str | int) -> str:
    """A path part for a message: a JSON key may itself be the bad or a huge string."""
    if isinstance(part, int):
        return str(part)
    text = _UNSTORABLE_TEXT.sub("\N{REPLACEMENT CHARACTER}", to_camel_case(part))
    return text if len(text) <= 40 else text[:37] + "..."


def text_problem(text: str) -> str | None:
    """Why `text` cannot be stored, or None when it can."""
    found = _UNSTORABLE_TEXT.search(text)
    if found is None:
        return None
    if found.group() == "\x00":
        return "Text cannot contain the NUL character (\\u0000)."
    return "Text cannot contain a lone UTF-16 surrogate (\\ud800-\\udfff)."


def _number_problem(number: float | Decimal) -> str | None:
    finite = number.is_finite() if isinstance(number, Decimal) else math.isfinite(number)
    return None if finite else "Numbers must be finite (not NaN or infinite)."


def _problems(value: Any, path: tuple[str | int, ...]) -> Iterator[UnstorableValue]:
    if isinstance(value, str):
        reason = text_problem(value)
        if reason:
            yield UnstorableValue(path, reason)
    elif isinstance(value, bool):
        return
    elif isinstance(value, float | Decimal):
        reason = _number_problem(value)
        if reason:
            yield UnstorableValue(path, reason)
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and (reason := text_problem(key)):
                yield UnstorableValue((*path, key), reason)
            yield from _problems(item, (*path, key))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _problems(item, (*path, index))


def find_unstorable_value(arguments: dict[str, Any]) -> UnstorableValue | None:
    """The first string or number in the arguments that cannot be stored, if any.

    Arguments are as resolvers receive them (snake_case keys, JSONString parsed); the walk
    descends input objects, lists and JSON documents."""
    for name, value in arguments.items():
        for problem in _problems(value, (name,)):
            return problem
    return None


def mutation_error_field(problem: UnstorableValue) -> str:
    """The field a mutation's error names: the argument, or the field of its `input` object
    (as every other error of Saleor's `input` mutations names it)."""
    if problem.path[0] == "input" and len(problem.path) > 1 and isinstance(problem.path[1], str):
        return to_camel_case(problem.path[1])
    return problem.argument


def _refusing(resolve: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(resolve)
    def resolve_checked(root: Any, info: Any, **arguments: Any) -> Any:
        if arguments:
            problem = find_unstorable_value(arguments)
            if problem is not None:
                raise GraphQLError(f"Invalid value for argument {problem.message}")
        return resolve(root, info, **arguments)

    return resolve_checked


def refuse_unstorable_arguments(schema: GraphQLSchema) -> None:
    """Wrap the resolver of every query field that takes arguments (filters, search, slugs,
    keys) so an unstorable value is a GraphQL error naming the argument, not a database error.
    Mutation fields are left to `BaseMutation`, which reports a field error instead."""
    mutation_type = schema.mutation_type
    for named_type in schema.type_map.values():
        if not isinstance(named_type, GraphQLObjectType) or named_type is mutation_type:
            continue
        if named_type.name.startswith("__"):
            continue
        for field in named_type.fields.values():
            if field.args:
                field.resolve = _refusing(field.resolve or default_field_resolver)
