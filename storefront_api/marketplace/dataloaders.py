"""Loaders for vendors: a page of products or centres loads its vendors in one query."""

from __future__ import annotations

from backend.marketplace.models import Vendor
from storefront_api.core.dataloaders import DataLoader, by_key, group_by


class VendorByIdLoader(DataLoader[int, Vendor | None]):
    def batch_load(self, keys: list[int]) -> list[Vendor | None]:
        vendors = by_key(Vendor.objects.filter(pk__in=keys), lambda vendor: vendor.pk)
        return [vendors.get(key) for key in keys]


class VendorsByCentreIdLoader(DataLoader[int, list[Vendor]]):
    """Every vendor of each centre, whatever its status: the resolver applies visibility."""

    def batch_load(self, keys: list[int]) -> list[list[Vendor]]:
        vendors = group_by(
            Vendor.objects.filter(centre_id__in=keys).order_by("name", "pk"),
            lambda vendor: vendor.centre_id,
        )
        return [vendors.get(key, []) for key in keys]
