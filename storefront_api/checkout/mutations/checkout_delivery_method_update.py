"""checkoutDeliveryMethodUpdate: a shipping method or a collection point (a Warehouse id)."""

from __future__ import annotations

import graphene

from backend.checkout.delivery_method import update_delivery_method
from backend.checkout.error_codes import CheckoutErrorCode
from backend.core.errors import field_error
from storefront_api.core.ids import parse_global_id

from ..errors import CheckoutError, CheckoutMutation
from ..types import Checkout
from .common import checkout_id_arguments, payload_checkout, token_from


def _delivery_method(global_id: str | None) -> tuple[str | None, int | None]:
    """(shipping method id, collection point pk) the ID names; neither for no ID."""
    if not global_id:
        return None, None
    parsed = parse_global_id(global_id)
    if parsed is not None and parsed[0] == "ShippingMethod":
        return parsed[1], None
    if parsed is not None and parsed[0] == "Warehouse" and parsed[1].isdigit():
        return None, int(parsed[1])
    raise field_error(
        "delivery_method_id",
        f"Invalid ID: {global_id}. Expected: ShippingMethod or Warehouse.",
        CheckoutErrorCode.GRAPHQL_ERROR,
    )


class CheckoutDeliveryMethodUpdate(CheckoutMutation):
    checkout = graphene.Field(Checkout)

    Arguments = type(
        "Arguments",
        (),
        {
            **checkout_id_arguments(with_checkout_id=False),
            "delivery_method_id": graphene.ID(
                description="A ShippingMethod ID or a collection point's Warehouse ID; null "
                "clears the choice."
            ),
        },
    )

    class Meta:
        description = "Choose how the checkout is delivered: shipped, or collected at a centre."
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        method_id, point_id = _delivery_method(data.get("delivery_method_id"))
        checkout_info = update_delivery_method(
            token=token_from(data),
            requestor=info.context.user,
            shipping_method_id=method_id,
            collection_point_id=point_id,
            manager=info.context.plugins,
        )
        return cls(checkout=payload_checkout(info, checkout_info))
