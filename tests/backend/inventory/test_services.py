import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from backend.catalog.error_codes import ProductErrorCode
from backend.inventory.error_codes import StockErrorCode
from backend.inventory.models import Stock
from backend.inventory.services import (
    StockQuantity,
    create_stocks,
    delete_stocks,
    update_stocks,
)
from tests.factories import (
    CentreFactory,
    ProductVariantFactory,
    StockFactory,
    VendorFactory,
    WarehouseFactory,
)


def _errors(error: ValidationError) -> list[tuple[str, str, int | None]]:
    return [
        (field, item.code, (item.params or {}).get("index"))
        for field, items in error.error_dict.items()
        for item in items
    ]


@pytest.fixture
def variant(db):
    return ProductVariantFactory()


@pytest.mark.django_db
def test_update_stocks_sets_and_creates_rows(variant):
    # given
    own = WarehouseFactory(vendor=variant.product.vendor)
    centre = WarehouseFactory(centre=CentreFactory())
    StockFactory(product_variant=variant, warehouse=own, quantity=3)
    # when
    update_stocks(
        variant=variant,
        stocks=[StockQuantity(warehouse=own, quantity=7), StockQuantity(centre, 2)],
    )
    # then
    quantities = dict(
        Stock.objects.filter(product_variant=variant).values_list("warehouse_id", "quantity")
    )
    assert quantities == {own.pk: 7, centre.pk: 2}


@pytest.mark.django_db
def test_another_vendors_warehouse_is_refused(variant):
    # given
    foreign = WarehouseFactory(vendor=VendorFactory())
    # when
    with pytest.raises(ValidationError) as error:
        update_stocks(variant=variant, stocks=[StockQuantity(foreign, 5)])
    # then
    assert _errors(error.value) == [("warehouse", StockErrorCode.INVALID.value, 0)]
    assert not Stock.objects.exists()


@pytest.mark.django_db
def test_negative_quantity_is_refused_and_nothing_changes(variant):
    # given
    own = WarehouseFactory(vendor=variant.product.vendor)
    other = WarehouseFactory(vendor=variant.product.vendor)
    StockFactory(product_variant=variant, warehouse=own, quantity=3)
    # when
    with pytest.raises(ValidationError) as error:
        update_stocks(variant=variant, stocks=[StockQuantity(own, 9), StockQuantity(other, -1)])
    # then
    assert _errors(error.value) == [("quantity", StockErrorCode.INVALID.value, 1)]
    assert list(Stock.objects.values_list("warehouse_id", "quantity")) == [(own.pk, 3)]


@pytest.mark.django_db
def test_quantity_below_allocated_is_refused(variant):
    # given
    own = WarehouseFactory(vendor=variant.product.vendor)
    StockFactory(product_variant=variant, warehouse=own, quantity=10, quantity_allocated=4)
    # when
    with pytest.raises(ValidationError) as error:
        update_stocks(variant=variant, stocks=[StockQuantity(own, 3)])
    # then
    assert _errors(error.value) == [("quantity", StockErrorCode.INVALID.value, 0)]
    assert Stock.objects.get().quantity == 10


@pytest.mark.django_db
def test_duplicated_warehouse_is_refused(variant):
    own = WarehouseFactory(vendor=variant.product.vendor)
    with pytest.raises(ValidationError) as error:
        update_stocks(variant=variant, stocks=[StockQuantity(own, 1), StockQuantity(own, 2)])
    assert _errors(error.value) == [("warehouse", ProductErrorCode.DUPLICATED_INPUT_ITEM.value, 1)]


@pytest.mark.django_db
def test_create_stocks_refuses_existing_stock(variant):
    own = WarehouseFactory(vendor=variant.product.vendor)
    StockFactory(product_variant=variant, warehouse=own, quantity=1)
    with pytest.raises(ValidationError) as error:
        create_stocks(variant=variant, stocks=[StockQuantity(own, 2)])
    assert _errors(error.value) == [("warehouse", StockErrorCode.UNIQUE.value, 0)]
    assert Stock.objects.get().quantity == 1


@pytest.mark.django_db
def test_delete_stocks_refuses_allocated_stock(variant):
    own = WarehouseFactory(vendor=variant.product.vendor)
    StockFactory(product_variant=variant, warehouse=own, quantity=5, quantity_allocated=1)
    with pytest.raises(ValidationError) as error:
        delete_stocks(variant=variant, warehouses=[own])
    assert _errors(error.value) == [("warehouses", StockErrorCode.INVALID.value, None)]
    assert Stock.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_stock_updates_neither_crash_nor_duplicate():
    # given: a variant with no stock row yet, and two writers racing to create and set it
    variant = ProductVariantFactory()
    warehouse = WarehouseFactory(vendor=variant.product.vendor)
    barrier = threading.Barrier(2)
    failures: list[BaseException] = []

    def write(quantity: int) -> None:
        try:
            barrier.wait()
            update_stocks(variant=variant, stocks=[StockQuantity(warehouse, quantity)])
        except BaseException as error:
            failures.append(error)
        finally:
            connection.close()

    # when
    threads = [threading.Thread(target=write, args=(q,)) for q in (5, 8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then
    assert failures == []
    stocks = list(Stock.objects.filter(product_variant=variant))
    assert len(stocks) == 1
    assert stocks[0].quantity in (5, 8)
