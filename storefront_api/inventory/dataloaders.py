"""Loaders of warehouses (a variant's stock loaders live with the variant type, in
`storefront_api.catalog.stock_dataloaders`)."""

from __future__ import annotations

from backend.inventory.models import Warehouse
from storefront_api.core.dataloaders import DataLoader, by_key, group_by


class WarehouseByIdLoader(DataLoader[int, Warehouse | None]):
    def batch_load(self, keys: list[int]) -> list[Warehouse | None]:
        warehouses = by_key(Warehouse.objects.filter(pk__in=keys), lambda row: row.pk)
        return [warehouses.get(key) for key in keys]


class WarehousesByChannelIdLoader(DataLoader[int, list[Warehouse]]):
    def batch_load(self, keys: list[int]) -> list[list[Warehouse]]:
        links = Warehouse.channels.through.objects.filter(channel_id__in=keys).select_related(
            "warehouse"
        )
        warehouses = group_by(links, lambda link: link.channel_id)
        return [
            sorted((link.warehouse for link in warehouses.get(key, [])), key=lambda w: w.slug)
            for key in keys
        ]
