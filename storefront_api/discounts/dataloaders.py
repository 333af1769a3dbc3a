"""Loaders of vouchers: a page of vouchers loads each relation in one query."""

from __future__ import annotations

from backend.core.db import precompiled_rows
from backend.discounts.models import Voucher, VoucherChannelListing, VoucherCode
from storefront_api.core.dataloaders import DataLoader, ModelByIdLoader, group_by


class VoucherByIdLoader(ModelByIdLoader):
    model = Voucher


class VoucherCodesByVoucherIdLoader(DataLoader[int, list[VoucherCode]]):
    """A voucher's codes, oldest first (the first is Saleor's `code`)."""

    def batch_load(self, keys: list[int]) -> list[list[VoucherCode]]:
        rows = precompiled_rows(
            (type(self).__name__,),
            lambda ids: VoucherCode.objects.filter(voucher_id__any_of=ids).order_by(
                "created_at", "pk"
            ),
            keys,
        )
        codes = group_by(rows, lambda code: code.voucher_id)
        return [codes.get(key, []) for key in keys]


class VoucherChannelListingsByVoucherIdLoader(DataLoader[int, list[VoucherChannelListing]]):
    def batch_load(self, keys: list[int]) -> list[list[VoucherChannelListing]]:
        rows = precompiled_rows(
            (type(self).__name__,),
            lambda ids: VoucherChannelListing.objects.filter(voucher_id__any_of=ids).order_by("pk"),
            keys,
        )
        listings = group_by(rows, lambda listing: listing.voucher_id)
        return [listings.get(key, []) for key in keys]


class _ChosenIdsByVoucherIdLoader(DataLoader[int, list[int]]):
    """The ids a voucher's many-to-many relation `relation` names, in the order they were set."""

    relation = ""

    def batch_load(self, keys: list[int]) -> list[list[int]]:
        field = Voucher._meta.get_field(self.relation)
        through = field.remote_field.through  # type: ignore[union-attr]
        column = field.m2m_reverse_name()  # type: ignore[attr-defined]
        rows = (
            through.objects.filter(voucher_id__in=keys)
            .order_by("pk")
            .values_list("voucher_id", column)
        )
        chosen: dict[int, list[int]] = {}
        for voucher_id, target_id in rows:
            chosen.setdefault(voucher_id, []).append(target_id)
        return [chosen.get(key, []) for key in keys]


class ProductIdsByVoucherIdLoader(_ChosenIdsByVoucherIdLoader):
    relation = "products"


class VariantIdsByVoucherIdLoader(_ChosenIdsByVoucherIdLoader):
    relation = "variants"


class CollectionIdsByVoucherIdLoader(_ChosenIdsByVoucherIdLoader):
    relation = "collections"


class CategoryIdsByVoucherIdLoader(_ChosenIdsByVoucherIdLoader):
    relation = "categories"


class VendorIdsByVoucherIdLoader(_ChosenIdsByVoucherIdLoader):
    relation = "vendors"
