"""checkoutCreate: a new checkout in a channel, as Saleor 3.21."""

from __future__ import annotations

import graphene

from backend.checkout.create import create_checkout
from storefront_api.accounts.mutations.address_input import AddressInput, address_values
from storefront_api.core.enums import LanguageCodeEnum
from storefront_api.core.types import MetadataInput, metadata_input_to_dict

from ..errors import CheckoutError, CheckoutMutation
from ..types import Checkout
from .common import payload_checkout
from .line_inputs import CheckoutLineInput, line_inputs


class CheckoutAddressValidationRules(graphene.InputObjectType):
    check_required_fields = graphene.Boolean(default_value=True)
    check_fields_format = graphene.Boolean(default_value=True)
    enable_fields_normalization = graphene.Boolean(default_value=True)

    class Meta:
        description = (
            "Saleor's address checks to skip. Haat always checks Bangladeshi addresses in "
            "full (delivery depends on them): these are accepted and ignored."
        )


class CheckoutValidationRules(graphene.InputObjectType):
    shipping_address = graphene.Field(CheckoutAddressValidationRules)
    billing_address = graphene.Field(CheckoutAddressValidationRules)

    class Meta:
        description = "Saleor's address checks to skip (accepted, ignored: see the rules type)."


class CheckoutCreateInput(graphene.InputObjectType):
    channel = graphene.String(description="Slug of the channel; the only one when not given.")
    lines = graphene.NonNull(
        graphene.List(graphene.NonNull(CheckoutLineInput)), description="The first lines."
    )
    email = graphene.String(description="The customer's e-mail.")
    save_shipping_address = graphene.Boolean(
        description="Accepted; Haat keeps the address book separate from checkouts."
    )
    shipping_address = graphene.Field(AddressInput, description="Where to ship.")
    save_billing_address = graphene.Boolean(
        description="Accepted; Haat keeps the address book separate from checkouts."
    )
    billing_address = graphene.Field(AddressInput, description="The billing address.")
    language_code = graphene.Field(LanguageCodeEnum, description="The customer's language.")
    validation_rules = graphene.Field(CheckoutValidationRules)
    metadata = graphene.List(graphene.NonNull(MetadataInput))
    private_metadata = graphene.List(graphene.NonNull(MetadataInput))

    class Meta:
        description = "The fields of a new checkout."


class CheckoutCreate(CheckoutMutation):
    created = graphene.Boolean(deprecation_reason="Always returns `true`.")
    checkout = graphene.Field(Checkout)

    class Arguments:
        input = CheckoutCreateInput(required=True, description="Fields of the new checkout.")

    class Meta:
        description = "Create a new checkout; a signed-in customer's is theirs alone."
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, _root, info, *, input):
        language = input.get("language_code")
        checkout_info = create_checkout(
            requestor=info.context.user,
            channel_slug=input.get("channel"),
            lines=line_inputs(input["lines"]),
            email=input.get("email"),
            shipping_address=(
                address_values(input["shipping_address"])
                if input.get("shipping_address") is not None
                else None
            ),
            billing_address=(
                address_values(input["billing_address"])
                if input.get("billing_address") is not None
                else None
            ),
            language_code=getattr(language, "value", language),
            metadata=metadata_input_to_dict(input.get("metadata")),
            private_metadata=metadata_input_to_dict(input.get("private_metadata")),
            manager=info.context.plugins,
        )
        return cls(created=True, checkout=payload_checkout(info, checkout_info))
