"""SelectedAttribute on products and variants: every attribute of the type in assignment order,
with the values the product or variant has; hidden attributes only for staff."""

from backend.catalog.models import (
    AssignedProductAttributeValue,
    AssignedVariantAttributeValue,
    Attribute,
    AttributeProduct,
    AttributeValue,
    AttributeVariant,
)
from tests.conftest import grant
from tests.factories import create_listed_product

QUERY = """
query Product($slug: String!) {
  product(slug: $slug, channel: "bd") {
    attributes { attribute { slug } values { name slug } }
    variants { sku attributes { attribute { slug } values { name } } }
  }
}
"""


def _product_with_attributes():
    product = create_listed_product(variants=2)
    product_type = product.product_type
    material = Attribute.objects.create(slug="material", name="Material")
    origin = Attribute.objects.create(slug="origin", name="Origin")
    secret = Attribute.objects.create(slug="supplier", name="Supplier", visible_in_storefront=False)
    weight = Attribute.objects.create(slug="pack-weight", name="Pack weight")
    AttributeProduct.objects.create(attribute=origin, product_type=product_type, sort_order=2)
    AttributeProduct.objects.create(attribute=material, product_type=product_type, sort_order=1)
    AttributeProduct.objects.create(attribute=secret, product_type=product_type, sort_order=3)
    AttributeVariant.objects.create(
        attribute=weight, product_type=product_type, variant_selection=True
    )
    jute = AttributeValue.objects.create(attribute=material, name="পাট", slug="jute")
    cotton = AttributeValue.objects.create(attribute=material, name="সুতি", slug="cotton")
    hidden = AttributeValue.objects.create(attribute=secret, name="Hidden Ltd", slug="hidden")
    AssignedProductAttributeValue.objects.create(product=product, value=cotton, sort_order=2)
    AssignedProductAttributeValue.objects.create(product=product, value=jute, sort_order=1)
    AssignedProductAttributeValue.objects.create(product=product, value=hidden)
    variants = list(product.variants.order_by("sku"))
    for variant, grams in zip(variants, ("500 g", "1 kg"), strict=True):
        value = AttributeValue.objects.create(
            attribute=weight, name=grams, slug=grams.replace(" ", "")
        )
        AssignedVariantAttributeValue.objects.create(variant=variant, value=value)
    return product


def test_product_and_variant_attributes_for_a_shopper(api_client, channel):
    # given a product whose type has product and variant attributes, one of them hidden
    product = _product_with_attributes()
    # when a shopper opens it
    data = api_client.execute(QUERY, {"slug": product.slug})["product"]
    # then attributes come in assignment order, empty ones included, the hidden one left out
    assert data["attributes"] == [
        {
            "attribute": {"slug": "material"},
            "values": [{"name": "পাট", "slug": "jute"}, {"name": "সুতি", "slug": "cotton"}],
        },
        {"attribute": {"slug": "origin"}, "values": []},
    ]
    # and each variant has its own value
    assert [variant["attributes"] for variant in data["variants"]] == [
        [{"attribute": {"slug": "pack-weight"}, "values": [{"name": "500 g"}]}],
        [{"attribute": {"slug": "pack-weight"}, "values": [{"name": "1 kg"}]}],
    ]


def test_staff_see_hidden_attributes(api_client, channel, product_manager):
    # given the same product
    product = _product_with_attributes()
    grant(product_manager)
    # when staff who manage products open it
    data = api_client.as_user(product_manager).execute(QUERY, {"slug": product.slug})["product"]
    # then the hidden attribute is there too
    assert [item["attribute"]["slug"] for item in data["attributes"]] == [
        "material",
        "origin",
        "supplier",
    ]
    assert data["attributes"][2]["values"] == [{"name": "Hidden Ltd", "slug": "hidden"}]


def test_attribute_type_is_the_stored_one(api_client, channel):
    # given a product whose attributes describe product types
    product = _product_with_attributes()
    # when a shopper asks what kind of attribute each is
    data = api_client.execute(
        """query($slug: String!) { product(slug: $slug, channel: "bd") {
             attributes { attribute { slug type } }
             variants { attributes { attribute { slug type } } } } }""",
        {"slug": product.slug},
    )["product"]
    # then each says PRODUCT_TYPE, as stored (page attributes say PAGE_TYPE)
    assert data["attributes"] == [
        {"attribute": {"slug": "material", "type": "PRODUCT_TYPE"}},
        {"attribute": {"slug": "origin", "type": "PRODUCT_TYPE"}},
    ]
    assert data["variants"][0]["attributes"] == [
        {"attribute": {"slug": "pack-weight", "type": "PRODUCT_TYPE"}}
    ]
