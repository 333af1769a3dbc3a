import pytest

from backend.catalog.models import Attribute, AttributeVariant, ProductVariant
from backend.inventory.models import Stock
from tests.factories import ProductFactory, ProductVariantFactory, VendorFactory, WarehouseFactory

from .helpers import ALLOWED_ROLES, DENIED_ROLES, assert_permission_denied, client_for, gid

CREATE = """
mutation Create($input: ProductVariantCreateInput!) {
  productVariantCreate(input: $input) {
    productVariant { id sku name }
    errors { field code }
  }
}
"""
UPDATE = """
mutation Update($id: ID, $sku: String, $input: ProductVariantInput!) {
  productVariantUpdate(id: $id, sku: $sku, input: $input) {
    productVariant { id sku name }
    errors { field code }
  }
}
"""


@pytest.fixture
def product(vendor):
    return ProductFactory(vendor=vendor)


def _create_input(product, **fields):
    return {"input": {"product": gid("Product", product.pk), "attributes": [], **fields}}


@pytest.mark.parametrize("role", ALLOWED_ROLES)
def test_allowed_roles_create_variant_with_stock(request, api_client, role, product, vendor):
    # given
    warehouse = WarehouseFactory(vendor=vendor)
    client = client_for(request, api_client, role)
    # when
    data = client.execute(
        CREATE,
        _create_input(
            product,
            sku="RICE-5KG",
            name="5 kg",
            stocks=[{"warehouse": gid("Warehouse", warehouse.pk), "quantity": 12}],
        ),
    )
    # then
    assert data["productVariantCreate"]["errors"] == []
    assert data["productVariantCreate"]["productVariant"]["sku"] == "RICE-5KG"
    variant = ProductVariant.objects.get()
    assert variant.stocks.get().quantity == 12
    product.refresh_from_db()
    assert product.default_variant_id == variant.pk
    assert "rice-5kg" in product.search_document


@pytest.mark.parametrize("role", DENIED_ROLES)
def test_denied_roles_create_and_update_nothing(request, api_client, role, product):
    variant = ProductVariantFactory(product=product, sku="KEEP")
    client = client_for(request, api_client, role)
    assert_permission_denied(client.execute_raw(CREATE, _create_input(product, sku="NEW")))
    assert_permission_denied(
        client.execute_raw(UPDATE, {"id": gid("ProductVariant", variant.pk), "input": {"sku": "X"}})
    )
    assert list(ProductVariant.objects.values_list("sku", flat=True)) == ["KEEP"]


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("unknown-product", ("product", "NOT_FOUND")),
        ("taken-sku", ("sku", "UNIQUE")),
        ("foreign-warehouse", ("warehouse", "INVALID")),
        ("unknown-warehouse", ("warehouse", "NOT_FOUND")),
        ("negative-stock", ("quantity", "INVALID")),
        ("bad-limit", ("quantityLimitPerCustomer", "INVALID")),
        ("foreign-attribute", ("attributes", "INVALID")),
        ("unknown-attribute", ("attributes", "NOT_FOUND")),
        ("no-variants", ("product", "ATTRIBUTE_VARIANTS_DISABLED")),
    ],
)
def test_create_errors_create_nothing(api_client, entrepreneur, product, vendor, case, expected):
    # given
    ProductVariantFactory(sku="TAKEN", product=ProductFactory(vendor=VendorFactory()))
    own = WarehouseFactory(vendor=vendor)
    foreign = WarehouseFactory(vendor=VendorFactory())
    attribute = Attribute.objects.create(slug="size", name="Size")
    single = ProductFactory(vendor=vendor, product_type__has_variants=False)
    ProductVariantFactory(product=single)
    inputs = {
        "unknown-product": {"product": gid("Product", 999999)},
        "taken-sku": {"sku": "TAKEN"},
        "foreign-warehouse": {
            "stocks": [{"warehouse": gid("Warehouse", foreign.pk), "quantity": 1}]
        },
        "unknown-warehouse": {"stocks": [{"warehouse": gid("Warehouse", 999999), "quantity": 1}]},
        "negative-stock": {"stocks": [{"warehouse": gid("Warehouse", own.pk), "quantity": -1}]},
        "bad-limit": {"quantityLimitPerCustomer": 0},
        "foreign-attribute": {
            "attributes": [{"id": gid("Attribute", attribute.pk), "values": ["L"]}]
        },
        "unknown-attribute": {"attributes": [{"id": gid("Attribute", 999999), "values": ["L"]}]},
        "no-variants": {"product": gid("Product", single.pk)},
    }
    count = ProductVariant.objects.count()
    # when
    data = api_client.as_user(entrepreneur).execute(
        CREATE, {"input": {**_create_input(product)["input"], **inputs[case]}}
    )
    # then
    errors = data["productVariantCreate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [expected]
    assert ProductVariant.objects.count() == count
    assert not Stock.objects.exists()


def test_variant_attributes_are_saved(api_client, product_manager, product):
    attribute = Attribute.objects.create(slug="size", name="Size", input_type="dropdown")
    AttributeVariant.objects.create(attribute=attribute, product_type=product.product_type)
    data = api_client.as_user(product_manager).execute(
        CREATE,
        _create_input(
            product,
            attributes=[{"id": gid("Attribute", attribute.pk), "dropdown": {"value": "XL"}}],
        ),
    )
    assert data["productVariantCreate"]["errors"] == []
    variant = ProductVariant.objects.get()
    assert list(variant.attribute_values.values_list("value__name", flat=True)) == ["XL"]


@pytest.mark.parametrize("role", ALLOWED_ROLES)
def test_allowed_roles_update_variant(request, api_client, role, product):
    variant = ProductVariantFactory(product=product, sku="OLD")
    client = client_for(request, api_client, role)
    data = client.execute(UPDATE, {"sku": "OLD", "input": {"sku": "NEW-SKU", "name": "Big"}})
    assert data["productVariantUpdate"]["errors"] == []
    variant.refresh_from_db()
    assert (variant.sku, variant.name) == ("NEW-SKU", "Big")
    product.refresh_from_db()
    assert "new-sku" in product.search_document


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({"id": gid("ProductVariant", 999999), "input": {"name": "X"}}, ("id", "NOT_FOUND")),
        ({"sku": "NOPE", "input": {"name": "X"}}, ("sku", "NOT_FOUND")),
        ({"input": {"name": "X"}}, ("id", "GRAPHQL_ERROR")),
        ("taken", ("sku", "UNIQUE")),
        ("limit", ("quantityLimitPerCustomer", "INVALID")),
    ],
)
def test_update_errors_change_nothing(api_client, product_manager, product, variables, expected):
    variant = ProductVariantFactory(product=product, sku="MINE", name="Same")
    ProductVariantFactory(sku="TAKEN")
    if variables == "taken":
        variables = {
            "id": gid("ProductVariant", variant.pk),
            "input": {"sku": "TAKEN", "name": "N"},
        }
    elif variables == "limit":
        variables = {
            "id": gid("ProductVariant", variant.pk),
            "input": {"quantityLimitPerCustomer": 0},
        }
    data = api_client.as_user(product_manager).execute(UPDATE, variables)
    errors = data["productVariantUpdate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [expected]
    variant.refresh_from_db()
    assert (variant.sku, variant.name, variant.quantity_limit_per_customer) == (
        "MINE",
        "Same",
        None,
    )
