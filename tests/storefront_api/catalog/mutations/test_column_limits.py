"""Every stored string and number fits its column: too long, too large, too precise or not
finite is a field error with a code, and nothing is written."""

import importlib
import math
from decimal import Decimal

import pytest
from django.apps import apps as django_apps

from backend.catalog.error_codes import ProductErrorCode
from backend.catalog.models import Category, Product, ProductVariant
from backend.catalog.services.products import create_product, update_product
from tests.factories import ProductFactory, ProductTypeFactory, ProductVariantFactory, VendorFactory

from .helpers import gid

PRODUCT_CREATE = """
mutation Create($input: ProductCreateInput!) {
  productCreate(input: $input) { product { id } errors { field code message } }
}
"""


@pytest.fixture
def product_input(db):
    return {
        "productType": gid("ProductType", ProductTypeFactory().pk),
        "vendor": gid("Vendor", VendorFactory().pk),
        "name": "Nakshi Kantha",
    }


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"name": "ক" * 251}, {"field": "name", "message": "At most 250 characters."}),
        ({"slug": "a" * 256}, {"field": "slug", "message": "At most 255 characters."}),
        ({"seo": {"title": "t" * 71}}, {"field": "seo", "message": "At most 70 characters."}),
        (
            {"seo": {"description": "d" * 301}},
            {"field": "seo", "message": "At most 300 characters."},
        ),
        (
            {"externalReference": "r" * 251},
            {"field": "externalReference", "message": "At most 250 characters."},
        ),
        (
            {"weight": 1e300},
            {"field": "weight", "message": "At most 7 digits before the decimal point."},
        ),
        ({"weight": "0.0001"}, {"field": "weight", "message": "At most 3 decimal places."}),
        ({"weight": -5}, {"field": "weight", "message": "The weight cannot be negative."}),
    ],
)
def test_product_create_refuses_values_that_do_not_fit(
    api_client, product_manager, product_input, change, error
):
    # when
    data = api_client.as_user(product_manager).execute(
        PRODUCT_CREATE, {"input": {**product_input, **change}}
    )
    # then
    assert data["productCreate"] == {"product": None, "errors": [{**error, "code": "INVALID"}]}
    assert not Product.objects.exists()


def test_product_update_refuses_a_long_name_and_changes_nothing(api_client, product_manager):
    # given
    product = ProductFactory(name="Kantha")
    query = """
    mutation Update($id: ID!, $input: ProductInput!) {
      productUpdate(id: $id, input: $input) { product { id } errors { field code } }
    }
    """
    # when
    data = api_client.as_user(product_manager).execute(
        query, {"id": gid("Product", product.pk), "input": {"name": "x" * 251}}
    )
    # then
    assert data["productUpdate"] == {
        "product": None,
        "errors": [{"field": "name", "code": "INVALID"}],
    }
    product.refresh_from_db()
    assert product.name == "Kantha"


def test_variant_create_refuses_a_long_sku(api_client, product_manager):
    # given
    product = ProductFactory()
    query = """
    mutation Create($input: ProductVariantCreateInput!) {
      productVariantCreate(input: $input) { productVariant { id } errors { field code } }
    }
    """
    # when
    data = api_client.as_user(product_manager).execute(
        query,
        {"input": {"product": gid("Product", product.pk), "attributes": [], "sku": "S" * 256}},
    )
    # then
    assert data["productVariantCreate"] == {
        "productVariant": None,
        "errors": [{"field": "sku", "code": "INVALID"}],
    }
    assert not ProductVariant.objects.exists()


def test_variant_update_refuses_a_huge_weight(api_client, product_manager):
    # given
    variant = ProductVariantFactory(weight=None)
    query = """
    mutation Update($id: ID!, $input: ProductVariantInput!) {
      productVariantUpdate(id: $id, input: $input) { productVariant { id } errors { field code } }
    }
    """
    # when
    data = api_client.as_user(product_manager).execute(
        query, {"id": gid("ProductVariant", variant.pk), "input": {"weight": "1e12"}}
    )
    # then
    assert data["productVariantUpdate"] == {
        "productVariant": None,
        "errors": [{"field": "weight", "code": "INVALID"}],
    }
    variant.refresh_from_db()
    assert variant.weight is None


def test_category_create_refuses_long_text(api_client, product_manager):
    query = """
    mutation Create($input: CategoryInput!) {
      categoryCreate(input: $input) { category { id } errors { field code message } }
    }
    """
    data = api_client.as_user(product_manager).execute(
        query, {"input": {"name": "Saree", "backgroundImageAlt": "a" * 129}}
    )
    assert data["categoryCreate"] == {
        "category": None,
        "errors": [
            {"field": "backgroundImageAlt", "code": "INVALID", "message": "At most 128 characters."}
        ],
    }
    assert not Category.objects.exists()


@pytest.mark.parametrize("rating", [math.inf, -math.inf, math.nan])
def test_the_domain_refuses_a_rating_that_is_not_finite(db, rating):
    # given
    vendor, product_type = VendorFactory(), ProductTypeFactory()
    product = ProductFactory(rating=4.5)
    # when / then
    with pytest.raises(Exception) as created:
        create_product(vendor=vendor, product_type=product_type, name="Kantha", rating=rating)
    with pytest.raises(Exception) as updated:
        update_product(product=product, rating=rating)
    # then
    for raised in (created.value, updated.value):
        assert raised.message_dict == {"rating": ["The number must be finite."]}
        assert raised.error_dict["rating"][0].code == ProductErrorCode.INVALID.value
    assert Product.objects.count() == 1
    product.refresh_from_db()
    assert product.rating == 4.5


def test_a_stored_infinite_rating_is_repaired_and_the_product_reads_again(
    api_client, product_manager
):
    # given: a rating written before the domain refused it
    broken = ProductFactory(rating=4.0)
    Product.objects.filter(pk=broken.pk).update(rating=math.inf)
    fine = ProductFactory(rating=3.5)
    migration = importlib.import_module("backend.catalog.migrations.0007_null_non_finite_ratings")
    # when
    migration.null_non_finite_ratings(django_apps, None)
    # then
    assert dict(Product.objects.values_list("pk", "rating")) == {broken.pk: None, fine.pk: 3.5}
    data = api_client.as_user(product_manager).execute(
        "query Q($id: ID!) { product(id: $id) { rating } }", {"id": gid("Product", broken.pk)}
    )
    assert data == {"product": {"rating": None}}


def test_price_that_does_not_fit_is_a_field_error():
    from backend.catalog.services.validation import clean_price

    with pytest.raises(Exception) as raised:
        clean_price(Decimal("1e12"), field_name="price_amount")
    assert raised.value.message_dict == {"price_amount": ["The price is too large."]}
