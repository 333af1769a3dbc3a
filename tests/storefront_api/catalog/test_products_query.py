from decimal import Decimal

from backend.catalog.models import ProductTranslation
from backend.marketplace.models import VendorStatus
from storefront_api.core.ids import to_global_id
from tests.factories import VendorFactory, create_listed_product

PRODUCTS = """
query Products($channel: String, $first: Int, $after: String, $filter: ProductFilterInput) {
  products(channel: $channel, first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges {
      cursor
      node {
        id name slug channel
        translation(languageCode: BN_BD) { name language { code language } }
        category { name }
        vendor { name }
        thumbnail(size: 200, format: WEBP) { url alt }
        pricing {
          onSale displayGrossPrices
          priceRange { start { gross { amount currency } net { amount } tax { amount } }
                       stop { gross { amount } } }
        }
        variants { id name sku quantityAvailable pricing { price { gross { amount } } } }
      }
    }
  }
}
"""


def test_products_lists_visible_products_with_prices(api_client, channel):
    # given a product with two variants at 100 and 101 taka (VAT 15 % included)
    product = create_listed_product(channel=channel, variants=2, name="Miniket rice")
    ProductTranslation.objects.create(product=product, language_code="bn", name="মিনিকেট চাল")
    # when the storefront lists products
    data = api_client.execute(PRODUCTS, {"first": 10})
    # then it sees the product with its price range and variants
    connection = data["products"]
    assert connection["totalCount"] == 1
    node = connection["edges"][0]["node"]
    assert node["id"] == to_global_id("Product", product.pk)
    assert node["name"] == "Miniket rice"
    assert node["channel"] == "bd"
    assert node["translation"]["name"] == "মিনিকেট চাল"
    price_range = node["pricing"]["priceRange"]
    assert price_range["start"]["gross"] == {"amount": 100.0, "currency": "BDT"}
    assert price_range["start"]["net"]["amount"] == 86.96
    assert price_range["start"]["tax"]["amount"] == 13.04
    assert price_range["stop"]["gross"]["amount"] == 101.0
    assert [v["quantityAvailable"] for v in node["variants"]] == [10, 10]
    assert node["thumbnail"] is None


def test_pending_vendors_products_are_hidden(api_client, channel):
    # given a product of a vendor still pending review
    create_listed_product(channel=channel, vendor=VendorFactory(status=VendorStatus.PENDING))
    # when the storefront lists products
    data = api_client.execute(PRODUCTS, {"first": 10})
    # then nothing is listed
    assert data["products"]["edges"] == []
    assert Decimal("1")
