"""The demo's whole journey over HTTP, as a Saleor storefront drives it: browse, add to the cart,
give a Bangladeshi address, choose delivery (or pickup), complete as cash on delivery, read the
order. The demo is built as `make demo` builds it (`load_places`, `populatedb`), the server is a
real one on loopback, and the cart, checkout-page and order requests are the storefront's own
operations (tests/storefront_api/storefront_operations).
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from django.conf import settings
from django.core.management import call_command

from tests.storefront_api.operations import DOCUMENTS

BROWSE = """
query browse($channel: String!) {
  products(first: 20, channel: $channel, sortBy: {field: NAME, direction: ASC}) {
    edges {
      node { name slug productType { isShippingRequired } variants { id name quantityAvailable } }
    }
  }
}
"""

# A customer in Sirajganj: the district, one of its upazilas, a union of that upazila and a
# postcode of the district, typed in Bangla as a rural customer gives them.
ADDRESS = {
    "firstName": "রহিম",
    "lastName": "উদ্দিন",
    "streetAddress1": "গ্রাম: পোতাজিয়া",
    "countryArea": "সিরাজগঞ্জ",
    "city": "শাহজাদপুর",
    "postalCode": "৬৭৭০",
    "country": "BD",
    "phone": "০১৭১২৩৪৫৬৭৮",
}

# A real server thread reads what the test wrote: the journey's data is committed (and flushed
# after), so `populatedb` must stand on its own after an earlier flush (it does).
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(settings, tmp_path):
    """The demo's data, built by the demo's own commands."""
    settings.MEDIA_ROOT = tmp_path
    call_command("load_places", verbosity=0)
    call_command("populatedb", verbosity=0)


class Storefront:
    """Posts the storefront's operations to a running Haat, as its browser or server would."""

    def __init__(self, base_url: str):
        self.client = httpx.Client(base_url=base_url, timeout=30)

    def run(self, query: str, variables: dict[str, Any], operation: str | None = None) -> dict:
        body = {"query": query, "variables": variables}
        if operation:
            body["operationName"] = operation
        response = self.client.post("/graphql/", json=body)
        assert response.status_code == 200, response.text
        content = response.json()
        assert "errors" not in content, content["errors"]
        return content["data"]

    def operation(self, document: str, name: str, **variables: Any) -> dict:
        return self.run(DOCUMENTS[document], variables, name)


def _buyable_variant(shop: Storefront, channel: str) -> str:
    products = shop.run(BROWSE, {"channel": channel})["products"]["edges"]
    for edge in products:
        if not edge["node"]["productType"]["isShippingRequired"]:
            continue  # an assisted service: nothing to deliver
        for variant in edge["node"]["variants"] or []:
            if (variant["quantityAvailable"] or 0) >= 2:
                return variant["id"]
    raise AssertionError("the demo has nothing in stock")


def _fill_cart(shop: Storefront, channel: str) -> str:
    created = shop.operation("cart", "cartCreate", channel=channel)["checkoutCreate"]
    assert created["errors"] == []
    checkout_id = created["checkout"]["id"]
    added = shop.operation(
        "cart", "cartAddLine", id=checkout_id, productVariantId=_buyable_variant(shop, channel)
    )["checkoutLinesAdd"]
    assert added["errors"] == []
    assert len(added["checkout"]["lines"]) == 1
    return checkout_id


def _give_address(shop: Storefront, checkout_id: str) -> dict:
    for name, field, key in (
        ("shippingAddressUpdate", "shippingAddress", "checkoutShippingAddressUpdate"),
        ("billingAddressUpdate", "billingAddress", "checkoutBillingAddressUpdate"),
    ):
        result = shop.operation(
            "checkout_page", name, checkoutId=checkout_id, languageCode="BN", **{field: ADDRESS}
        )[key]
        assert result["errors"] == [], result["errors"]
    return result["checkout"]


def test_a_guest_buys_with_cash_on_delivery(live_server, demo):
    shop = Storefront(live_server.url)
    channel = settings.DEFAULT_CHANNEL_SLUG
    # browse and add to the cart
    checkout_id = _fill_cart(shop, channel)
    # give the address: it comes back in canonical English names, the phone in E.164
    checkout = _give_address(shop, checkout_id)
    assert checkout["shippingAddress"]["countryArea"] == "Sirajganj"
    assert checkout["shippingAddress"]["phone"] == "+8801712345678"
    # choose the cheapest delivery offered for this address
    assert checkout["shippingMethods"], "no delivery offered to Sirajganj"
    method = min(checkout["shippingMethods"], key=lambda m: float(m["price"]["amount"]))
    chosen = shop.operation(
        "checkout_page",
        "deliveryMethodUpdate",
        checkoutId=checkout_id,
        deliveryMethodId=method["id"],
        languageCode="BN",
    )["checkoutDeliveryMethodUpdate"]
    assert chosen["errors"] == []
    checkout = chosen["checkout"]
    assert checkout["deliveryMethod"] == {"id": method["id"]}
    assert checkout["shippingPrice"]["gross"]["amount"] == method["price"]["amount"]
    total = checkout["totalPrice"]["gross"]["amount"]
    # complete as cash on delivery: the order is placed unpaid
    completed = shop.operation("checkout_page", "complete", checkoutId=checkout_id)[
        "checkoutComplete"
    ]
    assert completed["errors"] == []
    order_id = completed["order"]["id"]
    # read the order, as the guest who just placed it
    order = shop.operation("account_and_orders", "placedOrder", id=order_id, languageCode="BN")[
        "order"
    ]
    assert order["id"] == order_id
    assert order["chargeStatus"] == "NONE"
    assert order["isPaid"] is False
    assert order["total"]["gross"]["amount"] == total
    assert order["deliveryMethod"]["name"] == method["name"]
    assert len(order["lines"]) == 1
    assert order["shippingAddress"]["city"] == "Shahjadpur"
    # and the checkout is gone: completing it again returns nothing new
    again = shop.operation("checkout_page", "complete", checkoutId=checkout_id)["checkoutComplete"]
    assert again["order"] is None or again["order"]["id"] == order_id


def test_a_guest_picks_up_at_a_collection_point(live_server, demo):
    shop = Storefront(live_server.url)
    channel = settings.DEFAULT_CHANNEL_SLUG
    checkout_id = _fill_cart(shop, channel)
    _give_address(shop, checkout_id)
    points = shop.run(
        "query ($id: ID!) { checkout(id: $id) { availableCollectionPoints { id name } } }",
        {"id": checkout_id},
    )["checkout"]["availableCollectionPoints"]
    assert points, "the demo offers no collection point for this cart"
    chosen = shop.operation(
        "checkout_page",
        "deliveryMethodUpdate",
        checkoutId=checkout_id,
        deliveryMethodId=points[0]["id"],
        languageCode="BN",
    )["checkoutDeliveryMethodUpdate"]
    assert chosen["errors"] == []
    assert chosen["checkout"]["deliveryMethod"] == {"id": points[0]["id"]}
    assert chosen["checkout"]["shippingPrice"]["gross"]["amount"] == 0
    completed = shop.operation("checkout_page", "complete", checkoutId=checkout_id)[
        "checkoutComplete"
    ]
    assert completed["errors"] == []
