"""checkoutLinesUpdate: new quantities (0 removes a line) or metadata."""

from __future__ import annotations

import graphene

from backend.checkout.lines import update_lines

from ..errors import CheckoutError, CheckoutMutation
from ..types import Checkout
from .common import checkout_id_arguments, payload_checkout, token_from
from .line_inputs import CheckoutLineUpdateInput, line_updates


class CheckoutLinesUpdate(CheckoutMutation):
    checkout = graphene.Field(Checkout)

    Arguments = type(
        "Arguments",
        (),
        {
            **checkout_id_arguments(),
            "lines": graphene.NonNull(
                graphene.List(graphene.NonNull(CheckoutLineUpdateInput)),
                description="The lines to change.",
            ),
        },
    )

    class Meta:
        description = "Update a checkout's lines; quantity 0 removes a line."
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        checkout_info = update_lines(
            token=token_from(data),
            requestor=info.context.user,
            lines=line_updates(data["lines"]),
            manager=info.context.plugins,
        )
        return cls(checkout=payload_checkout(info, checkout_info))
