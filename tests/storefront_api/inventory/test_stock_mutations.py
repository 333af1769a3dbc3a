import pytest

from backend.inventory.models import Stock
from tests.factories import (
    CentreFactory,
    ProductFactory,
    ProductVariantFactory,
    StockFactory,
    VendorFactory,
    WarehouseFactory,
)
from tests.storefront_api.catalog.mutations.helpers import (
    ALLOWED_ROLES,
    DENIED_ROLES,
    assert_permission_denied,
    client_for,
    gid,
)

UPDATE = """
mutation Update($variantId: ID, $sku: String, $stocks: [StockInput!]!) {
  productVariantStocksUpdate(variantId: $variantId, sku: $sku, stocks: $stocks) {
    productVariant { id }
    errors { field code index }
  }
}
"""
CREATE = """
mutation Create($variantId: ID!, $stocks: [StockInput!]!) {
  productVariantStocksCreate(variantId: $variantId, stocks: $stocks) {
    productVariant { id }
    errors { field code index }
  }
}
"""
DELETE = """
mutation Delete($variantId: ID, $warehouseIds: [ID!]) {
  productVariantStocksDelete(variantId: $variantId, warehouseIds: $warehouseIds) {
    productVariant { id }
    errors { field code }
  }
}
"""


@pytest.fixture
def variant(vendor):
    return ProductVariantFactory(product=ProductFactory(vendor=vendor), sku="TEA-250")


@pytest.fixture
def warehouse(vendor):
    return WarehouseFactory(vendor=vendor)


def _line(warehouse, quantity):
    return {"warehouse": gid("Warehouse", warehouse.pk), "quantity": quantity}


@pytest.mark.parametrize("role", ALLOWED_ROLES)
def test_allowed_roles_set_stock(request, api_client, role, variant, warehouse):
    # given
    centre = WarehouseFactory(centre=CentreFactory())
    StockFactory(product_variant=variant, warehouse=warehouse, quantity=1)
    client = client_for(request, api_client, role)
    # when
    data = client.execute(
        UPDATE, {"sku": "TEA-250", "stocks": [_line(warehouse, 9), _line(centre, 4)]}
    )
    # then
    assert data["productVariantStocksUpdate"]["errors"] == []
    assert dict(Stock.objects.values_list("warehouse_id", "quantity")) == {
        warehouse.pk: 9,
        centre.pk: 4,
    }


@pytest.mark.parametrize("role", DENIED_ROLES)
def test_denied_roles_change_no_stock(request, api_client, role, variant, warehouse):
    StockFactory(product_variant=variant, warehouse=warehouse, quantity=1)
    client = client_for(request, api_client, role)
    variant_id = gid("ProductVariant", variant.pk)
    assert_permission_denied(
        client.execute_raw(UPDATE, {"variantId": variant_id, "stocks": [_line(warehouse, 5)]})
    )
    assert_permission_denied(
        client.execute_raw(CREATE, {"variantId": variant_id, "stocks": [_line(warehouse, 5)]})
    )
    assert_permission_denied(
        client.execute_raw(
            DELETE, {"variantId": variant_id, "warehouseIds": [gid("Warehouse", warehouse.pk)]}
        )
    )
    assert list(Stock.objects.values_list("quantity", flat=True)) == [1]


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("negative", ("quantity", "INVALID", 1)),
        ("below-allocated", ("quantity", "INVALID", 0)),
        ("foreign-warehouse", ("warehouse", "INVALID", 1)),
        ("unknown-warehouse", ("warehouse", "NOT_FOUND", 1)),
        ("bad-warehouse-id", ("warehouse", "GRAPHQL_ERROR", 0)),
        ("duplicate", ("warehouse", "DUPLICATED_INPUT_ITEM", 1)),
        ("unknown-variant", ("id", "NOT_FOUND", None)),
    ],
)
def test_update_errors_change_nothing(api_client, entrepreneur, variant, warehouse, case, expected):
    # given
    StockFactory(product_variant=variant, warehouse=warehouse, quantity=10, quantity_allocated=6)
    other = WarehouseFactory(vendor=variant.product.vendor)
    foreign = WarehouseFactory(vendor=VendorFactory())
    stocks = {
        "negative": [_line(warehouse, 8), _line(other, -1)],
        "below-allocated": [_line(warehouse, 5)],
        "foreign-warehouse": [_line(warehouse, 8), _line(foreign, 1)],
        "unknown-warehouse": [
            _line(warehouse, 8),
            {"warehouse": gid("Warehouse", 999999), "quantity": 1},
        ],
        "bad-warehouse-id": [{"warehouse": "bad", "quantity": 1}],
        "duplicate": [_line(warehouse, 8), _line(warehouse, 9)],
        "unknown-variant": [_line(warehouse, 8)],
    }[case]
    variant_id = gid("ProductVariant", 999999 if case == "unknown-variant" else variant.pk)
    # when
    data = api_client.as_user(entrepreneur).execute(
        UPDATE, {"variantId": variant_id, "stocks": stocks}
    )
    # then
    errors = data["productVariantStocksUpdate"]["errors"]
    assert [(e["field"], e["code"], e["index"]) for e in errors] == [expected]
    assert list(Stock.objects.values_list("warehouse_id", "quantity")) == [(warehouse.pk, 10)]


def test_create_and_delete_stocks(api_client, entrepreneur, variant, warehouse):
    client = api_client.as_user(entrepreneur)
    variant_id = gid("ProductVariant", variant.pk)
    # when
    data = client.execute(CREATE, {"variantId": variant_id, "stocks": [_line(warehouse, 3)]})
    # then
    assert data["productVariantStocksCreate"]["errors"] == []
    assert Stock.objects.get().quantity == 3
    # when: again, the stock exists
    data = client.execute(CREATE, {"variantId": variant_id, "stocks": [_line(warehouse, 5)]})
    # then
    errors = data["productVariantStocksCreate"]["errors"]
    assert [(e["field"], e["code"], e["index"]) for e in errors] == [("warehouse", "UNIQUE", 0)]
    assert Stock.objects.get().quantity == 3
    # when
    data = client.execute(
        DELETE, {"variantId": variant_id, "warehouseIds": [gid("Warehouse", warehouse.pk)]}
    )
    # then
    assert data["productVariantStocksDelete"]["errors"] == []
    assert not Stock.objects.exists()


def test_delete_errors(api_client, entrepreneur, variant, warehouse):
    StockFactory(product_variant=variant, warehouse=warehouse, quantity=5, quantity_allocated=2)
    client = api_client.as_user(entrepreneur)
    variant_id = gid("ProductVariant", variant.pk)
    cases = [
        (
            {"variantId": variant_id, "warehouseIds": [gid("Warehouse", warehouse.pk)]},
            ("warehouseIds", "INVALID"),
        ),
        (
            {"variantId": variant_id, "warehouseIds": [gid("Warehouse", 999999)]},
            ("warehouseIds", "NOT_FOUND"),
        ),
        ({"variantId": gid("ProductVariant", 999999), "warehouseIds": []}, ("id", "NOT_FOUND")),
    ]
    for variables, expected in cases:
        data = client.execute(DELETE, variables)
        errors = data["productVariantStocksDelete"]["errors"]
        assert [(e["field"], e["code"]) for e in errors] == [expected]
    assert Stock.objects.count() == 1
