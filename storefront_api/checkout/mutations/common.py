"""What the checkout mutations share: Saleor's checkout arguments and the payload's checkout."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import graphene

from backend.checkout.fetch import CheckoutInfo

from ..dataloaders import remember_checkout
from ..errors import checkout_token

_DEPRECATED_ID = "Use `id` instead."


def checkout_id_arguments(*, with_checkout_id: bool = True) -> dict[str, Any]:
    """Saleor's `id`, and its deprecated `token` (and `checkoutId` where Saleor still has it)."""
    arguments: dict[str, Any] = {
        "id": graphene.ID(description="The checkout's ID."),
        "token": graphene.UUID(description="Checkout token.", deprecation_reason=_DEPRECATED_ID),
    }
    if with_checkout_id:
        arguments["checkout_id"] = graphene.ID(
            description="The checkout's ID.", deprecation_reason=_DEPRECATED_ID
        )
    return arguments


def token_from(data: dict[str, Any]) -> UUID:
    return checkout_token(
        id=data.get("id"), token=data.get("token"), checkout_id=data.get("checkout_id")
    )


def payload_checkout(info: Any, checkout_info: CheckoutInfo):
    """The changed checkout for the payload; the fields it asks for are worked out from
    `checkout_info` (priced only if a field needs prices) instead of loading it again."""
    remember_checkout(info.context, checkout_info)
    return checkout_info.checkout
