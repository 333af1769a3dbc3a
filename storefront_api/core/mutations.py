"""The small mutation base (STYLE.md 5): declare description, error type and permissions in
Meta; `perform_mutation` parses input and calls one domain function."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import graphene
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from graphene.types.mutation import MutationOptions
from graphene.utils.str_converters import to_camel_case

from backend.core.permissions import has_permissions

from .errors import PermissionDenied, validation_error_to_list
from .input_validation import find_unstorable_value, mutation_error_field


class BaseMutationOptions(MutationOptions):
    error_type_class = None
    error_type_field = "errors"
    permissions: tuple = ()
    error_field_names: dict[str, str] = {}
    staff_only = False


class BaseMutation(graphene.Mutation):
    class Meta:
        abstract = True

    @classmethod
    def __init_subclass_with_meta__(
        cls,
        description: str | None = None,
        error_type_class: type | None = None,
        permissions: Iterable | None = None,
        error_field_names: dict[str, str] | None = None,
        _meta: BaseMutationOptions | None = None,
        **options: Any,
    ) -> None:
        if not description:
            raise ValueError(f"{cls.__name__} needs a description.")
        if error_type_class is None:
            raise ValueError(f"{cls.__name__} needs an error_type_class.")
        if _meta is None:
            _meta = BaseMutationOptions(cls)
        _meta.error_type_class = error_type_class
        _meta.permissions = tuple(permissions or ())
        _meta.error_field_names = dict(error_field_names or {})
        fields = {
            "errors": graphene.Field(
                graphene.NonNull(graphene.List(graphene.NonNull(error_type_class))),
                description="What went wrong; empty when the mutation succeeded.",
            )
        }
        super().__init_subclass_with_meta__(description=description, _meta=_meta, **options)
        cls._meta.fields.update(fields)

    @classmethod
    def check_permissions(cls, context: Any) -> bool:
        permissions = cls._meta.permissions
        return not permissions or has_permissions(context.user, permissions)

    @classmethod
    def mutate(cls, root: Any, info: Any, **data: Any):
        if not cls.check_permissions(info.context):
            raise PermissionDenied(permissions=list(cls._meta.permissions))
        unstorable = find_unstorable_value(data)
        if unstorable is not None:
            # Before any read or write: PostgreSQL would refuse the value mid-mutation.
            return cls.handle_errors(
                ValidationError(
                    {
                        mutation_error_field(unstorable): ValidationError(
                            unstorable.message, "invalid"
                        )
                    }
                )
            )
        try:
            response = cls.perform_mutation(root, info, **data)
        except ValidationError as error:
            return cls.handle_errors(error)
        except DjangoPermissionDenied as error:
            raise PermissionDenied(str(error) or None) from error
        if response.errors is None:
            response.errors = []
        return response

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any):
        raise NotImplementedError

    @classmethod
    def api_field(cls, field: str | None, renamed: dict[str, str] | None = None) -> str | None:
        """The argument name for a domain field, the one place the API renames them.

        The domain names its own fields (`category`, `price_amount`, `redirect_url`). A field
        becomes its argument as graphene names arguments (`redirect_url` -> `redirectUrl`) unless
        `Meta.error_field_names` maps it to another argument (`price_amount` -> `price`);
        `renamed` overrides that for one call (when two arguments can carry one domain field,
        as Saleor's deprecated synonyms do: the one the client used)."""
        if not field:
            return field
        names = {**getattr(cls._meta, "error_field_names", {}), **(renamed or {})}
        return names.get(field) or to_camel_case(field)

    @classmethod
    def handle_errors(
        cls, error: ValidationError, *, renamed: dict[str, str] | None = None, **extra: Any
    ):
        error_type = cls._meta.error_type_class
        errors = [
            error_type(field=cls.api_field(field, renamed), message=message, code=code.lower())
            for field, message, code in validation_error_to_list(error)
        ]
        return cls(errors=errors, **extra)


def integrity_error_to_validation(
    error: IntegrityError, field: str, message: str
) -> ValidationError:
    """A race lost to a unique constraint is reported as the UNIQUE error, not a 500."""
    return ValidationError({field: ValidationError(message, code="unique")})
