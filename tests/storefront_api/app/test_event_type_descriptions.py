"""Events with hooks but no domain yet (checkouts, orders, fulfilments) say in the schema that they
are accepted for subscription but not raised, so apps are not misled; the values stay Saleor's."""

import pytest

from plugins.webhook.event_types import WebhookEventAsyncType
from storefront_api.app.enums import NOT_RAISED_YET

QUERY = """query($name: String!) { __type(name: $name) { enumValues { name description } } }"""


@pytest.mark.parametrize("enum", ["WebhookEventTypeAsyncEnum", "WebhookEventTypeEnum"])
def test_events_not_raised_yet_say_so(api_client, db, enum):
    # when an app reads the enum's values
    values = api_client.execute(QUERY, {"name": enum})["__type"]["enumValues"]
    # then every value is still there, and exactly the checkout, order and fulfilment events
    # carry the warning
    assert sorted(value["name"] for value in values) == sorted(
        event.name for event in WebhookEventAsyncType
    )
    assert sorted(value["name"] for value in values if value["description"] == NOT_RAISED_YET) == [
        "CHECKOUT_CREATED",
        "CHECKOUT_UPDATED",
        "FULFILLMENT_CREATED",
        "ORDER_CANCELLED",
        "ORDER_CONFIRMED",
        "ORDER_CREATED",
        "ORDER_FULFILLED",
        "ORDER_FULLY_PAID",
    ]
    assert {value["description"] for value in values} == {NOT_RAISED_YET, None}
