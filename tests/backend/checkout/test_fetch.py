"""fetch_checkout_info: a line's rules, prices, parcel and order line read nothing more."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from backend.checkout.complete import build_order_draft
from backend.checkout.create import create_checkout
from backend.checkout.delivery import quote_delivery
from backend.checkout.fetch import get_checkout_info
from backend.checkout.lines import LineInput
from backend.checkout.pricing import calculate_prices
from backend.checkout.rules import check_lines_sellable, variant_line_infos
from backend.marketplace.models import VendorStatus
from plugins.framework.manager import get_plugins_manager
from tests.factories import ChannelFactory, ProductTypeFactory, create_listed_product


@pytest.fixture
def variant(db):
    """৳115.00 at 15% VAT, 0.25 kg by its type, 10 in stock."""
    channel = ChannelFactory()
    product_type = ProductTypeFactory(weight=Decimal("0.250"), vat_rate=Decimal("0.1500"))
    product = create_listed_product(
        channel=channel, price=Decimal("115.00"), stock=10, product_type=product_type
    )
    return product.variants.get()


def test_a_loaded_line_is_priced_checked_and_ordered_without_another_query(
    variant, django_assert_num_queries
):
    # given a checkout of 2 units, loaded
    created = create_checkout(
        requestor=None,
        channel_slug="bd",
        lines=[LineInput(variant_id=variant.pk, quantity=2)],
        email="karim@example.com",
    )
    info = get_checkout_info(created.token)
    assert info is not None
    delivery = quote_delivery(info, manager=get_plugins_manager())
    # when its line is priced, checked, weighed and made an order line
    with django_assert_num_queries(0):
        line = info.lines[0]
        check_lines_sellable(info.lines, now=timezone.now())
        prices = calculate_prices(info)
        facts = (line.vat_rate, line.is_shipping_required, line.unit_weight, line.vendor_id)
        draft = build_order_draft(info, prices, voucher=None, delivery=delivery)
    # then what it read is the product's and its type's
    assert facts == (Decimal("0.1500"), True, Decimal("0.250"), variant.product.vendor_id)
    assert prices.lines[line.line.id].total_price.gross == Decimal("230.00")
    assert draft.lines[0].product_name == variant.product.name


def test_a_line_about_to_be_added_is_checked_without_another_query(
    variant, django_assert_num_queries
):
    created = create_checkout(
        requestor=None,
        channel_slug="bd",
        lines=[LineInput(variant_id=variant.pk, quantity=1)],
        email="karim@example.com",
    )
    loaded_variant, variant_listing, product_listing = variant_line_infos(
        [variant.pk], checkout=created.checkout
    )[variant.pk]
    with django_assert_num_queries(0):
        product = loaded_variant.product
        facts = (
            product.vendor.status,
            product.product_type.vat_rate,
            product.product_type.is_shipping_required,
            product.product_type.weight,
        )
    assert facts == (VendorStatus.APPROVED, Decimal("0.1500"), True, Decimal("0.250"))
    assert variant_listing is not None and product_listing is not None
