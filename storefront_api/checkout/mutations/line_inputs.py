"""Saleor's CheckoutLineInput and CheckoutLineUpdateInput, and their domain values."""

from __future__ import annotations

from typing import Any

import graphene

from backend.checkout.error_codes import CheckoutErrorCode
from backend.checkout.lines import LineInput, LineUpdate
from backend.core.errors import field_error
from storefront_api.core.ids import int_pk_or_none
from storefront_api.core.scalars import PositiveDecimal
from storefront_api.core.types import MetadataInput, metadata_input_to_dict

from ..errors import uuid_of


class CheckoutLineInput(graphene.InputObjectType):
    quantity = graphene.Int(required=True, description="The number of items purchased.")
    variant_id = graphene.ID(required=True, description="ID of the product variant.")
    price = PositiveDecimal(
        description="Custom price of the item (apps with HANDLE_CHECKOUTS only; Haat refuses "
        "it: prices come from the channel listing)."
    )
    force_new_line = graphene.Boolean(
        default_value=False, description="Add a new line even if the variant is in the checkout."
    )
    metadata = graphene.List(graphene.NonNull(MetadataInput), description="Line metadata.")

    class Meta:
        description = "A variant and how many of it to add."


class CheckoutLineUpdateInput(graphene.InputObjectType):
    variant_id = graphene.ID(
        description="ID of the product variant.", deprecation_reason="Use `lineId` instead."
    )
    quantity = graphene.Int(description="The new quantity; 0 removes the line.")
    price = PositiveDecimal(description="Custom price of the item (refused: see the input).")
    line_id = graphene.ID(description="ID of the line.")
    metadata = graphene.List(graphene.NonNull(MetadataInput), description="Line metadata.")

    class Meta:
        description = "A line's new quantity or metadata."


def variant_pk(global_id: str) -> int:
    pk = int_pk_or_none(global_id, "ProductVariant")
    if pk is None:
        raise field_error(
            "variant_id",
            f"Invalid ID: {global_id}. Expected: ProductVariant.",
            CheckoutErrorCode.GRAPHQL_ERROR,
        )
    return pk


def _refuse_custom_price(item: Any) -> None:
    if item.get("price") is not None:
        raise field_error(
            "price",
            "Only apps with HANDLE_CHECKOUTS may set a custom price; Haat has none.",
            CheckoutErrorCode.INVALID,
        )


def line_inputs(items: list[Any]) -> list[LineInput]:
    values = []
    for item in items:
        _refuse_custom_price(item)
        values.append(
            LineInput(
                variant_id=variant_pk(item["variant_id"]),
                quantity=item["quantity"],
                force_new_line=bool(item.get("force_new_line")),
                metadata=metadata_input_to_dict(item.get("metadata")),
            )
        )
    return values


def line_updates(items: list[Any]) -> list[LineUpdate]:
    values = []
    for item in items:
        _refuse_custom_price(item)
        line_id = None
        variant_id = None
        if item.get("line_id"):
            line_id = uuid_of(item["line_id"], "CheckoutLine")
            if line_id is None:
                raise field_error(
                    "line_id",
                    f"Invalid ID: {item['line_id']}. Expected: CheckoutLine.",
                    CheckoutErrorCode.GRAPHQL_ERROR,
                )
        elif item.get("variant_id"):
            variant_id = variant_pk(item["variant_id"])
        else:
            raise field_error(
                "line_id",
                "One of lineId or variantId is required.",
                CheckoutErrorCode.GRAPHQL_ERROR,
            )
        values.append(
            LineUpdate(
                line_id=line_id,
                variant_id=variant_id,
                quantity=item.get("quantity"),
                metadata=metadata_input_to_dict(item.get("metadata")),
            )
        )
    return values


def line_ids(global_ids: list[str], field: str) -> list:
    ids = []
    for global_id in global_ids:
        line_id = uuid_of(global_id, "CheckoutLine")
        if line_id is None:
            raise field_error(
                field,
                f"Invalid ID: {global_id}. Expected: CheckoutLine.",
                CheckoutErrorCode.GRAPHQL_ERROR,
            )
        ids.append(line_id)
    return ids
