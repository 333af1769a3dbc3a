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
