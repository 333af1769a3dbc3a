"""Loaders for vendors: a page of products or centres loads its vendors in one query."""

from __future__ import annotations

from backend.marketplace.models import Vendor
from storefront_api.core.dataloaders import DataLoader, by_key


class VendorByIdLoader(DataLoader[int, Vendor | None]):
    def batch_load(self, keys: list[int]) -> list[Vendor | None]:
        vendors = by_key(Vendor.objects.filter(pk__in=keys), lambda vendor: vendor.pk)
        return [vendors.get(key) for key in keys]
