"""checkoutEmailUpdate."""

from __future__ import annotations

import graphene

from backend.checkout.customer import update_email

from ..errors import CheckoutError, CheckoutMutation
from ..types import Checkout
from .common import checkout_id_arguments, payload_checkout, token_from


class CheckoutEmailUpdate(CheckoutMutation):
    checkout = graphene.Field(Checkout)

    Arguments = type(
        "Arguments",
        (),
        {**checkout_id_arguments(), "email": graphene.String(required=True, description="Email.")},
    )

    class Meta:
        description = "Update the checkout's e-mail."
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        checkout_info = update_email(
            token=token_from(data),
            requestor=info.context.user,
            email=data["email"],
            manager=info.context.plugins,
        )
        return cls(checkout=payload_checkout(info, checkout_info))
