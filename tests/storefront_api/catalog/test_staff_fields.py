"""Fields for those who manage the catalogue: private metadata, channel listings and stock rows.

As in Saleor, they need MANAGE_PRODUCTS (anyone else gets a top-level PermissionDenied for the
field, never a made-up `[]`); in Haat the owner of the product's vendor may read them too, as he
may change them through the mutations.
"""

from __future__ import annotations

import pytest

from backend.catalog.models import Category, Collection, Product, ProductVariant
from backend.core.permissions import PermissionEnum
from tests.conftest import grant
from tests.factories import (
    CategoryFactory,
    CollectionChannelListingFactory,
    CollectionFactory,
    UserFactory,
    create_listed_product,
)

PRODUCT = """
query Product($slug: String) {
  product(slug: $slug) { slug privateMetadata { key value } channelListings { isPublished } }
}
"""
VARIANT = """
query Variant($sku: String) {
  productVariant(sku: $sku) {
    sku privateMetadata { key value } channelListings { price { amount } } stocks { quantity }
  }
}
"""
VARIANT_LISTS = """
query V($sku: String) {
  productVariant(sku: $sku) { sku channelListings { price { amount } } stocks { quantity } }
}
"""
PRODUCT_LISTINGS = (
    "query P($slug: String) { product(slug: $slug) { slug channelListings { isPublished } } }"
)
COLLECTION = """
query Collection($slug: String) {
  collection(slug: $slug) { slug privateMetadata { key value } channelListings { isPublished } }
}
"""
COLLECTION_LISTINGS = (
    "query C($slug: String) { collection(slug: $slug) { slug channelListings { isPublished } } }"
)
CATEGORY = "query C($slug: String) { category(slug: $slug) { slug privateMetadata { key } } }"


@pytest.fixture
def product(vendor, channel) -> Product:
    product = create_listed_product(vendor=vendor, channel=channel, slug="tea", stock=7)
    Product.objects.filter(pk=product.pk).update(private_metadata={"supplier": "Sylhet"})
    ProductVariant.objects.filter(product=product).update(private_metadata={"cost": "80"})
    return product


@pytest.fixture
def variant(product) -> ProductVariant:
    return product.variants.get()


def _viewer(role, *, customer_user, other_entrepreneur, staff_user):
    return {
        "anonymous": None,
        "customer": customer_user,
        "entrepreneur of another vendor": other_entrepreneur,
        "staff without MANAGE_PRODUCTS": staff_user,
    }[role]


DENIED_ROLES = [
    "anonymous",
    "customer",
    "entrepreneur of another vendor",
    "staff without MANAGE_PRODUCTS",
]


def _codes(content) -> list[tuple[str, tuple]]:
    return [
        (error["extensions"]["exception"]["code"], tuple(error["path"]))
        for error in content["errors"]
    ]


@pytest.mark.parametrize("role", DENIED_ROLES)
def test_product_private_metadata_and_listings_are_refused(
    api_client, product, role, customer_user, other_entrepreneur, staff_user
):
    # given a viewer who neither manages products nor owns the vendor
    viewer = _viewer(
        role,
        customer_user=customer_user,
        other_entrepreneur=other_entrepreneur,
        staff_user=staff_user,
    )
    client = api_client.as_user(viewer)
    # when they ask for the product's private metadata, or its channel listings
    metadata = client.execute_raw(PRODUCT, {"slug": "tea"})
    listings = client.execute_raw(PRODUCT_LISTINGS, {"slug": "tea"})
    # then each is refused at the top level; the non-null privateMetadata nulls the product
    assert metadata["data"] == {"product": None}
    assert _codes(metadata) == [("PermissionDenied", ("product", "privateMetadata"))]
    assert metadata["errors"][0]["message"] == "You need the following permission: MANAGE_PRODUCTS"
    assert listings["data"] == {"product": {"slug": "tea", "channelListings": None}}
    assert _codes(listings) == [("PermissionDenied", ("product", "channelListings"))]


@pytest.mark.parametrize("role", DENIED_ROLES)
def test_variant_private_metadata_listings_and_stocks_are_refused(
    api_client, variant, role, customer_user, other_entrepreneur, staff_user
):
    viewer = _viewer(
        role,
        customer_user=customer_user,
        other_entrepreneur=other_entrepreneur,
        staff_user=staff_user,
    )
    client = api_client.as_user(viewer)
    metadata = client.execute_raw(VARIANT, {"sku": variant.sku})
    assert metadata["data"] == {"productVariant": None}
    assert _codes(metadata) == [("PermissionDenied", ("productVariant", "privateMetadata"))]
    # listings and stocks (nullable): only those fields are null, the variant is still there
    lists = client.execute_raw(VARIANT_LISTS, {"sku": variant.sku})
    assert lists["data"] == {
        "productVariant": {"sku": variant.sku, "channelListings": None, "stocks": None}
    }
    assert _codes(lists) == [
        ("PermissionDenied", ("productVariant", "channelListings")),
        ("PermissionDenied", ("productVariant", "stocks")),
    ]


