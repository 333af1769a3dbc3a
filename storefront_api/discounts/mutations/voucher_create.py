"""voucherCreate: a new voucher with its codes (discount staff only)."""

from __future__ import annotations

import graphene

from backend.core.permissions import PermissionEnum
from backend.discounts.services import create_voucher
from storefront_api.catalog.context import ChannelContext, channel_slug_of
from storefront_api.core.mutations import BaseMutation

from ..errors import VOUCHER_FIELD_NAMES, DiscountError
from .inputs import VoucherInput
from .utils import voucher_fields


class VoucherCreate(BaseMutation):
    voucher = graphene.Field("storefront_api.discounts.types.Voucher")

    class Arguments:
        input = VoucherInput(required=True, description="Fields of the voucher.")

    class Meta:
        description = (
            "Creates a voucher; give it a value in channels with voucherChannelListingUpdate."
        )
        error_type_class = DiscountError
        error_field_names = VOUCHER_FIELD_NAMES
        permissions = (PermissionEnum.MANAGE_DISCOUNTS,)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        data = data["input"]
        voucher = create_voucher(codes=data.get("add_codes"), **voucher_fields(data))
        return cls(voucher=ChannelContext(voucher, channel_slug_of(None)))
