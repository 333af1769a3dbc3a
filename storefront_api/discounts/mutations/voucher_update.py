"""voucherUpdate: change a voucher's fields, add codes (discount staff only)."""

from __future__ import annotations

import graphene

from backend.core.permissions import PermissionEnum
from backend.discounts.services import update_voucher
from storefront_api.catalog.context import ChannelContext, channel_slug_of
from storefront_api.core.mutations import BaseMutation

from ..errors import VOUCHER_FIELD_NAMES, DiscountError
from .inputs import VoucherInput
from .utils import voucher_fields, voucher_or_error


class VoucherUpdate(BaseMutation):
    voucher = graphene.Field("storefront_api.discounts.types.Voucher")

    class Arguments:
        id = graphene.ID(required=True, description="The voucher.")
        input = VoucherInput(required=True, description="Fields to change.")

    class Meta:
        description = (
            "Updates a voucher; the products, categories and others given replace the old."
        )
        error_type_class = DiscountError
        error_field_names = VOUCHER_FIELD_NAMES
        permissions = (PermissionEnum.MANAGE_DISCOUNTS,)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        voucher = voucher_or_error(data["id"])
        data = data["input"]
        voucher = update_voucher(
            voucher=voucher, add_codes=data.get("add_codes"), **voucher_fields(data)
        )
        return cls(voucher=ChannelContext(voucher, channel_slug_of(None)))
