"""checkoutShippingAddressUpdate and checkoutBillingAddressUpdate."""

from __future__ import annotations

import graphene

from backend.checkout.addresses import set_billing_address, set_shipping_address
from storefront_api.accounts.mutations.address_input import AddressInput, address_values

from ..errors import CheckoutError, CheckoutMutation
from ..types import Checkout
from .checkout_create import CheckoutAddressValidationRules
from .common import checkout_id_arguments, payload_checkout, token_from

# Address fields whose AddressInput names differ (the rest camel-case alike).
_ADDRESS_FIELD_NAMES = {
    "street_address_1": "streetAddress1",
    "street_address_2": "streetAddress2",
}


def _arguments(address_argument: str, description: str) -> type:
    return type(
        "Arguments",
        (),
        {
            **checkout_id_arguments(),
            address_argument: AddressInput(required=True, description=description),
            "save_address": graphene.Boolean(
                default_value=True,
                description="Accepted; Haat keeps the address book separate from checkouts.",
            ),
            "validation_rules": CheckoutAddressValidationRules(
                description="Accepted and ignored: Bangladeshi addresses are always checked."
            ),
        },
    )


class CheckoutShippingAddressUpdate(CheckoutMutation):
    checkout = graphene.Field(Checkout)

    Arguments = _arguments("shipping_address", "The mailing address to ship to.")

    class Meta:
        description = "Update the shipping address; a delivery method that no longer serves it "
        "is dropped."
        error_type_class = CheckoutError
        error_field_names = _ADDRESS_FIELD_NAMES

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        checkout_info = set_shipping_address(
            token=token_from(data),
            requestor=info.context.user,
            values=address_values(data["shipping_address"]),
            manager=info.context.plugins,
        )
        return cls(checkout=payload_checkout(info, checkout_info))


class CheckoutBillingAddressUpdate(CheckoutMutation):
    checkout = graphene.Field(Checkout)

    Arguments = _arguments("billing_address", "The billing address.")

    class Meta:
        description = "Update the billing address."
        error_type_class = CheckoutError
        error_field_names = _ADDRESS_FIELD_NAMES

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        checkout_info = set_billing_address(
            token=token_from(data),
            requestor=info.context.user,
            values=address_values(data["billing_address"]),
            manager=info.context.plugins,
        )
        return cls(checkout=payload_checkout(info, checkout_info))
