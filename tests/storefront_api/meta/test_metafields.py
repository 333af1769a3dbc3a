"""ObjectWithMetadata's map and single-key fields, read through each type's own metadata
resolvers (so private ones keep their read permission), without extra queries per object; and
the plugin hooks catalogue metadata writes fire."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    CategoryFactory,
    ProductFactory,
    ProductVariantFactory,
    create_listed_product,
)

from .helpers import UPDATE, gid, pairs

PRODUCT = """
query ($id: ID!) {
  product(id: $id) {
    metafields
    some: metafields(keys: ["a", "absent"])
    metafield(key: "a")
    privateMetafield(key: "cost")
    privateMetafields(keys: ["cost"])
  }
}
"""

PRODUCTS = """
query ($first: Int) {
  products(first: $first, channel: "bd") {
    edges { node { metafields privateMetafield(key: "cost") privateMetafields } }
  }
}
"""


def test_metafields_answer_the_stored_maps(api_client, product_manager, channel):
    # given
    product = create_listed_product(channel=channel)
    product.metadata = {"a": "1", "b": "2"}
    product.private_metadata = {"cost": "90", "supplier": "x"}
    product.save(update_fields=["metadata", "private_metadata"])
    # when
    data = api_client.as_user(product_manager).execute(PRODUCT, {"id": gid("Product", product.pk)})
    # then
    assert data["product"] == {
        "metafields": {"a": "1", "b": "2"},
        "some": {"a": "1"},
        "metafield": "1",
        "privateMetafield": "90",
        "privateMetafields": {"cost": "90"},
    }


def test_private_metafields_are_refused_to_the_public(api_client, channel):
    # given
    product = create_listed_product(channel=channel)
    query = 'query ($id: ID!) { product(id: $id) { metafields privateMetafield(key: "cost") } }'
    # when
    content = api_client.execute_raw(query, {"id": gid("Product", product.pk)})
    # then the public part answers; the private field is refused as Saleor refuses it
    assert content["data"]["product"] == {"metafields": {}, "privateMetafield": None}
    assert [error["path"] for error in content["errors"]] == [["product", "privateMetafield"]]
    assert content["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"


def _count(client, first: int) -> int:
    with CaptureQueriesContext(connection) as captured:
        data = client.execute(PRODUCTS, {"first": first})
    assert len(data["products"]["edges"]) == first
    return len(captured)


def test_metafields_of_a_page_cost_the_queries_of_one(api_client, product_manager, channel):
    # given ten listed products with metadata
    for index in range(10):
        product = create_listed_product(channel=channel)
        product.metadata = {"n": str(index)}
        product.private_metadata = {"cost": str(index)}
        product.save(update_fields=["metadata", "private_metadata"])
    client = api_client.as_user(product_manager)
    # when / then
    assert _count(client, 1) == _count(client, 10)


def test_catalogue_metadata_writes_fire_the_models_updated_hook(
    api_client, product_manager, hook_recorder
):
    # given
    product = ProductFactory()
    variant = ProductVariantFactory(product=product)
    category = CategoryFactory()
    client = api_client.as_user(product_manager)
    # when each gets a new key, and the product is given its own key again
    for type_name, pk in (
        ("Product", product.pk),
        ("ProductVariant", variant.pk),
        ("Category", category.pk),
        ("Product", product.pk),
    ):
        data = client.execute(UPDATE, {"id": gid(type_name, pk), "input": pairs(a="1")})
        assert data["updateMetadata"]["errors"] == []
    # then each change was announced once; the write that changed nothing was not
    assert hook_recorder == [
        ("product_updated", product.pk),
        ("product_variant_updated", variant.pk),
        ("category_updated", category.pk),
    ]
