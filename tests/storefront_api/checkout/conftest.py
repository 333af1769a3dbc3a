"""What the checkout API tests share: a listed variant, and mutations as a storefront sends them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest
from graphql_relay import to_global_id

from backend.catalog.models import ProductVariant
from backend.channels.models import Channel
from backend.inventory.models import ClickAndCollectOption, Warehouse
from backend.marketplace.models import Vendor
from backend.places.models import District
from backend.shipping.models import ShippingMethod, ShippingZoneKind
from backend.shipping.services import (
    create_shipping_method,
    create_shipping_zone,
    set_shipping_method_channel_listing,
)
from tests.backend.shipping.helpers import POSTAL_SLABS, add_slabs
from tests.factories import CentreFactory, VendorFactory, WarehouseFactory, create_listed_product

CHECKOUT_FIELDS = """
    id
    token
    email
    quantity
    isShippingRequired
    languageCode
    user { id }
    lines {
        id
        quantity
        variant { id }
        unitPrice { gross { amount } net { amount } tax { amount } currency }
        undiscountedUnitPrice { amount }
        totalPrice { gross { amount } net { amount } tax { amount } }
        undiscountedTotalPrice { amount }
        requiresShipping
        problems { __typename }
    }
    subtotalPrice { gross { amount } net { amount } tax { amount } }
    shippingPrice { gross { amount } net { amount } tax { amount } }
    totalPrice { gross { amount } net { amount } tax { amount } currency }
    totalBalance { amount }
    chargeStatus
    authorizeStatus
    availablePaymentGateways { id }
    problems { __typename }
    vendorShipping { vendor { slug } price { amount } }
    shippingMethods { id name price { amount } }
    deliveryMethod { __typename ... on ShippingMethod { id } ... on Warehouse { id } }
    availableCollectionPoints { id }
    voucherCode
    discount { amount }
    giftCards { id }
"""

ERROR_FIELDS = "errors { field message code variants lines addressType }"

CREATE = f"""
mutation Create($input: CheckoutCreateInput!) {{
    checkoutCreate(input: $input) {{ checkout {{ {CHECKOUT_FIELDS} }} {ERROR_FIELDS} }}
}}
"""


def variant_id(variant) -> str:
    return to_global_id("ProductVariant", variant.pk)


def checkout_id(token) -> str:
    return to_global_id("Checkout", str(token))


@pytest.fixture
def product(channel):
    """A published product at ৳115.00 (VAT-inclusive at 15%: ৳100.00 net), 10 in stock."""
    return create_listed_product(channel=channel, price=Decimal("115.00"), stock=10)


@pytest.fixture
def variant(product):
    return product.variants.get()


def create_checkout(client, lines, **fields) -> dict:
    """Run checkoutCreate in the `bd` channel; the payload (checkout and errors)."""
    payload = {"channel": "bd", "lines": lines, **fields}
    return client.execute(CREATE, {"input": payload})["checkoutCreate"]


@pytest.fixture
def new_checkout(api_client, variant):
    """An anonymous checkout with 2 of `variant`: the payload's checkout."""
    result = create_checkout(api_client, [{"variantId": variant_id(variant), "quantity": 2}])
    assert result["errors"] == []
    return result["checkout"]


# --- a shop that delivers: real places, zones, methods, two vendors, a collection point -------

# issue 9's scheme: countryArea the district, city the upazila, cityArea the union, a postcode
# of the district. Gazipur is in Dhaka division; Rangpur is not.
GAZIPUR_ADDRESS = {
    "firstName": "Karim",
    "lastName": "Mia",
    "streetAddress1": "House 5, Road 2",
    "city": "Kaliakair",
    "cityArea": "Mouchak",
    "postalCode": "1750",
    "countryArea": "Gazipur",
    "country": "BD",
    "phone": "01712345678",
}
DHAKA_ADDRESS = {
    **GAZIPUR_ADDRESS,
    "city": "Savar",
    "cityArea": "",
    "postalCode": "1340",
    "countryArea": "Dhaka",
}


