"""Loaders of a variant's stock: a page of variants learns its availability in one query.

They live beside the variant type rather than in the inventory API package, which builds on the
catalogue's types: the dependency between the two packages runs one way."""

from __future__ import annotations

from collections import defaultdict

from backend.inventory.models import Stock
from backend.inventory.selectors import available_quantities
from storefront_api.core.dataloaders import DataLoader, group_by

from .context import channel_by_slug


class AvailableQuantityByVariantIdAndChannelSlugLoader(DataLoader[tuple[int, str], int]):
    """Units not yet allocated in the channel's warehouses (0 when there is no stock)."""

    def batch_load(self, keys: list[tuple[int, str]]) -> list[int]:
        by_channel: dict[str, list[int]] = defaultdict(list)
        for variant_id, channel_slug in keys:
            by_channel[channel_slug].append(variant_id)
        quantities: dict[tuple[int, str], int] = defaultdict(int)
        for channel_slug, variant_ids in by_channel.items():
            channel = channel_by_slug(self.context, channel_slug)
            if channel is None:
                continue
            per_warehouse = available_quantities(variant_ids=variant_ids, channel_id=channel.pk)
            for (_warehouse_id, variant_id), quantity in per_warehouse.items():
                quantities[(variant_id, channel_slug)] += quantity
        return [quantities.get(key, 0) for key in keys]


class StocksByVariantIdLoader(DataLoader[int, list[Stock]]):
    def batch_load(self, keys: list[int]) -> list[list[Stock]]:
        stocks = group_by(
            Stock.objects.filter(product_variant_id__in=keys).order_by("pk"),
            lambda stock: stock.product_variant_id,
        )
        return [stocks.get(key, []) for key in keys]
