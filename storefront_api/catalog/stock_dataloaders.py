"""Loaders of a variant's stock: a page of variants learns its availability in one query.

They live beside the variant type rather than in the inventory API package, which builds on the
catalogue's types: the dependency between the two packages runs one way."""

from __future__ import annotations

from collections import defaultdict

from django.utils import timezone

from backend.inventory.availability import available_quantities_by_variant
from backend.inventory.models import Stock
from storefront_api.core.dataloaders import DataLoader, group_by

from .context import channel_by_slug


class AvailableQuantityByVariantIdAndChannelSlugLoader(DataLoader[tuple[int, str], int]):
    """Units neither allocated nor held by live checkout reservations in the channel's
    warehouses (0 when there is no stock, or no such channel)."""

    def batch_load(self, keys: list[tuple[int, str]]) -> list[int]:
        by_channel: dict[str, list[int]] = defaultdict(list)
        for variant_id, channel_slug in keys:
            by_channel[channel_slug].append(variant_id)
        quantities: dict[tuple[int, str], int] = {}
        now = timezone.now()
        for channel_slug, variant_ids in by_channel.items():
            channel = channel_by_slug(self.context, channel_slug)
            if channel is None:
                continue
            for variant_id, quantity in available_quantities_by_variant(
                variant_ids=variant_ids, channel_id=channel.pk, now=now
            ).items():
                quantities[(variant_id, channel_slug)] = quantity
        return [quantities.get(key, 0) for key in keys]


class StocksByVariantIdLoader(DataLoader[int, list[Stock]]):
    def batch_load(self, keys: list[int]) -> list[list[Stock]]:
        stocks = group_by(
            Stock.objects.filter(product_variant_id__in=keys).order_by("pk"),
            lambda stock: stock.product_variant_id,
        )
        return [stocks.get(key, []) for key in keys]