@dataclass
class Shop:
    """The `bd` channel delivering from a Gazipur vendor and a Rangpur vendor.

    "Postal parcel" serves every zone (৳50 in the district, ৳70 in the division, ৳100 beyond,
    up to 0.5 kg); "Courier" serves only the same district (৳80). The Gazipur centre's pickup
    point collects whatever the channel holds."""

    channel: Channel
    postal: ShippingMethod
    courier: ShippingMethod
    gazipur_vendor: Vendor
    rangpur_vendor: Vendor
    gazipur_warehouse: Warehouse
    rangpur_warehouse: Warehouse
    gazipur_variant: ProductVariant  # ৳115.00, 10 in stock
    rangpur_variant: ProductVariant  # ৳57.50, 10 in stock
    pickup: Warehouse

    def product(self, vendor: Vendor, price: str = "10.00", stock: int = 10) -> ProductVariant:
        """Another product of `vendor`, stocked in its warehouse."""
        warehouse = (
            self.gazipur_warehouse if vendor == self.gazipur_vendor else self.rangpur_warehouse
        )
        return create_listed_product(
            channel=self.channel,
            vendor=vendor,
            price=Decimal(price),
            stock=stock,
            warehouse=warehouse,
        ).variants.get()


def _vendor_warehouse(channel: Channel, district_name: str) -> Warehouse:
    district = District.objects.get(name=district_name)
    vendor = VendorFactory(centre=CentreFactory(district=district))
    warehouse = WarehouseFactory(vendor=vendor, district=district)
    warehouse.channels.add(channel)
    return warehouse


@pytest.fixture
def shop(bangladesh, channel) -> Shop:
    zones = {
        kind: create_shipping_zone(
            name=kind.label,
            kind=kind,
            channels=[channel],
            default=kind == ShippingZoneKind.REST_OF_COUNTRY,
        )
        for kind in ShippingZoneKind
    }
    postal = create_shipping_method(
        name="Postal parcel", minimum_delivery_days=3, maximum_delivery_days=7
    )
    set_shipping_method_channel_listing(method=postal, channel=channel)
    add_slabs(postal, zones, channel, POSTAL_SLABS)
    courier = create_shipping_method(
        name="Courier", minimum_delivery_days=1, maximum_delivery_days=1
    )
    set_shipping_method_channel_listing(method=courier, channel=channel)
    add_slabs(
        courier, zones, channel, {ShippingZoneKind.SAME_DISTRICT: ((Decimal(1), Decimal(80)),)}
    )
    gazipur = _vendor_warehouse(channel, "Gazipur")
    rangpur = _vendor_warehouse(channel, "Rangpur")
    pickup = WarehouseFactory(
        name="Mouchak digital centre",
        centre=CentreFactory(name="Mouchak digital centre", district=gazipur.district),
        district=gazipur.district,
        click_and_collect_option=ClickAndCollectOption.ALL_WAREHOUSES,
    )
    pickup.channels.add(channel)
    shop = Shop(
        channel=channel,
        postal=postal,
        courier=courier,
        gazipur_vendor=gazipur.vendor,
        rangpur_vendor=rangpur.vendor,
        gazipur_warehouse=gazipur,
        rangpur_warehouse=rangpur,
        gazipur_variant=None,  # type: ignore[arg-type]
        rangpur_variant=None,  # type: ignore[arg-type]
        pickup=pickup,
    )
    shop.gazipur_variant = shop.product(gazipur.vendor, "115.00")
    shop.rangpur_variant = shop.product(rangpur.vendor, "57.50")
    return shop


def method_id(method: ShippingMethod) -> str:
    return to_global_id("ShippingMethod", method.pk)


def warehouse_id(warehouse: Warehouse) -> str:
    return to_global_id("Warehouse", warehouse.pk)


def line(variant, quantity: int = 1) -> dict:
    return {"variantId": variant_id(variant), "quantity": quantity}


DELIVERY = f"""
mutation($id: ID, $method: ID) {{
  checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $method) {{
    checkout {{ {CHECKOUT_FIELDS} }} {ERROR_FIELDS}
  }}
}}"""


def choose_delivery(client, checkout: dict, method: str | None) -> dict:
    """Run checkoutDeliveryMethodUpdate; the payload."""
    return client.execute(DELIVERY, {"id": checkout["id"], "method": method})[
        "checkoutDeliveryMethodUpdate"
    ]


def ready_checkout(client, lines: list[dict], *, delivery: str | None = None, **fields) -> dict:
    """A checkout with contact, both addresses (Gazipur) and, when given, a delivery method:
    the checkout as the last payload shows it."""
    result = create_checkout(
        client,
        lines,
        email=fields.pop("email", "karim@example.com"),
        shippingAddress=fields.pop("shippingAddress", GAZIPUR_ADDRESS),
        billingAddress=fields.pop("billingAddress", GAZIPUR_ADDRESS),
        **fields,
    )
    assert result["errors"] == [], result["errors"]
    checkout = result["checkout"]
    if delivery is not None:
        result = choose_delivery(client, checkout, delivery)
        assert result["errors"] == [], result["errors"]
        checkout = result["checkout"]
    return checkout
