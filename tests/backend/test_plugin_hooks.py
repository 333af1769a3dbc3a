"""The domain announces its writes to the plugins: the right hook, with the right object, once."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import override_settings

from backend.catalog.services.categories import create_category, delete_category, update_category
from backend.catalog.services.products import create_product, delete_product, update_product
from backend.catalog.services.variants import create_variant, delete_variant, update_variant
from backend.inventory import services as inventory
from backend.inventory.models import Stock
from backend.inventory.services import StockQuantity
from backend.marketplace import services as marketplace
from backend.marketplace.error_codes import VendorErrorCode
from backend.marketplace.models import VendorStatus
from plugins.framework.base import BasePlugin
from plugins.framework.manager import PluginsManager, clear_registry_cache
from tests.factories import (
    ProductFactory,
    ProductTypeFactory,
    ProductVariantFactory,
    StockFactory,
    VendorFactory,
    WarehouseFactory,
)
from tests.storefront_api.catalog.mutations.helpers import gid


class RecordingPlugin(BasePlugin):
    """Writes down every catalogue, stock and vendor hook it hears."""

    PLUGIN_ID = "tests.recorder"
    PLUGIN_NAME = "Recorder"
    DEFAULT_ACTIVE = True
    heard: list[tuple[str, object]] = []

    def _note(self, hook, obj, previous_value):
        RecordingPlugin.heard.append((hook, obj))
        return previous_value

    def product_created(self, product, previous_value):
        return self._note("product_created", product, previous_value)

    def product_updated(self, product, previous_value):
        return self._note("product_updated", product, previous_value)

    def product_deleted(self, product, variant_ids, previous_value):
        return self._note("product_deleted", (product.pk, tuple(variant_ids)), previous_value)

    def product_variant_created(self, variant, previous_value):
        return self._note("product_variant_created", variant, previous_value)

    def product_variant_updated(self, variant, previous_value):
        return self._note("product_variant_updated", variant, previous_value)

    def product_variant_deleted(self, variant, previous_value):
        return self._note("product_variant_deleted", variant, previous_value)

    def category_created(self, category, previous_value):
        return self._note("category_created", category, previous_value)

    def category_updated(self, category, previous_value):
        return self._note("category_updated", category, previous_value)

    def category_deleted(self, category, previous_value):
        return self._note("category_deleted", category.pk, previous_value)

    def product_variant_stock_updated(self, stock, previous_value):
        return self._note("product_variant_stock_updated", stock.quantity, previous_value)

    def product_variant_out_of_stock(self, stock, previous_value):
        return self._note("product_variant_out_of_stock", stock.quantity, previous_value)

    def product_variant_back_in_stock(self, stock, previous_value):
        return self._note("product_variant_back_in_stock", stock.quantity, previous_value)

    def vendor_approved(self, vendor, previous_value):
        return self._note("vendor_approved", vendor, previous_value)


def codes(error: ValidationError) -> dict[str, list[str]]:
    return {field: [item.code for item in items] for field, items in error.error_dict.items()}


@pytest.fixture
def manager(db):
    RecordingPlugin.heard = []
    return PluginsManager(plugin_classes=[RecordingPlugin])


def _hooks() -> list[str]:
    return [hook for hook, _ in RecordingPlugin.heard]


def test_product_create_update_delete_are_announced(manager, vendor):
    # given
    product_type = ProductTypeFactory()
    # when
    product = create_product(vendor=vendor, product_type=product_type, name="চা", manager=manager)
    update_product(product=product, name="চা পাতা", manager=manager)
    variant = create_variant(product=product, sku="TEA-1", manager=manager)
    update_variant(variant=variant, name="২৫০ গ্রাম", manager=manager)
    product_pk = product.pk
    delete_product(product=product, manager=manager)
    # then
    assert RecordingPlugin.heard == [
        ("product_created", product),
        ("product_updated", product),
        ("product_variant_created", variant),
        ("product_variant_updated", variant),
        ("product_deleted", (product_pk, (variant.pk,))),
    ]


def test_a_failed_write_announces_nothing(manager, vendor):
    # given a product type that requires nothing, and a name that is blank
    product_type = ProductTypeFactory()
    # when
    with pytest.raises(ValidationError) as caught:
        create_product(vendor=vendor, product_type=product_type, name=" ", manager=manager)
    # then the name is refused, and plugins heard nothing
    assert codes(caught.value) == {"name": ["required"]}
    assert RecordingPlugin.heard == []


def test_category_create_is_announced(manager):
    # when
    category = create_category(name="মুদি", manager=manager)
    # then
    assert RecordingPlugin.heard == [("category_created", category)]


def test_category_update_and_delete_are_announced(manager):
    # given food > rice, with a product in rice
    food = create_category(name="খাদ্য", slug="food")
    rice = create_category(name="চাল", slug="rice", parent=food)
    product = ProductFactory(category=rice)
    RecordingPlugin.heard = []
    # when
    update_category(category=rice, name="Rice", manager=manager)
    delete_category(category=food, manager=manager)
    # then each deleted category is announced, and the product that lost its category
    assert _hooks() == [
        "category_updated",
        "category_deleted",
        "category_deleted",
        "product_updated",
    ]
    assert RecordingPlugin.heard[0][1].pk == rice.pk
    assert [obj for hook, obj in RecordingPlugin.heard if hook == "category_deleted"] == [
        food.pk,
        rice.pk,
    ]
    assert RecordingPlugin.heard[3][1].pk == product.pk


def test_variant_delete_is_announced(manager, vendor):
    # given
    variant = ProductVariantFactory(product=ProductFactory(vendor=vendor))
    # when
    delete_variant(variant=variant, manager=manager)
    # then
    assert RecordingPlugin.heard == [("product_variant_deleted", variant)]


def test_a_refused_category_move_announces_nothing(manager):
    # given
    food = create_category(name="খাদ্য", slug="food")
    rice = create_category(name="চাল", slug="rice", parent=food)
    RecordingPlugin.heard = []
    # when
    with pytest.raises(ValidationError):
        update_category(category=food, parent=rice, manager=manager)
    # then
    assert RecordingPlugin.heard == []


def test_stock_crossing_zero_is_announced_both_ways(manager, vendor):
    # given a variant with 3 in a warehouse
    variant = ProductVariantFactory(product=ProductFactory(vendor=vendor))
    warehouse = WarehouseFactory(vendor=vendor)
    StockFactory(product_variant=variant, warehouse=warehouse, quantity=3)
    line = lambda quantity: [StockQuantity(warehouse=warehouse, quantity=quantity)]  # noqa: E731
    # when it goes to 0, stays at 0, comes back to 5, then to 7
    for quantity in (0, 0, 5, 7):
        inventory.update_stocks(variant=variant, stocks=line(quantity), manager=manager)
    # then
    assert RecordingPlugin.heard == [
        ("product_variant_stock_updated", 0),
        ("product_variant_out_of_stock", 0),
        ("product_variant_stock_updated", 0),
        ("product_variant_stock_updated", 5),
        ("product_variant_back_in_stock", 5),
        ("product_variant_stock_updated", 7),
    ]


def test_allocated_stock_counts_as_unavailable(manager, vendor):
    # given 4 held, 4 allocated to orders: nothing available
    variant = ProductVariantFactory(product=ProductFactory(vendor=vendor))
    warehouse = WarehouseFactory(vendor=vendor)
    StockFactory(product_variant=variant, warehouse=warehouse, quantity=4, quantity_allocated=4)
    # when 2 more arrive
    inventory.update_stocks(
        variant=variant, stocks=[StockQuantity(warehouse=warehouse, quantity=6)], manager=manager
    )
    # then it is back in stock
    assert _hooks() == ["product_variant_stock_updated", "product_variant_back_in_stock"]


def test_stock_create_and_delete_are_announced(manager, vendor):
    # given
    variant = ProductVariantFactory(product=ProductFactory(vendor=vendor))
    warehouse = WarehouseFactory(vendor=vendor)
    # when
    inventory.create_stocks(
        variant=variant, stocks=[StockQuantity(warehouse=warehouse, quantity=2)], manager=manager
    )
    inventory.delete_stocks(variant=variant, warehouses=[warehouse], manager=manager)
    # then
    assert RecordingPlugin.heard == [
        ("product_variant_stock_updated", 2),
        ("product_variant_back_in_stock", 2),
        ("product_variant_stock_updated", 0),
        ("product_variant_out_of_stock", 0),
    ]
    assert not Stock.objects.exists()


def test_vendor_approval_is_announced_once(manager, django_user_model):
    # given a pending vendor and an administrator
    vendor = VendorFactory(status=VendorStatus.PENDING)
    admin = django_user_model.objects.create_superuser(email="root@haat.test", password="x" * 12)
    # when it is approved, then approved again (an error)
    marketplace.approve_vendor(vendor=vendor, approved_by=admin, manager=manager)
    with pytest.raises(ValidationError) as caught:
        marketplace.approve_vendor(vendor=vendor, approved_by=admin, manager=manager)
    # then the second approval is refused, and plugins heard the first once
    assert codes(caught.value) == {"status": [VendorErrorCode.INVALID_STATUS]}
    assert RecordingPlugin.heard == [("vendor_approved", vendor)]


def test_hooks_run_inside_the_callers_transaction(manager, vendor):
    # given
    product_type = ProductTypeFactory()
    # when the surrounding transaction rolls back after the write
    with pytest.raises(RuntimeError, match=r"^the caller fails later$"), transaction.atomic():
        create_product(vendor=vendor, product_type=product_type, name="চা", manager=manager)
        assert transaction.get_connection().in_atomic_block
        raise RuntimeError("the caller fails later")
    # then the hook ran inside it (plugins defer their effects with on_commit)
    assert _hooks() == ["product_created"]


@pytest.fixture
def recorder_installed(db):
    RecordingPlugin.heard = []
    with override_settings(
        PLUGINS=["tests.backend.test_plugin_hooks.RecordingPlugin"], PLUGINS_ENTRY_POINTS=False
    ):
        clear_registry_cache()
        yield
    clear_registry_cache()


def test_mutations_announce_through_the_requests_manager(
    recorder_installed, api_client, vendor, product_manager
):
    # given a variant with stock, changed over the API by a product manager
    variant = ProductVariantFactory(product=ProductFactory(vendor=vendor), sku="TEA-9")
    warehouse = WarehouseFactory(vendor=vendor)
    StockFactory(product_variant=variant, warehouse=warehouse, quantity=1)
    mutation = """
    mutation ($stocks: [StockInput!]!) {
      productVariantStocksUpdate(sku: "TEA-9", stocks: $stocks) { errors { code } }
    }
    """
    # when
    data = api_client.as_user(product_manager).execute(
        mutation, {"stocks": [{"warehouse": gid("Warehouse", warehouse.pk), "quantity": 0}]}
    )
    # then
    assert data["productVariantStocksUpdate"]["errors"] == []
    assert _hooks() == ["product_variant_stock_updated", "product_variant_out_of_stock"]


def test_an_app_approves_a_vendor_without_being_a_user(manager):
    # given a pending vendor and an app holding MANAGE_VENDORS (apps are not users)
    from backend.apps.auth import AppRequestor
    from backend.apps.models import App

    vendor = VendorFactory(status=VendorStatus.PENDING)
    app = App.objects.create(name="ERP")
    requestor = AppRequestor(app, frozenset({"marketplace.manage_vendors"}))
    # when
    marketplace.approve_vendor(vendor=vendor, approved_by=requestor, manager=manager)
    # then it is approved, by nobody in particular, and plugins heard it
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.APPROVED
    assert vendor.approved_by is None
    assert _hooks() == ["vendor_approved"]
