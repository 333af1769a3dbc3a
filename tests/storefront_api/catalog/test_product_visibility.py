from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from backend.catalog.models import (
    ProductChannelListing,
    ProductTranslation,
    ProductVariantChannelListing,
    ProductVariantTranslation,
)
from backend.channels.models import Channel
from backend.inventory.models import Stock
from backend.marketplace.models import VendorStatus
from storefront_api.core.ids import to_global_id
from tests.backend.inventory.stock_helpers import reserve
from tests.factories import (
    ProductVariantFactory,
    StockFactory,
    VendorFactory,
    WarehouseFactory,
    create_listed_product,
)

LIST = """
query List($channel: String) {
  products(first: 20, channel: $channel) { edges { node { slug } } }
}
"""

DETAIL = """
query Detail($id: ID, $slug: String, $channel: String) {
  product(id: $id, slug: $slug, channel: $channel) {
    slug
    variants { sku quantityAvailable }
    translation(languageCode: BN_BD) { name language { code } }
    en: translation(languageCode: EN_US) { name }
    pricing {
      onSale
      discount { gross { amount } }
      priceRange { start { gross { amount } } stop { gross { amount } } }
      priceRangeUndiscounted { start { gross { amount } } stop { gross { amount } } }
    }
    isAvailable
  }
}
"""

LISTINGS = """
query Listings($slug: String) { product(slug: $slug) { channelListings { isPublished } } }
"""


def _slugs(data):
    return [edge["node"]["slug"] for edge in data["products"]["edges"]]


def test_shoppers_see_only_published_listed_products_of_approved_vendors(api_client, channel):
    # given one visible product and four hidden ones
    visible = create_listed_product(channel=channel, slug="visible")
    create_listed_product(
        channel=channel, slug="pending", vendor=VendorFactory(status=VendorStatus.PENDING)
    )
    unpublished = create_listed_product(channel=channel, slug="unpublished")
    ProductChannelListing.objects.filter(product=unpublished).update(is_published=False)
    future = create_listed_product(channel=channel, slug="future")
    ProductChannelListing.objects.filter(product=future).update(
        published_at=timezone.now() + timedelta(days=1)
    )
    unlisted = create_listed_product(channel=channel, slug="unlisted")
    ProductChannelListing.objects.filter(product=unlisted).update(visible_in_listings=False)
    # when a shopper lists products
    data = api_client.execute(LIST)
    # then only the visible one is there; the unlisted one still opens by slug
    assert _slugs(data) == [visible.slug]
    assert api_client.execute(DETAIL, {"slug": "unlisted"})["product"]["slug"] == "unlisted"
    assert api_client.execute(DETAIL, {"slug": "unpublished"})["product"] is None
    assert api_client.execute(DETAIL, {"slug": "pending"})["product"] is None


def test_product_managers_see_everything(api_client, product_manager, channel):
    # given a pending vendor's unpublished product
    product = create_listed_product(
        channel=channel, slug="draft", vendor=VendorFactory(status=VendorStatus.PENDING)
    )
    ProductChannelListing.objects.filter(product=product).update(is_published=False)
    staff = api_client.as_user(product_manager)
    # when a product manager lists and opens products
    listed = staff.execute(LIST, {"channel": "bd"})
    opened = staff.execute(LISTINGS, {"slug": "draft"})["product"]
    # then they see it, with its channel listings
    assert _slugs(listed) == ["draft"]
    assert opened["channelListings"] == [{"isPublished": False}]


def test_unknown_channel_is_a_top_level_error(api_client, channel):
    # when a shopper asks for a channel that does not exist
    content = api_client.execute_raw(LIST, {"channel": "xyz"})
    # then Saleor's error
    assert [error["message"] for error in content["errors"]] == [
        "Channel with 'xyz' slug does not exist."
    ]


def test_inactive_channel_is_hidden_from_shoppers(api_client, product_manager, db):
    Channel.objects.create(slug="closed", name="Closed", is_active=False)
    content = api_client.execute_raw(LIST, {"channel": "closed"})
    assert content["errors"][0]["message"] == "Channel with 'closed' slug does not exist."
    assert api_client.as_user(product_manager).execute(LIST, {"channel": "closed"}) == {
        "products": {"edges": []}
    }


