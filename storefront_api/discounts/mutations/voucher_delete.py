"""voucherDelete: remove a voucher with its codes (discount staff only)."""

from __future__ import annotations

import graphene

from backend.core.permissions import PermissionEnum
from backend.discounts.services import delete_voucher
from storefront_api.catalog.context import ChannelContext, channel_slug_of
from storefront_api.core.mutations import BaseMutation

from ..errors import VOUCHER_FIELD_NAMES, DiscountError
from .utils import voucher_or_error


class VoucherDelete(BaseMutation):
    voucher = graphene.Field("storefront_api.discounts.types.Voucher")

    class Arguments:
        id = graphene.ID(required=True, description="The voucher.")

    class Meta:
        description = "Deletes a voucher, its codes and its channel values."
        error_type_class = DiscountError
        error_field_names = VOUCHER_FIELD_NAMES
        permissions = (PermissionEnum.MANAGE_DISCOUNTS,)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        voucher = delete_voucher(voucher=voucher_or_error(data["id"]))
        return cls(voucher=ChannelContext(voucher, channel_slug_of(None)))
