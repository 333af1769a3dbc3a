"""CheckoutError, and the mutation base that fills its `variants`, `lines` and `addressType`."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import graphene
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from graphql_relay import to_global_id

from backend.checkout.error_codes import CheckoutErrorCode as Codes
from backend.core.errors import field_error
from storefront_api.accounts.enums import AddressTypeEnum
from storefront_api.core.errors import Error
from storefront_api.core.ids import parse_global_id
from storefront_api.core.mutations import BaseMutation

from .enums import CheckoutErrorCode


class CheckoutError(Error):
    code = graphene.Field(CheckoutErrorCode, required=True, description="The error code.")
    variants = graphene.List(
        graphene.NonNull(graphene.ID), description="The variants the error is about."
    )
    lines = graphene.List(
        graphene.NonNull(graphene.ID), description="The checkout lines the error is about."
    )
    address_type = graphene.Field(
        AddressTypeEnum, description="Which of the checkout's addresses the error is about."
    )

    class Meta:
        description = "An error from a checkout mutation."


class CheckoutMutation(BaseMutation):
    """A checkout mutation: errors name the variants, lines and address they are about."""

    class Meta:
        abstract = True

    @classmethod
    def handle_errors(
        cls, error: ValidationError, *, renamed: dict[str, str] | None = None, **extra: Any
    ):
        errors = []
        by_field = error.error_dict if hasattr(error, "error_dict") else {None: error.error_list}
        for field, items in by_field.items():
            for item in items:
                params = dict(item.params or {})
                variants = params.pop("variants", None)
                lines = params.pop("lines", None)
                address_type = params.pop("address_type", None)
                message = item.message % params if params else item.message
                code = getattr(item.code, "value", item.code) or "invalid"
                errors.append(
                    CheckoutError(
                        field=cls.api_field(None if field == NON_FIELD_ERRORS else field, renamed),
                        message=str(message),
                        code=str(code).lower(),
                        variants=(
                            [to_global_id("ProductVariant", pk) for pk in variants]
                            if variants is not None
                            else None
                        ),
                        lines=(
                            [to_global_id("CheckoutLine", line) for line in lines]
                            if lines is not None
                            else None
                        ),
                        address_type=address_type,
                    )
                )
        return cls(errors=errors, **extra)


_ID_REQUIRED = "At least one of arguments is required: 'checkout_id', 'token', 'id'."


def checkout_token(
    *, id: str | None = None, token: UUID | None = None, checkout_id: str | None = None
) -> UUID:
    """The token a mutation's `id` (or deprecated `token` / `checkoutId`) names."""
    if token is not None:
        return token
    global_id = id or checkout_id
    if not global_id:
        raise field_error("id", _ID_REQUIRED, Codes.GRAPHQL_ERROR)
    token = uuid_of(global_id, "Checkout")
    if token is None:
        raise field_error(
            "id", f"Invalid ID: {global_id}. Expected: Checkout.", Codes.GRAPHQL_ERROR
        )
    return token


def uuid_of(global_id: str, type_name: str) -> UUID | None:
    """The UUID pk of a `Checkout` or `CheckoutLine` global ID; None for anything else."""
    parsed = parse_global_id(global_id)
    if parsed is None or parsed[0] != type_name:
        return None
    try:
        value = UUID(parsed[1])
    except ValueError:
        return None
    return value if str(value) == parsed[1] else None
