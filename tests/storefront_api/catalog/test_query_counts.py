"""A page of 1 and a page of 30 run the same number of SQL queries (DESIGN.md "No N+1")."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backend.catalog.models import (
    CategoryTranslation,
    Collection,
    CollectionChannelListing,
    CollectionProduct,
    ProductMedia,
    ProductTranslation,
    Thumbnail,
)
from bench.queries import PRODUCT_DETAIL as BENCH_PRODUCT_DETAIL
from tests.factories import CategoryFactory, create_listed_product

PRODUCT_LIST = """
query Products($first: Int) {
  products(first: $first, channel: "bd") {
    edges {
      node {
        id name slug
        translation(languageCode: BN_BD) { name }
        pricing {
          onSale
          priceRange { start { gross { amount currency } } stop { gross { amount } } }
        }
        category { id name }
        thumbnail(size: 256, format: WEBP) { url alt }
        variants { id name sku quantityAvailable pricing { price { gross { amount } } } }
      }
    }
  }
}
"""

PRODUCT_DETAIL = """
query Product($slug: String) {
  product(slug: $slug, channel: "bd") {
    id name slug description seoTitle
    translation(languageCode: EN_US) { name }
    category { id name parent { name } }
    productType { name }
    vendor { name }
    thumbnail(size: 512) { url }
    media { url(size: 1024, format: WEBP) alt }
    pricing { onSale priceRange { start { gross { amount } net { amount } } } }
    isAvailable isAvailableForPurchase
    attributes { attribute { slug } values { name } }
    collections { name }
    defaultVariant { id }
    variants {
      id name sku quantityAvailable
      attributes { attribute { slug } values { name } }
      pricing { price { gross { amount } } priceUndiscounted { gross { amount } } }
      translation(languageCode: BN_BD) { name }
    }
  }
}
"""


def _count(api_client, query, variables):
    with CaptureQueriesContext(connection) as captured:
        api_client.execute(query, variables)
    return len(captured)


def _catalogue(channel, size):
    category = CategoryFactory()
    CategoryTranslation.objects.create(category=category, language_code="bn", name="চাল")
    collection = Collection.objects.create(name="Eid", slug="eid")
    CollectionChannelListing.objects.create(
        collection=collection, channel=channel, is_published=True
    )
    products = []
    for index in range(size):
        product = create_listed_product(channel=channel, variants=3, category=category)
        ProductTranslation.objects.create(product=product, language_code="bn", name=f"পণ্য {index}")
        media = ProductMedia.objects.create(product=product, image=f"products/{index}.jpg")
        if index % 2:
            Thumbnail.objects.create(media=media, size=256, format="webp", image=f"t/{index}.webp")
        CollectionProduct.objects.create(collection=collection, product=product)
        products.append(product)
    return products


@pytest.mark.parametrize("size", [1, 30])
def test_product_list_query_count_does_not_grow_with_page_size(api_client, channel, size):
    # given a catalogue of `size` products with translations, images and three variants each
    _catalogue(channel, size)
    # when the storefront lists them all
    count = _count(api_client, PRODUCT_LIST, {"first": size})
    # then the same small number of queries runs for 1 and for 30: channel, products (with
    # their listing), categories, translations, variants (with prices and stock), media (with
    # thumbnails)
    assert count == 6


def test_product_list_returns_the_whole_page(api_client, channel):
    # given 30 products
    _catalogue(channel, 30)
    # when listed
    data = api_client.execute(PRODUCT_LIST, {"first": 30})
    # then every product comes with its thumbnail and variants
    edges = data["products"]["edges"]
    assert len(edges) == 30
    assert all(len(edge["node"]["variants"]) == 3 for edge in edges)
    assert all(edge["node"]["thumbnail"]["url"].startswith("http://testserver/") for edge in edges)


def test_product_detail_query_count(api_client, channel):
    # given a product with an image, translations, a collection and variants
    product = _catalogue(channel, 1)[0]
    # when the storefront opens it
    count = _count(api_client, PRODUCT_DETAIL, {"slug": product.slug})
    # then a bounded number of queries runs
    assert count == 11


def test_storefront_product_page_runs_at_most_eight_queries(api_client, channel):
    # given a product with an image, translations, attributes and variants
    product = _catalogue(channel, 1)[0]
    # when a storefront opens its page with the benchmark's query (bench/queries.py)
    count = _count(api_client, BENCH_PRODUCT_DETAIL, {"slug": product.slug, "channel": "bd"})
    # then the budget holds: channel, product (with listing, category, vendor),
    # translation, media (with thumbnails), attribute assignments of both levels, product
    # attribute values, variants (with prices and stock), variant attribute values
    assert count == 8


CATEGORIES = """
query Categories($first: Int) {
  categories(first: $first, level: 1) {
    edges { node {
      id name slug level parent { name }
      translation(languageCode: BN) { name }
      children(first: 5) { edges { node { name } } }
      ancestors(first: 5) { edges { node { name } } }
    } }
  }
}
"""


@pytest.mark.parametrize("size", [1, 25])
def test_category_list_query_count(api_client, db, size):
    # given `size` child categories, each under its own parent
    for index in range(size):
        parent = CategoryFactory(tree_path=f"{index:04d}.")
        CategoryFactory(parent=parent, level=1, tree_path=f"{index:04d}.9999.")
    # when the storefront lists them
    count = _count(api_client, CATEGORIES, {"first": size})
    # then the count does not depend on the page size
    assert count == 5


COLLECTIONS = """
query Collections($first: Int) {
  collections(first: $first, channel: "bd") {
    edges { node {
      id name slug channel
      translation(languageCode: EN) { name }
      products(first: 3) { edges { node { name } } }
    } }
  }
}
"""


@pytest.mark.parametrize("size", [1, 20])
def test_collection_list_query_count(api_client, channel, size):
    # given `size` published collections
    for index in range(size):
        collection = Collection.objects.create(name=f"C {index}", slug=f"c-{index}")
        CollectionChannelListing.objects.create(
            collection=collection, channel=channel, is_published=True
        )
    # when the storefront lists them without their products
    query = COLLECTIONS.replace("products(first: 3) { edges { node { name } } }", "")
    count = _count(api_client, query, {"first": size})
    # then the count does not depend on the page size
    assert count == 3
