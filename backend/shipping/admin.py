"""Dashboard pages for delivery: read-only lists. Zones, methods and rates are written through
`backend.shipping.services` (the demo and staff tools call it), never saved by the admin."""

from __future__ import annotations

from backend.core.admin_base import register_read_only

from .models import ShippingMethod, ShippingMethodChannelListing, ShippingRate, ShippingZone

register_read_only(
    ShippingZone, search_fields=("name", "description"), list_filter=("kind", "default", "channels")
)
register_read_only(ShippingMethod, search_fields=("name",), list_filter=("type",))
register_read_only(
    ShippingMethodChannelListing, search_fields=("shipping_method__name",), list_filter=("channel",)
)
register_read_only(
    ShippingRate,
    search_fields=("shipping_method__name", "shipping_zone__name"),
    list_filter=("channel", "shipping_zone", "shipping_method"),
)
