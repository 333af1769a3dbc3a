"""A product type's weight reads as Saleor's `Weight { unit value }` (a storefront asks it of
every product it ships)."""

from decimal import Decimal

import pytest

from tests.factories import ProductTypeFactory, create_listed_product

pytestmark = pytest.mark.django_db

QUERY = """
query ($channel: String!) {
  products(first: 5, channel: $channel) {
    edges { node { productType { weight { unit value } } } }
  }
}
"""


def test_a_product_types_weight_is_a_weight(api_client):
    # given a listed product whose type weighs 1.25 kg
    product = create_listed_product(product_type=ProductTypeFactory(weight=Decimal("1.250")))
    channel = product.channel_listings.get().channel
    # when a storefront reads it
    data = api_client.execute(QUERY, {"channel": channel.slug})
    # then it is a weight in kilograms, not an error
    weights = [edge["node"]["productType"]["weight"] for edge in data["products"]["edges"]]
    assert weights == [{"unit": "KG", "value": 1.25}]