@pytest.mark.parametrize("viewer_name", ["product_manager", "entrepreneur"])
def test_product_staff_and_the_vendors_owner_read_them(api_client, variant, viewer_name, request):
    # given product staff, or the entrepreneur who owns the product's vendor
    viewer = request.getfixturevalue(viewer_name)
    client = api_client.as_user(viewer)
    # when they ask / then they see the truth
    assert client.execute(PRODUCT, {"slug": "tea"}) == {
        "product": {
            "slug": "tea",
            "privateMetadata": [{"key": "supplier", "value": "Sylhet"}],
            "channelListings": [{"isPublished": True}],
        }
    }
    assert client.execute(VARIANT, {"sku": variant.sku}) == {
        "productVariant": {
            "sku": variant.sku,
            "privateMetadata": [{"key": "cost", "value": "80"}],
            "channelListings": [{"price": {"amount": 100.0}}],
            "stocks": [{"quantity": 7}],
        }
    }


@pytest.mark.parametrize("role", [*DENIED_ROLES, "entrepreneur"])
def test_collection_and_category_private_metadata_and_listings_need_manage_products(
    api_client, channel, role, customer_user, other_entrepreneur, staff_user, entrepreneur
):
    # given a published collection and a category, both shared by every shop
    collection = CollectionFactory(slug="eid", private_metadata={"owner": "ops"})
    CollectionChannelListingFactory(collection=collection, channel=channel)
    CategoryFactory(slug="food", private_metadata={"owner": "ops"})
    viewer = (
        entrepreneur
        if role == "entrepreneur"
        else _viewer(
            role,
            customer_user=customer_user,
            other_entrepreneur=other_entrepreneur,
            staff_user=staff_user,
        )
    )
    client = api_client.as_user(viewer)
    # when anyone but product staff asks (a shop's owner included: they are not his)
    collection_content = client.execute_raw(COLLECTION, {"slug": "eid"})
    listings_content = client.execute_raw(COLLECTION_LISTINGS, {"slug": "eid"})
    category_content = client.execute_raw(CATEGORY, {"slug": "food"})
    # then each is refused at the top level
    assert collection_content["data"] == {"collection": None}
    assert _codes(collection_content) == [("PermissionDenied", ("collection", "privateMetadata"))]
    assert listings_content["data"] == {"collection": {"slug": "eid", "channelListings": None}}
    assert category_content["data"] == {"category": None}
    assert _codes(category_content) == [("PermissionDenied", ("category", "privateMetadata"))]


def test_product_staff_read_collection_and_category_private_metadata(
    api_client, channel, product_manager
):
    collection = CollectionFactory(slug="eid", private_metadata={"owner": "ops"})
    CollectionChannelListingFactory(collection=collection, channel=channel)
    CategoryFactory(slug="food", private_metadata={"owner": "ops"})
    client = api_client.as_user(product_manager)
    assert client.execute(COLLECTION, {"slug": "eid"}) == {
        "collection": {
            "slug": "eid",
            "privateMetadata": [{"key": "owner", "value": "ops"}],
            "channelListings": [{"isPublished": True}],
        }
    }
    assert client.execute(CATEGORY, {"slug": "food"}) == {
        "category": {"slug": "food", "privateMetadata": [{"key": "owner"}]}
    }
    assert Collection.objects.count() == 1 and Category.objects.count() == 1


def test_each_domain_has_its_own_permission(api_client, channel):
    # given staff who manage pages only, and staff who manage channels only
    pages_staff = UserFactory(is_staff=True, phone=None, email="pages@haat.test")
    grant(pages_staff, PermissionEnum.MANAGE_PAGES)
    channels_staff = UserFactory(is_staff=True, phone=None, email="channels@haat.test")
    grant(channels_staff, PermissionEnum.MANAGE_CHANNELS)
    query = f'{{ channel(slug: "{channel.slug}") {{ slug privateMetadata {{ key }} }} }}'
    # when each asks for the channel's private metadata
    refused = api_client.as_user(pages_staff).execute_raw(query)
    allowed = api_client.as_user(channels_staff).execute(query)
    # then MANAGE_CHANNELS is what it takes
    assert refused["data"] == {"channel": None}
    assert refused["errors"][0]["message"] == "You need the following permission: MANAGE_CHANNELS"
    assert allowed == {"channel": {"slug": channel.slug, "privateMetadata": []}}
