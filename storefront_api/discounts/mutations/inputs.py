"""Saleor's voucher inputs (the fields Haat supports, plus `vendors`)."""

import graphene

from storefront_api.core.scalars import PositiveDecimal

from ..types import DiscountValueTypeEnum, VoucherTypeEnum


class VoucherInput(graphene.InputObjectType):
    type = graphene.Field(VoucherTypeEnum, description="What the voucher takes money off.")
    name = graphene.String(description="Name of the voucher.")
    add_codes = graphene.List(
        graphene.NonNull(graphene.String), description="Codes to add (unique, in any case)."
    )
    start_date = graphene.DateTime(description="When the voucher starts.")
    end_date = graphene.DateTime(description="When the voucher ends; none: it runs on.")
    discount_value_type = graphene.Field(
        DiscountValueTypeEnum, description="A fixed amount or a percentage."
    )
    products = graphene.List(graphene.NonNull(graphene.ID), description="Products it is for.")
    variants = graphene.List(graphene.NonNull(graphene.ID), description="Variants it is for.")
    collections = graphene.List(graphene.NonNull(graphene.ID), description="Collections it is for.")
    categories = graphene.List(
        graphene.NonNull(graphene.ID), description="Categories (and those below) it is for."
    )
    vendors = graphene.List(
        graphene.NonNull(graphene.ID),
        description="Vendors whose every product it is for (Haat's addition).",
    )
    min_checkout_items_quantity = graphene.Int(description="Fewest items in the checkout.")
    apply_once_per_order = graphene.Boolean(description="Only the cheapest matching unit.")
    apply_once_per_customer = graphene.Boolean(description="Each customer may use it once.")
    only_for_staff = graphene.Boolean(description="Only staff may use it.")
    single_use = graphene.Boolean(description="Each code may be used once.")
    usage_limit = graphene.Int(description="How many times each code may be used.")

    class Meta:
        description = "Fields of a voucher."


class VoucherChannelListingAddInput(graphene.InputObjectType):
    channel_id = graphene.ID(required=True, description="The channel.")
    discount_value = PositiveDecimal(description="Amount or percentage off in the channel.")
    min_amount_spent = PositiveDecimal(description="Least subtotal the voucher needs.")

    class Meta:
        description = "A voucher's value in a channel."


class VoucherChannelListingInput(graphene.InputObjectType):
    add_channels = graphene.List(
        graphene.NonNull(VoucherChannelListingAddInput),
        description="Channels to add or change.",
    )
    remove_channels = graphene.List(
        graphene.NonNull(graphene.ID), description="Channels to take the voucher out of."
    )

    class Meta:
        description = "Channels to add, change or remove."
