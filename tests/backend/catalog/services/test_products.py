import pytest
from django.core.exceptions import ValidationError

from backend.catalog.error_codes import ProductErrorCode
from backend.catalog.models import Product
from backend.catalog.services.products import create_product, update_product
from tests.factories import ProductFactory, ProductTypeFactory, VendorFactory

from .helpers import error_codes


@pytest.mark.django_db
def test_create_product_makes_a_bangla_slug_and_indexes_it():
    # given
    vendor = VendorFactory(name="Nakshi Ghor")
    # when
    product = create_product(vendor=vendor, product_type=ProductTypeFactory(), name="নকশি কাঁথা")
    # then
    product.refresh_from_db()
    assert product.slug == "নকশি-কাঁথা"
    assert "নকশি কাঁথা" in product.search_document
    assert "nakshi ghor" in product.search_document
    assert product.search_index_dirty is False


@pytest.mark.django_db
def test_create_product_slug_avoids_taken_slugs():
    # given
    ProductFactory(slug="jamdani-saree")
    # when
    product = create_product(
        vendor=VendorFactory(), product_type=ProductTypeFactory(), name="Jamdani Saree"
    )
    # then
    assert product.slug == "jamdani-saree-2"


@pytest.mark.django_db
def test_create_product_with_taken_slug_is_unique_error_and_creates_nothing():
    # given
    ProductFactory(slug="taken")
    count = Product.objects.count()
    # when
    with pytest.raises(ValidationError) as error:
        create_product(
            vendor=VendorFactory(), product_type=ProductTypeFactory(), name="X", slug="taken"
        )
    # then
    assert error_codes(error.value) == {"slug": [ProductErrorCode.UNIQUE.value]}
    assert Product.objects.count() == count


@pytest.mark.django_db
def test_create_product_without_name_is_required_error():
    with pytest.raises(ValidationError) as error:
        create_product(vendor=VendorFactory(), product_type=ProductTypeFactory(), name="  ")
    assert error_codes(error.value) == {"name": [ProductErrorCode.REQUIRED.value]}


@pytest.mark.django_db
def test_update_product_reindexes_the_new_name():
    # given
    product = ProductFactory(name="Old name")
    # when
    update_product(product=product, name="Fresh mango")
    # then
    product.refresh_from_db()
    assert product.name == "Fresh mango"
    assert "fresh mango" in product.search_document
