import pytest
from django.core.exceptions import ValidationError

from backend.catalog.error_codes import ProductErrorCode
from backend.catalog.services.variants import create_variant, update_variant
from tests.factories import ProductFactory, ProductVariantFactory

from .helpers import error_codes


@pytest.mark.django_db
def test_variant_sku_is_searchable_and_first_variant_is_default():
    # given
    product = ProductFactory()
    # when
    variant = create_variant(product=product, sku="MANGO-1KG")
    # then
    product.refresh_from_db()
    assert product.default_variant_id == variant.pk
    assert "mango-1kg" in product.search_document


@pytest.mark.django_db
def test_duplicate_sku_is_unique_error():
    # given
    ProductVariantFactory(sku="DUP")
    variant = ProductVariantFactory(sku="OTHER")
    # when
    with pytest.raises(ValidationError) as error:
        update_variant(variant=variant, sku="DUP")
    # then
    assert error_codes(error.value) == {"sku": [ProductErrorCode.UNIQUE.value]}
    variant.refresh_from_db()
    assert variant.sku == "OTHER"
