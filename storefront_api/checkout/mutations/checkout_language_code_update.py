"""checkoutLanguageCodeUpdate and checkoutCustomerNoteUpdate."""

from __future__ import annotations

import graphene

from backend.checkout.customer import update_customer_note, update_language_code
from storefront_api.core.enums import LanguageCodeEnum

from ..errors import CheckoutError, CheckoutMutation, checkout_token
from ..types import Checkout
from .common import checkout_id_arguments, payload_checkout, token_from


class CheckoutLanguageCodeUpdate(CheckoutMutation):
    checkout = graphene.Field(Checkout)

    Arguments = type(
        "Arguments",
        (),
        {
            **checkout_id_arguments(),
            "language_code": LanguageCodeEnum(required=True, description="The new language."),
        },
    )

    class Meta:
        description = "Update the checkout's language (its messages and order)."
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        language = data["language_code"]
        checkout_info = update_language_code(
            token=token_from(data),
            requestor=info.context.user,
            language_code=getattr(language, "value", language),
            manager=info.context.plugins,
        )
        return cls(checkout=payload_checkout(info, checkout_info))


class CheckoutCustomerNoteUpdate(CheckoutMutation):
    checkout = graphene.Field(Checkout)

    class Arguments:
        id = graphene.ID(required=True, description="The checkout's ID.")
        customer_note = graphene.String(required=True, description="The customer's note.")

    class Meta:
        description = "Update the customer's note to the shop."
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, _root, info, *, id, customer_note):
        checkout_info = update_customer_note(
            token=checkout_token(id=id),
            requestor=info.context.user,
            note=customer_note,
            manager=info.context.plugins,
        )
        return cls(checkout=payload_checkout(info, checkout_info))