@pytest.mark.parametrize("bad_id", ["not-base64!", to_global_id("Category", 1)])
def test_malformed_or_foreign_id_is_a_clear_error(api_client, channel, bad_id):
    content = api_client.execute_raw(DETAIL, {"id": bad_id})
    assert len(content["errors"]) == 1
    assert content["errors"][0]["message"].startswith(f"Invalid ID: {bad_id}. Expected: Product")


def test_product_by_id_and_needs_one_lookup(api_client, channel):
    product = create_listed_product(channel=channel)
    found = api_client.execute(DETAIL, {"id": to_global_id("Product", product.pk)})
    assert found["product"]["slug"] == product.slug
    content = api_client.execute_raw(DETAIL, {})
    assert content["errors"][0]["message"] == (
        "Exactly one of arguments is required: 'id', 'slug', 'external_reference'."
    )


def test_translations_by_language(api_client, channel):
    # given Bangla and English translations
    product = create_listed_product(channel=channel, name="Rice")
    ProductTranslation.objects.create(product=product, language_code="bn", name="চাল")
    ProductTranslation.objects.create(product=product, language_code="en", name="Rice (EN)")
    # when the storefront asks for both
    opened = api_client.execute(DETAIL, {"slug": product.slug})["product"]
    # then each language gets its own
    assert opened["translation"] == {"name": "চাল", "language": {"code": "BN"}}
    assert opened["en"] == {"name": "Rice (EN)"}


def test_missing_translation_is_null(api_client, channel):
    product = create_listed_product(channel=channel)
    assert api_client.execute(DETAIL, {"slug": product.slug})["product"]["translation"] is None


def test_pricing_ranges_over_variants_and_discounts(api_client, channel):
    # given three variants at 100, 101 and 102, the cheapest discounted to 90
    product = create_listed_product(channel=channel, variants=3)
    cheapest = product.variants.order_by("pk").first()
    ProductVariantChannelListing.objects.filter(variant=cheapest).update(
        discounted_price_amount=Decimal("90.00")
    )
    # when the storefront opens the product
    pricing = api_client.execute(DETAIL, {"slug": product.slug})["product"]["pricing"]
    # then the range runs from the discounted cheapest to the dearest
    assert pricing["priceRange"] == {
        "start": {"gross": {"amount": 90.0}},
        "stop": {"gross": {"amount": 102.0}},
    }
    assert pricing["priceRangeUndiscounted"] == {
        "start": {"gross": {"amount": 100.0}},
        "stop": {"gross": {"amount": 102.0}},
    }
    assert pricing["onSale"] is True
    assert pricing["discount"] == {"gross": {"amount": 10.0}}


def test_variants_without_a_price_are_hidden_from_shoppers(api_client, channel):
    product = create_listed_product(channel=channel)
    ProductVariantFactory(product=product, sku="NO-PRICE")
    skus = [
        v["sku"] for v in api_client.execute(DETAIL, {"slug": product.slug})["product"]["variants"]
    ]
    assert "NO-PRICE" not in skus
    assert len(skus) == 1


def test_quantity_available_subtracts_allocations_and_is_capped(api_client, settings, channel):
    # given 10 in stock with 3 allocated, and a second warehouse of another channel
    settings.MAX_CHECKOUT_LINE_QUANTITY = 50
    product = create_listed_product(channel=channel, stock=10)
    variant = product.variants.get()
    Stock.objects.filter(product_variant=variant).update(quantity_allocated=3)
    StockFactory(product_variant=variant, warehouse=WarehouseFactory(), quantity=500)
    # when the storefront asks
    quantity = api_client.execute(DETAIL, {"slug": product.slug})["product"]["variants"][0]
    # then 7: other channels' warehouses do not count
    assert quantity["quantityAvailable"] == 7
    # and a large stock is capped at the line limit for shoppers
    Stock.objects.filter(product_variant=variant, quantity_allocated=3).update(quantity=900)
    settings.MAX_CHECKOUT_LINE_QUANTITY = 20
    quantity = api_client.execute(DETAIL, {"slug": product.slug})["product"]["variants"][0]
    assert quantity["quantityAvailable"] == 20


