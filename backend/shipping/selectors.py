"""Reads of the delivery set-up for staff."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from django.db.models import QuerySet

from .models import ShippingZone


def search_shipping_zones(
    *, search: str | None = None, channel_ids: Iterable[int] | None = None
) -> QuerySet[ShippingZone]:
    """Zones whose name holds `search`, serving any of `channel_ids` when given."""
    zones = ShippingZone.objects.all()
    text = unicodedata.normalize("NFC", search or "").strip()
    if text:
        zones = zones.filter(name__icontains=text)
    if channel_ids is not None:
        zones = zones.filter(channels__id__in=list(channel_ids)).distinct()
    return zones
