"""Saleor's DiscountError, with the code enum the domain raises."""

from __future__ import annotations

import graphene

from backend.discounts.error_codes import DiscountErrorCode as DomainDiscountErrorCode
from storefront_api.core.errors import Error

DiscountErrorCode = graphene.Enum.from_enum(
    DomainDiscountErrorCode, description="Why a discount mutation failed."
)


class DiscountError(Error):
    products = graphene.List(
        graphene.NonNull(graphene.ID), description="Products the error is about."
    )
    code = graphene.Field(DiscountErrorCode, required=True, description="The error code.")
    channels = graphene.List(
        graphene.NonNull(graphene.ID), description="Channels the error is about."
    )
    voucher_codes = graphene.List(
        graphene.NonNull(graphene.String), description="Voucher codes the error is about."
    )

    class Meta:
        description = "An error from a voucher mutation."


# Domain fields whose argument has another name (the others become camelCase).
VOUCHER_FIELD_NAMES = {"codes": "addCodes"}
VOUCHER_CHANNEL_LISTING_FIELD_NAMES = {
    "channel": "channelId",
    "channels": "addChannels",
    "min_spent_amount": "minAmountSpent",
}
