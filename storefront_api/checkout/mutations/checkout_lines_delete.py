"""checkoutLinesDelete and the deprecated checkoutLineDelete."""

from __future__ import annotations

import graphene

from backend.checkout.lines import delete_lines

from ..errors import CheckoutError, CheckoutMutation
from ..types import Checkout
from .common import checkout_id_arguments, payload_checkout, token_from
from .line_inputs import line_ids


class CheckoutLinesDelete(CheckoutMutation):
    checkout = graphene.Field(Checkout)

    Arguments = type(
        "Arguments",
        (),
        {
            **checkout_id_arguments(with_checkout_id=False),
            "lines_ids": graphene.NonNull(
                graphene.List(graphene.NonNull(graphene.ID)), description="Lines to delete."
            ),
        },
    )

    class Meta:
        description = "Delete lines from a checkout."
        error_type_class = CheckoutError
        error_field_names = {"line_id": "linesIds"}

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        checkout_info = delete_lines(
            token=token_from(data),
            requestor=info.context.user,
            line_ids=line_ids(data["lines_ids"], "line_id"),
            manager=info.context.plugins,
        )
        return cls(checkout=payload_checkout(info, checkout_info))


class CheckoutLineDelete(CheckoutMutation):
    checkout = graphene.Field(Checkout)

    Arguments = type(
        "Arguments",
        (),
        {
            **checkout_id_arguments(),
            "line_id": graphene.ID(description="The line to delete."),
        },
    )

    class Meta:
        description = "Delete a line from a checkout (deprecated: use checkoutLinesDelete)."
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        checkout_info = delete_lines(
            token=token_from(data),
            requestor=info.context.user,
            line_ids=line_ids([data["line_id"]] if data.get("line_id") else [], "line_id"),
            manager=info.context.plugins,
        )
        return cls(checkout=payload_checkout(info, checkout_info))
