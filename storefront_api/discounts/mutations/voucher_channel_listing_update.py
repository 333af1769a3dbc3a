"""voucherChannelListingUpdate: a voucher's value and minimum spend per channel."""

from __future__ import annotations

import graphene

from backend.channels.models import Channel
from backend.core.permissions import PermissionEnum
from backend.discounts.error_codes import DiscountErrorCode
from backend.discounts.services import (
    VoucherChannelListingChange,
    update_voucher_channel_listings,
)
from storefront_api.catalog.context import ChannelContext, channel_slug_of
from storefront_api.core.ids import get_node_or_error, get_nodes_or_error
from storefront_api.core.mutations import BaseMutation

from ..errors import VOUCHER_CHANNEL_LISTING_FIELD_NAMES, DiscountError
from .inputs import VoucherChannelListingInput
from .utils import voucher_or_error


class VoucherChannelListingUpdate(BaseMutation):
    voucher = graphene.Field("storefront_api.discounts.types.Voucher")

    class Arguments:
        id = graphene.ID(required=True, description="The voucher.")
        input = VoucherChannelListingInput(
            required=True, description="Channels to add, change or remove."
        )

    class Meta:
        description = "Sets a voucher's value and minimum spend in channels, or removes them."
        error_type_class = DiscountError
        error_field_names = VOUCHER_CHANNEL_LISTING_FIELD_NAMES
        permissions = (PermissionEnum.MANAGE_DISCOUNTS,)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        voucher = voucher_or_error(data["id"])
        data = data["input"]
        changes = []
        for item in data.get("add_channels") or []:
            channel = get_node_or_error(
                Channel,
                item["channel_id"],
                "Channel",
                field="channelId",
                invalid_code=DiscountErrorCode.GRAPHQL_ERROR,
            )
            changes.append(
                VoucherChannelListingChange(
                    channel=channel,
                    discount_value=item.get("discount_value"),
                    min_spent_amount=item.get("min_amount_spent"),
                    clear_min_spent="min_amount_spent" in item and item["min_amount_spent"] is None,
                )
            )
        removed = get_nodes_or_error(
            Channel,
            data.get("remove_channels") or [],
            "Channel",
            field="removeChannels",
            invalid_code=DiscountErrorCode.GRAPHQL_ERROR,
        )
        voucher = update_voucher_channel_listings(
            voucher=voucher, add_channels=changes, remove_channels=removed
        )
        return cls(voucher=ChannelContext(voucher, channel_slug_of(None)))
