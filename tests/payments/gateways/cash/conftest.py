"""The cash gateway registered as settings would register it (no stored configuration: on by
default), and orders owing cash."""

from __future__ import annotations

from decimal import Decimal

import pytest

from backend.orders.models import Order
from payments.transactions.manual import CASH_GATEWAY
from payments.transactions.sources import order_source
from plugins.framework.manager import clear_registry_cache
from tests.factories import ChannelFactory, create_listed_product
from tests.storefront_api.orders.conftest import place

CASH_PLUGIN = "payments.gateways.cash.plugin.CashPlugin"


@pytest.fixture
def cash_gateway(settings):
    """The cash plugin in `PLUGINS`, nothing stored for it."""
    if CASH_PLUGIN not in settings.PLUGINS:
        settings.PLUGINS = [*settings.PLUGINS, CASH_PLUGIN]
    clear_registry_cache()
    yield CASH_GATEWAY
    clear_registry_cache()


def place_cash_order(channel=None, **fields) -> Order:
    """An unpaid order of 290.00 (two units of 115.00, 60.00 postage), delivered by post."""
    channel = channel or ChannelFactory()
    variant = create_listed_product(channel=channel, price=Decimal("115.00"), stock=50)
    return place(channel, [variant.default_variant], **fields)


def order_source_of(item):
    """`request_action`'s `source_of`: the transaction's order, read fresh."""
    return order_source(Order.objects.select_related("channel").get(pk=item.order_id))
