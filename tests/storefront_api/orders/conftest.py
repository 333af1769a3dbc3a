"""Orders placed the way the checkout places them: priced drafts, stock allocated."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import transaction

from backend.core.permissions import PermissionEnum
from backend.inventory.allocation import StockLine, allocate_stocks
from backend.orders.placement import place_order
from plugins.framework.manager import PluginsManager
from tests.backend.orders.drafts import ADDRESS, build_draft
from tests.conftest import grant
from tests.factories import ChannelFactory, UserFactory, create_listed_product


@pytest.fixture
def order_manager(db):
    user = UserFactory(is_staff=True, email="orders@haat.test", phone=None)
    grant(user, PermissionEnum.MANAGE_ORDERS)
    return user


def place(channel, variants, *, user=None, confirm=True, quantity=2, **fields):
    """An order of `quantity` of each variant at its channel price, its stock allocated."""
    channel.automatically_confirm_all_new_orders = confirm
    channel.save(update_fields=["automatically_confirm_all_new_orders"])
    draft = build_draft(
        channel,
        [(variant, quantity, Decimal("115.00")) for variant in variants],
        user_id=user.pk if user else None,
        customer_phone=(user.phone if user else "+8801712345678") or "",
        shipping_address=ADDRESS,
        **fields,
    )
    with transaction.atomic():
        order = place_order(draft, user=user, manager=PluginsManager(plugin_classes=[]))
        allocate_stocks(
            [
                StockLine(variant_id=line.variant_id, quantity=line.quantity, line_id=line.pk)
                for line in order.lines.all()
            ],
            channel_id=channel.pk,
        )
    return order


@pytest.fixture
def shop(vendor, other_vendor):
    """A channel with one product of each of two vendors, 100 in stock each."""
    channel = ChannelFactory()
    ours = create_listed_product(vendor=vendor, channel=channel, price=Decimal("115.00"), stock=100)
    theirs = create_listed_product(
        vendor=other_vendor, channel=channel, price=Decimal("115.00"), stock=100
    )
    return channel, ours.default_variant, theirs.default_variant
