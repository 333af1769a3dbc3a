"""One object of every type whose metadata the API writes, with the permission that lets staff
write it: the table the per-type tests walk."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from backend.apps.models import App
from backend.catalog.models import Attribute, AttributeType, ProductMedia
from backend.content.models import Menu, MenuItem, Page, PageType
from backend.core.permissions import MANAGE_VENDORS, PermissionEnum
from backend.orders.models import Fulfillment
from backend.shipping.models import ShippingMethod, ShippingZone, ShippingZoneKind
from tests.factories import (
    CategoryFactory,
    CheckoutFactory,
    CollectionFactory,
    OrderFactory,
    OrderLineFactory,
    ProductFactory,
    ProductTypeFactory,
    ProductVariantFactory,
    UserFactory,
    VendorFactory,
    WarehouseFactory,
)
from tests.voucher_factories import make_voucher

P = PermissionEnum


def _fulfillment() -> Fulfillment:
    line = OrderLineFactory()
    return Fulfillment.objects.create(
        order=line.order, vendor_order=line.vendor_order, fulfillment_order=1
    )


def _page() -> Page:
    page_type = PageType.objects.create(name="Help", slug="help")
    return Page.objects.create(page_type=page_type, title="Delivery", slug="delivery")


@dataclass(frozen=True)
class Kind:
    type_name: str
    make: Callable[[], Any]
    permission: Any

    def __str__(self) -> str:
        return self.type_name


KINDS = [
    Kind("Order", OrderFactory, P.MANAGE_ORDERS),
    Kind("OrderLine", OrderLineFactory, P.MANAGE_ORDERS),
    Kind("Fulfillment", _fulfillment, P.MANAGE_ORDERS),
    Kind("Product", ProductFactory, P.MANAGE_PRODUCTS),
    Kind("ProductVariant", ProductVariantFactory, P.MANAGE_PRODUCTS),
    Kind(
        "ProductMedia",
        lambda: ProductMedia.objects.create(product=ProductFactory()),
        P.MANAGE_PRODUCTS,
    ),
    Kind("Category", CategoryFactory, P.MANAGE_PRODUCTS),
    Kind("Collection", CollectionFactory, P.MANAGE_PRODUCTS),
    Kind("Warehouse", WarehouseFactory, P.MANAGE_PRODUCTS),
    Kind("ProductType", ProductTypeFactory, P.MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES),
    Kind(
        "Attribute",
        lambda: Attribute.objects.create(slug="size", name="Size"),
        P.MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES,
    ),
    Kind(
        "Attribute",
        lambda: Attribute.objects.create(slug="topic", name="Topic", type=AttributeType.PAGE_TYPE),
        P.MANAGE_PAGE_TYPES_AND_ATTRIBUTES,
    ),
    Kind("Page", _page, P.MANAGE_PAGES),
    Kind(
        "PageType",
        lambda: PageType.objects.create(name="Help", slug="help"),
        P.MANAGE_PAGE_TYPES_AND_ATTRIBUTES,
    ),
    Kind("Menu", lambda: Menu.objects.create(name="Footer", slug="footer"), P.MANAGE_MENUS),
    Kind(
        "MenuItem",
        lambda: MenuItem.objects.create(
            menu=Menu.objects.create(name="Footer", slug="footer"), name="Help"
        ),
        P.MANAGE_MENUS,
    ),
    Kind("Voucher", lambda: make_voucher().voucher, P.MANAGE_DISCOUNTS),
    Kind(
        "ShippingZone",
        lambda: ShippingZone.objects.create(name="Far", kind=ShippingZoneKind.REST_OF_COUNTRY),
        P.MANAGE_SHIPPING,
    ),
    Kind(
        "ShippingMethodType",
        lambda: ShippingMethod.objects.create(name="Post"),
        P.MANAGE_SHIPPING,
    ),
    Kind("App", lambda: App.objects.create(name="ERP"), P.MANAGE_APPS),
    Kind("Vendor", VendorFactory, MANAGE_VENDORS),
    Kind("User", UserFactory, P.MANAGE_USERS),
    Kind("Checkout", CheckoutFactory, P.MANAGE_CHECKOUTS),
]
