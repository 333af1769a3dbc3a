"""More lists that must not grow in SQL with their size: variants, and the products of a
category or collection (DESIGN.md "No N+1")."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backend.catalog.models import Category, CollectionProduct
from tests.factories import (
    CategoryFactory,
    CollectionChannelListingFactory,
    CollectionFactory,
    create_listed_product,
)


def _count(api_client, query, variables=None):
    with CaptureQueriesContext(connection) as captured:
        api_client.execute(query, variables)
    return len(captured)


VARIANTS = """
query Variants($first: Int) {
  productVariants(first: $first, channel: "bd") {
    edges { node {
      id name sku quantityAvailable
      product { name category { name } }
      pricing { price { gross { amount currency } } }
      translation(languageCode: EN) { name }
    } }
  }
}
"""


@pytest.mark.parametrize("size", [1, 20])
def test_variant_list_query_count_does_not_grow(api_client, channel, size):
    # given `size` products of one variant each
    for _ in range(size):
        create_listed_product(channel=channel)
    # when the variants are listed with their products and prices
    count = _count(api_client, VARIANTS, {"first": size})
    # then the count is the same for 1 and for 20
    assert count == 6


NESTED_PRODUCTS = """
query Nested($slug: String!, $first: Int) {
  category(slug: $slug) {
    products(first: $first, channel: "bd") {
      edges { node { name pricing { priceRange { start { gross { amount } } } }
        variants { sku quantityAvailable } } }
    }
  }
  collection(slug: "eid", channel: "bd") {
    products(first: $first) {
      edges { node { name thumbnail { url } category { name } } }
    }
  }
}
"""


@pytest.mark.parametrize("size", [1, 20])
def test_products_of_a_category_and_a_collection_do_not_grow(api_client, channel, size):
    # given `size` products in one category and one collection
    category = CategoryFactory()
    collection = CollectionFactory(slug="eid")
    CollectionChannelListingFactory(collection=collection, channel=channel)
    for _ in range(size):
        product = create_listed_product(channel=channel, category=category)
        CollectionProduct.objects.create(collection=collection, product=product)
    # when both lists are read in one query
    count = _count(api_client, NESTED_PRODUCTS, {"slug": category.slug, "first": size})
    # then the count is the same for 1 and for 20
    assert count == 8
    assert Category.objects.count() == 1