def test_untracked_variant_reports_the_line_limit(api_client, settings, channel):
    settings.MAX_CHECKOUT_LINE_QUANTITY = 50
    product = create_listed_product(channel=channel, stock=0)
    product.variants.update(track_inventory=False)
    variant = api_client.execute(DETAIL, {"slug": product.slug})["product"]["variants"][0]
    assert variant["quantityAvailable"] == 50


def test_product_is_available_only_in_stock_and_with_prices(api_client, channel):
    # given no stock: Saleor's isAvailable needs a variant with units to sell
    product = create_listed_product(channel=channel, stock=0)
    opened = api_client.execute(DETAIL, {"slug": product.slug})["product"]
    assert opened["variants"][0]["quantityAvailable"] == 0
    assert opened["isAvailable"] is False
    # when a unit arrives
    Stock.objects.filter(product_variant__product=product).update(quantity=1)
    assert api_client.execute(DETAIL, {"slug": product.slug})["product"]["isAvailable"] is True
    # then it is unavailable again once no variant has a price
    ProductVariantChannelListing.objects.filter(variant__product=product).update(price_amount=None)
    assert api_client.execute(DETAIL, {"slug": product.slug})["product"]["isAvailable"] is False


def test_an_untracked_variant_without_stock_is_available(api_client, channel):
    product = create_listed_product(channel=channel, stock=0)
    product.variants.update(track_inventory=False)
    assert api_client.execute(DETAIL, {"slug": product.slug})["product"]["isAvailable"] is True


def test_other_checkouts_live_reservations_are_not_available(api_client, channel):
    # given 3 units, 2 reserved by a checkout, 1 by a reservation that expired
    product = create_listed_product(channel=channel, stock=3)
    variant = product.variants.get()
    stock = Stock.objects.get(product_variant=variant)
    reserve(variant, stock, 2)
    reserve(variant, stock, 1, minutes=-1)
    # when
    opened = api_client.execute(DETAIL, {"slug": product.slug})["product"]
    # then
    assert opened["variants"][0]["quantityAvailable"] == 1
    assert opened["isAvailable"] is True
    # and when the last unit is reserved too
    reserve(variant, stock, 1)
    opened = api_client.execute(DETAIL, {"slug": product.slug})["product"]
    assert opened["variants"][0]["quantityAvailable"] == 0
    assert opened["isAvailable"] is False


VARIANT = """
query Variant($sku: String) {
  productVariant(sku: $sku) {
    sku channel
    product { slug }
    pricing { price { gross { amount } net { amount } tax { amount } } }
    translation(languageCode: BN) { name }
    stocks { quantity }
  }
}
"""


def test_product_variant_by_sku(api_client, channel):
    product = create_listed_product(channel=channel, price=Decimal("115.00"))
    variant = product.variants.get()
    ProductVariantTranslation.objects.create(
        product_variant=variant, language_code="bn", name="১ কেজি"
    )
    content = api_client.execute_raw(VARIANT, {"sku": variant.sku})
    found = content["data"]["productVariant"]
    assert found["product"] == {"slug": product.slug}
    assert found["pricing"]["price"] == {
        "gross": {"amount": 115.0},
        "net": {"amount": 100.0},
        "tax": {"amount": 15.0},
    }
    assert found["translation"] == {"name": "১ কেজি"}
    # stocks are for staff: a shopper gets PermissionDenied for that field only
    assert found["stocks"] is None
    assert content["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"


def test_hidden_products_variant_is_not_found(api_client, channel):
    product = create_listed_product(
        channel=channel, vendor=VendorFactory(status=VendorStatus.PENDING)
    )
    variant = product.variants.get()
    assert api_client.execute(VARIANT.replace("stocks { quantity }", ""), {"sku": variant.sku}) == {
        "productVariant": None
    }
