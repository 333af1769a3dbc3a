import pytest

from backend.catalog.models import Product, ProductVariant
from tests.factories import ProductFactory, ProductVariantFactory

from .helpers import ALLOWED_ROLES, DENIED_ROLES, assert_permission_denied, client_for, gid

MUTATION = """
mutation Delete($id: ID, $sku: String, $externalReference: String) {
  productVariantDelete(id: $id, sku: $sku, externalReference: $externalReference) {
    productVariant { id sku }
    errors { field code }
  }
}
"""


@pytest.fixture
def product(vendor):
    product = ProductFactory(vendor=vendor)
    first = ProductVariantFactory(product=product, sku="TEA-250", sort_order=0)
    ProductVariantFactory(product=product, sku="TEA-500", sort_order=1)
    Product.objects.filter(pk=product.pk).update(default_variant=first)
    return product


@pytest.mark.parametrize("role", ALLOWED_ROLES)
def test_allowed_roles_delete_and_the_next_variant_becomes_default(
    request, api_client, role, product
):
    # given
    client = client_for(request, api_client, role)
    first = product.variants.get(sku="TEA-250")
    # when
    data = client.execute(MUTATION, {"id": gid("ProductVariant", first.pk)})
    # then
    assert data["productVariantDelete"] == {
        "productVariant": {"id": gid("ProductVariant", first.pk), "sku": "TEA-250"},
        "errors": [],
    }
    product.refresh_from_db()
    assert list(product.variants.values_list("sku", flat=True)) == ["TEA-500"]
    assert product.default_variant.sku == "TEA-500"


def test_delete_by_sku(api_client, product_manager, product):
    data = api_client.as_user(product_manager).execute(MUTATION, {"sku": "TEA-500"})
    assert data["productVariantDelete"]["errors"] == []
    assert list(ProductVariant.objects.values_list("sku", flat=True)) == ["TEA-250"]


@pytest.mark.parametrize("role", DENIED_ROLES)
def test_denied_roles_delete_nothing(request, api_client, role, product):
    client = client_for(request, api_client, role)
    variant = product.variants.get(sku="TEA-250")
    assert_permission_denied(
        client.execute_raw(MUTATION, {"id": gid("ProductVariant", variant.pk)})
    )
    assert ProductVariant.objects.count() == 2


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({"id": gid("ProductVariant", 999999)}, ("id", "NOT_FOUND")),
        ({"id": gid("Product", 1)}, ("id", "GRAPHQL_ERROR")),
        ({"sku": "NOPE"}, ("sku", "NOT_FOUND")),
        ({"externalReference": "NOPE"}, ("externalReference", "NOT_FOUND")),
        ({}, ("id", "GRAPHQL_ERROR")),
    ],
)
def test_errors_delete_nothing(api_client, product_manager, product, variables, expected):
    data = api_client.as_user(product_manager).execute(MUTATION, variables)
    errors = data["productVariantDelete"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [expected]
    assert ProductVariant.objects.count() == 2
