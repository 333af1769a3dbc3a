"""Delivery: the shipping methods and collection points a checkout may use, the chosen one's
price per vendor's parcel, and dropping a choice that no longer applies."""

from __future__ import annotations

from plugins.framework.manager import PluginsManager

from .fetch import CheckoutInfo


def drop_inapplicable_delivery(info: CheckoutInfo, *, manager: PluginsManager) -> CheckoutInfo:
    return info
