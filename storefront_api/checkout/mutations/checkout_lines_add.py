"""checkoutLinesAdd: more of a variant, or a new line."""

from __future__ import annotations

import graphene

from backend.checkout.lines import add_lines

from ..errors import CheckoutError, CheckoutMutation
from ..types import Checkout
from .common import checkout_id_arguments, payload_checkout, token_from
from .line_inputs import CheckoutLineInput, line_inputs


class CheckoutLinesAdd(CheckoutMutation):
    checkout = graphene.Field(Checkout)

    Arguments = type(
        "Arguments",
        (),
        {
            **checkout_id_arguments(),
            "lines": graphene.NonNull(
                graphene.List(graphene.NonNull(CheckoutLineInput)),
                description="Lines to add; a variant in the checkout gets its quantity raised.",
            ),
        },
    )

    class Meta:
        description = "Add lines to a checkout."
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        checkout_info = add_lines(
            token=token_from(data),
            requestor=info.context.user,
            lines=line_inputs(data["lines"]),
            manager=info.context.plugins,
        )
        return cls(checkout=payload_checkout(info, checkout_info))
