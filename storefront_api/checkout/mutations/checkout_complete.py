"""checkoutComplete: place the order (unpaid until the payments issue), once."""

from __future__ import annotations

import graphene

from backend.checkout.complete import complete_checkout
from storefront_api.core.types import MetadataInput, metadata_input_to_dict
from storefront_api.orders.types import Order

from ..errors import CheckoutError, CheckoutMutation
from .common import checkout_id_arguments, token_from


class CheckoutComplete(CheckoutMutation):
    order = graphene.Field(Order, description="The order the checkout became.")
    confirmation_needed = graphene.Boolean(
        required=True, description="Always false: Haat places orders without a payment step yet."
    )
    confirmation_data = graphene.JSONString(description="Always null (no payment step yet).")

    Arguments = type(
        "Arguments",
        (),
        {
            **checkout_id_arguments(),
            "metadata": graphene.List(
                graphene.NonNull(MetadataInput), description="Metadata for the order."
            ),
            "payment_data": graphene.JSONString(description="Accepted; no payments yet."),
            "redirect_url": graphene.String(description="Accepted; no payments yet."),
            "store_source": graphene.Boolean(
                default_value=False,
                deprecation_reason="Use checkoutPaymentCreate for this action.",
                description="Accepted; no payments yet.",
            ),
        },
    )

    class Meta:
        description = (
            "Complete the checkout: its order is placed (unpaid, for cash on delivery or at the "
            "centre, when the channel allows unpaid orders). Completing it again returns the "
            "same order."
        )
        error_type_class = CheckoutError

    @classmethod
    def handle_errors(cls, error, *, renamed=None, **extra):
        # A refusal still answers the non-null confirmationNeeded.
        return super().handle_errors(error, renamed=renamed, confirmation_needed=False, **extra)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        order = complete_checkout(
            token=token_from(data),
            requestor=info.context.user,
            metadata=metadata_input_to_dict(data.get("metadata")),
            manager=info.context.plugins,
        )
        return cls(order=order, confirmation_needed=False, confirmation_data=None)
