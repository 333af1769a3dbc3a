"""The SQL a checkout costs does not grow with its lines: checkoutLinesAdd, checkoutComplete and
the checkout query (with its shipping methods and collection points) run the same number of
statements for 1 line and for 20."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backend.core.models import SiteSettings
from backend.orders.models import Order
from plugins.framework.models import PluginConfiguration
from plugins.webhook.models import WebhookEvent

from .conftest import CHECKOUT_FIELDS, ERROR_FIELDS, line, method_id, ready_checkout

ADD = f"""
mutation($id: ID, $lines: [CheckoutLineInput!]!) {{
  checkoutLinesAdd(id: $id, lines: $lines) {{ checkout {{ {CHECKOUT_FIELDS} }} {ERROR_FIELDS} }}
}}"""
COMPLETE = f"""
mutation($id: ID) {{
  checkoutComplete(id: $id) {{
    order {{ id number total {{ gross {{ amount }} }} lines {{ id quantity }} }} {ERROR_FIELDS}
  }}
}}"""
QUERY = f"query($id: ID) {{ checkout(id: $id) {{ {CHECKOUT_FIELDS} }} }}"

pytestmark = pytest.mark.usefixtures("bangladesh")


def _counted(client, query: str, variables: dict) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as queries:
        data = client.execute(query, variables)
    return len(queries), data


@pytest.fixture
def twenty(shop) -> list:
    """Twenty more products of the Gazipur vendor."""
    return [shop.product(shop.gazipur_vendor) for _ in range(20)]


@pytest.fixture
def warm(api_client, shop) -> None:
    """A first checkout completed, so that once-per-process work (the shop's settings row,
    the plugins' configuration) is not counted against the first case."""
    checkout = ready_checkout(
        api_client, [line(shop.gazipur_variant)], delivery=method_id(shop.postal)
    )
    api_client.execute(COMPLETE, {"id": checkout["id"]})


@pytest.mark.usefixtures("warm")
def test_lines_add_costs_the_same_for_1_and_20_lines(api_client, shop, twenty):
    counts = []
    for chosen in (twenty[:1], twenty):
        checkout = ready_checkout(
            api_client, [line(shop.rangpur_variant)], delivery=method_id(shop.postal)
        )
        count, data = _counted(
            api_client, ADD, {"id": checkout["id"], "lines": [line(v) for v in chosen]}
        )
        assert data["checkoutLinesAdd"]["errors"] == []
        assert len(data["checkoutLinesAdd"]["checkout"]["lines"]) == len(chosen) + 1
        counts.append(count)
    assert counts[0] == counts[1]


@pytest.mark.usefixtures("warm")
def test_complete_costs_the_same_for_1_and_20_lines(api_client, shop, twenty):
    counts = []
    for chosen in (twenty[:1], twenty):
        checkout = ready_checkout(
            api_client,
            [line(shop.rangpur_variant), *(line(v) for v in chosen)],
            delivery=method_id(shop.postal),
        )
        count, data = _counted(api_client, COMPLETE, {"id": checkout["id"]})
        assert data["checkoutComplete"]["errors"] == []
        assert len(data["checkoutComplete"]["order"]["lines"]) == len(chosen) + 1
        counts.append(count)
    assert Order.objects.count() == 3
    assert counts[0] == counts[1]


def test_the_checkout_query_with_delivery_costs_the_same_for_1_and_20_lines(
    api_client, shop, twenty
):
    counts = []
    for chosen in (twenty[:1], twenty):
        checkout = ready_checkout(
            api_client,
            [line(shop.rangpur_variant), *(line(v) for v in chosen)],
            delivery=method_id(shop.postal),
        )
        count, data = _counted(api_client, QUERY, {"id": checkout["id"]})
        read = data["checkout"]
        assert len(read["lines"]) == len(chosen) + 1
        assert [method["name"] for method in read["shippingMethods"]] == ["Postal parcel"]
        assert read["availableCollectionPoints"] == [
            {"id": read["availableCollectionPoints"][0]["id"]}
        ]
        assert len(read["vendorShipping"]) == 2
        counts.append(count)
    assert counts[0] == counts[1]


LINE_PRODUCTS = """
lines {
  variant {
    id name sku metadata { key value } created updatedAt
    pricing { price { gross { amount } } }
    product {
      id name slug description seoTitle metadata { key value } created updatedAt
      pricing { priceRange { start { gross { amount } } } }
      productType { name metadata { key } }
      vendor { name slug }
      thumbnail { url alt }
    }
  }
}"""
QUERY_LINE_PRODUCTS = f"query($id: ID) {{ checkout(id: $id) {{ {LINE_PRODUCTS} }} }}"
ADD_LINE_PRODUCTS = f"""
mutation($id: ID, $lines: [CheckoutLineInput!]!) {{
  checkoutLinesAdd(id: $id, lines: $lines) {{ checkout {{ {LINE_PRODUCTS} }} {ERROR_FIELDS} }}
}}"""


def _assert_line_products(lines: list[dict], shop) -> None:
    assert {line["variant"]["product"]["vendor"]["slug"] for line in lines} == {
        shop.gazipur_vendor.slug,
        shop.rangpur_vendor.slug,
    }
    assert all(line["variant"]["product"]["productType"]["name"] for line in lines)
    assert all(line["variant"]["pricing"]["price"]["gross"]["amount"] for line in lines)


@pytest.mark.usefixtures("warm")
def test_the_lines_products_types_and_vendors_cost_the_same_for_1_and_20_lines(
    api_client, shop, twenty
):
    """A line reads only the columns of its product's type and vendor that prices and rules
    use: what the API shows of them comes from loaders, never from a column left unread."""
    counts = []
    for chosen in (twenty[:1], twenty):
        checkout = ready_checkout(
            api_client,
            [line(shop.rangpur_variant), *(line(v) for v in chosen)],
            delivery=method_id(shop.postal),
        )
        count, data = _counted(api_client, QUERY_LINE_PRODUCTS, {"id": checkout["id"]})
        assert len(data["checkout"]["lines"]) == len(chosen) + 1
        _assert_line_products(data["checkout"]["lines"], shop)
        counts.append(count)
    assert counts[0] == counts[1]


@pytest.mark.usefixtures("warm")
def test_added_lines_products_types_and_vendors_cost_the_same_for_1_and_20_lines(
    api_client, shop, twenty
):
    counts = []
    for chosen in (twenty[:1], twenty):
        checkout = ready_checkout(
            api_client, [line(shop.rangpur_variant)], delivery=method_id(shop.postal)
        )
        count, data = _counted(
            api_client,
            ADD_LINE_PRODUCTS,
            {"id": checkout["id"], "lines": [line(v) for v in chosen]},
        )
        assert data["checkoutLinesAdd"]["errors"] == []
        assert len(data["checkoutLinesAdd"]["checkout"]["lines"]) == len(chosen) + 1
        _assert_line_products(data["checkoutLinesAdd"]["checkout"]["lines"], shop)
        counts.append(count)
    assert counts[0] == counts[1]


# --- work done only when asked ------------------------------------------------------------------

EMAIL_ID_ONLY = """
mutation($id: ID, $email: String!) {
  checkoutEmailUpdate(id: $id, email: $email) { checkout { id } errors { field code } }
}"""
PRICES_ONLY = "query($id: ID) { checkout(id: $id) { totalPrice { gross { amount } } } }"
WITH_PROBLEMS = """
query($id: ID) {
  checkout(id: $id) {
    totalPrice { gross { amount } }
    problems { __typename }
    lines { problems { __typename } }
  }
}"""


def _selects_from(queries: CaptureQueriesContext, table: str) -> int:
    return sum(
        1
        for query in queries.captured_queries
        if query["sql"].startswith("SELECT") and f'FROM "{table}"' in query["sql"]
    )


def _captured(client, query: str, variables: dict) -> tuple[CaptureQueriesContext, dict]:
    with CaptureQueriesContext(connection) as queries:
        data = client.execute(query, variables)
    return queries, data


@pytest.mark.usefixtures("warm")
def test_a_payload_asking_only_the_id_prices_nothing(api_client, shop):
    checkout = ready_checkout(
        api_client, [line(shop.gazipur_variant)], delivery=method_id(shop.postal)
    )
    queries, data = _captured(
        api_client, EMAIL_ID_ONLY, {"id": checkout["id"], "email": "rahim@example.com"}
    )
    assert data["checkoutEmailUpdate"] == {"checkout": {"id": checkout["id"]}, "errors": []}
    assert _selects_from(queries, "shipping_shippingrate") == 0
    assert _selects_from(queries, "inventory_stock") == 0


@pytest.mark.usefixtures("warm")
def test_the_checkout_query_reads_the_checkout_once_and_stock_only_for_problems(api_client, shop):
    checkout = ready_checkout(api_client, [line(shop.gazipur_variant)])
    queries, data = _captured(api_client, PRICES_ONLY, {"id": checkout["id"]})
    assert data["checkout"]["totalPrice"]["gross"]["amount"] > 0
    assert _selects_from(queries, "checkout_checkout") == 1
    assert _selects_from(queries, "inventory_stock") == 0
    # Without a chosen method the total carries no shipping, so no rate is read for it.
    assert _selects_from(queries, "shipping_shippingrate") == 0

    queries, data = _captured(api_client, WITH_PROBLEMS, {"id": checkout["id"]})
    assert data["checkout"]["problems"] == [] and data["checkout"]["lines"] == [{"problems": []}]
    assert _selects_from(queries, "checkout_checkout") == 1
    assert _selects_from(queries, "inventory_stock") == 1  # once, for the checkout and its lines


ME_CHECKOUTS = """
{
  me {
    checkouts(first: 10) {
      edges {
        node {
          id
          totalPrice { gross { amount } }
          shippingMethods { id name price { amount } }
          deliveryMethod { ... on ShippingMethod { id } }
          availableCollectionPoints { id }
          problems { __typename }
          lines { id quantity problems { __typename } variant { id } }
        }
      }
    }
  }
}"""


@pytest.mark.usefixtures("warm")
def test_my_checkouts_with_delivery_cost_the_same_for_1_and_3_checkouts(
    api_client, customer_user, shop
):
    """`me { checkouts }` prices, quotes and checks the stock of all the page's checkouts
    together: no statement per checkout."""
    client = api_client.as_user(customer_user)
    counts = []
    for total in (1, 3):
        while len(client.execute(ME_CHECKOUTS)["me"]["checkouts"]["edges"]) < total:
            ready_checkout(
                client,
                [line(shop.gazipur_variant), line(shop.rangpur_variant)],
                delivery=method_id(shop.postal),
            )
        queries, data = _captured(client, ME_CHECKOUTS, {})
        nodes = [edge["node"] for edge in data["me"]["checkouts"]["edges"]]
        assert len(nodes) == total
        for node in nodes:
            assert [method["name"] for method in node["shippingMethods"]] == ["Postal parcel"]
            assert node["deliveryMethod"] == {"id": node["shippingMethods"][0]["id"]}
            assert len(node["lines"]) == 2
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.usefixtures("warm")
def test_a_checkout_change_reads_no_configuration_from_the_database(api_client, shop):
    # given a shop whose configuration a first checkout read into the cache
    checkout = ready_checkout(
        api_client, [line(shop.rangpur_variant)], delivery=method_id(shop.postal)
    )
    # when the next request adds a line
    with CaptureQueriesContext(connection) as queries:
        data = api_client.execute(
            ADD, {"id": checkout["id"], "lines": [line(shop.gazipur_variant)]}
        )
    # then neither the shop's settings, the plugins' configuration nor the webhook
    # subscriptions were read from the database
    assert data["checkoutLinesAdd"]["errors"] == []
    tables = [
        f'"{model._meta.db_table}"' for model in (SiteSettings, PluginConfiguration, WebhookEvent)
    ]
    assert [
        query["sql"]
        for query in queries.captured_queries
        if any(table in query["sql"] for table in tables)
    ] == []
