"""apps, app, webhook and the delivery log: content, permissions, and constant query counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from backend.apps import services as app_services
from backend.core.permissions import PermissionEnum
from plugins.webhook import services
from plugins.webhook.models import EventDelivery, EventDeliveryAttempt, EventPayload
from storefront_api.core.ids import to_global_id

APPS = """
query Apps($first: Int, $filter: AppFilterInput, $sortBy: AppSortingInput) {
  apps(first: $first, filter: $filter, sortBy: $sortBy) {
    totalCount
    edges { node {
      name isActive permissions { code name } tokens { authToken }
      webhooks { targetUrl asyncEvents { eventType } app { name } }
    } }
  }
}
"""

DELIVERIES = """
query Deliveries($id: ID!, $first: Int, $filter: EventDeliveryFilterInput,
                 $sortBy: EventDeliverySortingInput) {
  webhook(id: $id) {
    eventDeliveries(first: $first, filter: $filter, sortBy: $sortBy) {
      totalCount
      pageInfo { hasNextPage }
      edges { node {
        id status eventType payload createdAt
        attempts(first: 10) { totalCount edges { node {
          status responseStatusCode response duration taskId requestHeaders responseHeaders
        } } }
      } }
    }
  }
}
"""


def _make_apps(make_app, count: int) -> None:
    for index in range(count):
        app = make_app(
            name=f"App {index:02}",
            permissions=[PermissionEnum.MANAGE_PRODUCTS, PermissionEnum.MANAGE_ORDERS],
        ).app
        services.create_webhook(
            app=app, target_url="http://127.0.0.1/h", events=["ORDER_CREATED", "PRODUCT_CREATED"]
        )


def _deliver(webhook, count: int, *, start=None) -> list[EventDelivery]:
    start = start or timezone.now()
    deliveries = []
    for index in range(count):
        payload = EventPayload.objects.create(payload=f'{{"n": {index}}}')
        delivery = EventDelivery.objects.create(
            webhook=webhook,
            payload=payload,
            event_type="ORDER_CREATED" if index % 2 else "PRODUCT_CREATED",
            status="failed" if index % 3 == 0 else "success",
        )
        EventDelivery.objects.filter(pk=delivery.pk).update(
            created_at=start + dt.timedelta(minutes=index)
        )
        for status, code in (("failed", 503), ("success", 200)):
            EventDeliveryAttempt.objects.create(
                delivery=delivery, status=status, response_status_code=code, response="ok"
            )
        deliveries.append(delivery)
    return deliveries


def test_apps_lists_apps_with_tokens_webhooks_and_permissions(
    api_client, apps_manager, make_app, loopback_allowed
):
    # given
    _make_apps(make_app, 2)
    # when
    data = api_client.as_user(apps_manager).execute(APPS, {"first": 10})
    # then
    assert data["apps"]["totalCount"] == 2
    first = data["apps"]["edges"][0]["node"]
    assert first["name"] == "App 00"
    assert [p["code"] for p in first["permissions"]] == ["MANAGE_ORDERS", "MANAGE_PRODUCTS"]
    assert len(first["tokens"]) == 1 and len(first["tokens"][0]["authToken"]) == 4
    assert first["webhooks"] == [
        {
            "targetUrl": "http://127.0.0.1/h",
            "asyncEvents": [{"eventType": "ORDER_CREATED"}, {"eventType": "PRODUCT_CREATED"}],
            "app": {"name": "App 00"},
        }
    ]


def test_apps_filter_and_sort(api_client, apps_manager, make_app, superuser):
    # given
    make_app(name="Alpha")
    make_app(name="Beta")
    gamma = make_app(name="Gamma").app
    app_services.set_app_active(app=gamma, is_active=False)
    client = api_client.as_user(apps_manager)
    # when
    active = client.execute(
        APPS, {"filter": {"isActive": True}, "sortBy": {"field": "NAME", "direction": "DESC"}}
    )
    searched = client.execute(APPS, {"filter": {"search": "amm"}})
    # then
    assert [e["node"]["name"] for e in active["apps"]["edges"]] == ["Beta", "Alpha"]
    assert [e["node"]["name"] for e in searched["apps"]["edges"]] == ["Gamma"]


def test_apps_query_count_is_the_same_for_one_and_many(
    api_client, apps_manager, make_app, loopback_allowed
):
    # given 12 apps, each with a token, a webhook with two events and two permissions
    _make_apps(make_app, 12)
    client = api_client.as_user(apps_manager)
    counts = []
    # when
    for first in (1, 12):
        with CaptureQueriesContext(connection) as captured:
            data = client.execute(APPS, {"first": first})
        assert len(data["apps"]["edges"]) == first
        counts.append(len(captured))
    # then
    assert counts[0] == counts[1]


def test_webhook_lists_its_deliveries_with_attempts_and_payloads(
    api_client, apps_manager, make_app, loopback_allowed
):
    # given
    app = make_app(permissions=[PermissionEnum.MANAGE_ORDERS]).app
    webhook = services.create_webhook(
        app=app, target_url="http://127.0.0.1/h", events=["ORDER_CREATED"]
    ).webhook
    deliveries = _deliver(webhook, 4)
    variables = {"id": to_global_id("Webhook", webhook.pk), "first": 2}
    # when
    data = api_client.as_user(apps_manager).execute(DELIVERIES, variables)
    # then newest first
    connection_data = data["webhook"]["eventDeliveries"]
    assert connection_data["totalCount"] == 4
    assert connection_data["pageInfo"]["hasNextPage"] is True
    nodes = [edge["node"] for edge in connection_data["edges"]]
    assert [n["id"] for n in nodes] == [
        to_global_id("EventDelivery", d.pk) for d in (deliveries[3], deliveries[2])
    ]
    assert [n["payload"] for n in nodes] == ['{"n": 3}', '{"n": 2}']
    assert [n["status"] for n in nodes] == ["FAILED", "SUCCESS"]
    assert [n["eventType"] for n in nodes] == ["ORDER_CREATED", "PRODUCT_CREATED"]
    attempts = nodes[0]["attempts"]
    assert attempts["totalCount"] == 2
    assert [(a["node"]["status"], a["node"]["responseStatusCode"]) for a in attempts["edges"]] == [
        ("FAILED", 503),
        ("SUCCESS", 200),
    ]


def test_delivery_filter_and_sort(api_client, apps_manager, make_app, loopback_allowed):
    # given
    app = make_app(permissions=[PermissionEnum.MANAGE_ORDERS]).app
    webhook = services.create_webhook(
        app=app, target_url="http://127.0.0.1/h", events=["ORDER_CREATED"]
    ).webhook
    deliveries = _deliver(webhook, 6)
    client = api_client.as_user(apps_manager)
    webhook_id = to_global_id("Webhook", webhook.pk)
    # when
    failed = client.execute(DELIVERIES, {"id": webhook_id, "filter": {"status": "FAILED"}})
    orders_oldest_first = client.execute(
        DELIVERIES,
        {
            "id": webhook_id,
            "filter": {"eventType": "ORDER_CREATED"},
            "sortBy": {"field": "CREATED_AT", "direction": "ASC"},
        },
    )
    # then
    failed_ids = [e["node"]["id"] for e in failed["webhook"]["eventDeliveries"]["edges"]]
    assert failed_ids == [to_global_id("EventDelivery", deliveries[i].pk) for i in (3, 0)]
    assert failed["webhook"]["eventDeliveries"]["totalCount"] == 2
    order_ids = [
        e["node"]["id"] for e in orders_oldest_first["webhook"]["eventDeliveries"]["edges"]
    ]
    assert order_ids == [to_global_id("EventDelivery", deliveries[i].pk) for i in (1, 3, 5)]


def test_deliveries_query_count_is_the_same_for_one_and_many(
    api_client, apps_manager, make_app, loopback_allowed
):
    # given 20 deliveries with two attempts each
    app = make_app(permissions=[PermissionEnum.MANAGE_ORDERS]).app
    webhook = services.create_webhook(
        app=app, target_url="http://127.0.0.1/h", events=["ORDER_CREATED"]
    ).webhook
    _deliver(webhook, 20)
    client = api_client.as_user(apps_manager)
    counts = []
    # when
    for first in (1, 20):
        with CaptureQueriesContext(connection) as captured:
            data = client.execute(
                DELIVERIES, {"id": to_global_id("Webhook", webhook.pk), "first": first}
            )
        assert len(data["webhook"]["eventDeliveries"]["edges"]) == first
        counts.append(len(captured))
    # then
    assert counts[0] == counts[1]


def test_deliveries_of_many_webhooks_load_in_one_query(
    api_client, apps_manager, make_app, loopback_allowed
):
    # given apps whose webhooks each have deliveries
    query = """
    query { apps(first: 20) { edges { node { webhooks {
      eventDeliveries(first: 2) { totalCount edges { node { payload attempts { totalCount } } } }
    } } } } }
    """
    client = api_client.as_user(apps_manager)
    counts = []
    for total in (1, 6):
        for index in range(total - (1 if total == 6 else 0)):
            app = make_app(
                name=f"App {total}-{index}", permissions=[PermissionEnum.MANAGE_ORDERS]
            ).app
            webhook = services.create_webhook(
                app=app, target_url="http://127.0.0.1/h", events=["ORDER_CREATED"]
            ).webhook
            _deliver(webhook, 3)
        # when
        with CaptureQueriesContext(connection) as captured:
            data = client.execute(query)
        edges = data["apps"]["edges"]
        assert all(
            len(hook["eventDeliveries"]["edges"]) == 2
            for edge in edges
            for hook in edge["node"]["webhooks"]
        )
        counts.append((len(edges), len(captured)))
    # then
    assert counts[0][0] == 1 and counts[1][0] == 6
    assert counts[0][1] == counts[1][1]


def test_app_and_webhook_queries_need_manage_apps(
    request, api_client, customer_user, staff_user, make_app, loopback_allowed
):
    # given
    app = make_app(permissions=[PermissionEnum.MANAGE_ORDERS]).app
    webhook = services.create_webhook(
        app=app, target_url="http://127.0.0.1/h", events=["ORDER_CREATED"]
    ).webhook
    query = """query ($app: ID!, $webhook: ID!) {
      app(id: $app) { name } webhook(id: $webhook) { targetUrl }
    }"""
    variables = {"app": to_global_id("App", app.pk), "webhook": to_global_id("Webhook", webhook.pk)}
    for client in (api_client, api_client.as_user(customer_user), api_client.as_user(staff_user)):
        # when
        content = client.execute_raw(query, variables)
        # then
        assert content["data"] == {"app": None, "webhook": None}
        assert [e["extensions"]["exception"]["code"] for e in content["errors"]] == [
            "PermissionDenied",
            "PermissionDenied",
        ]


@pytest.mark.parametrize("role", [None, "customer_user", "entrepreneur", "staff_user"])
def test_apps_is_denied_without_manage_apps(request, api_client, vendor, role):
    # given
    client = api_client if role is None else api_client.as_user(request.getfixturevalue(role))
    # when
    content = client.execute_raw("{ apps(first: 1) { totalCount } }")
    # then
    assert content["data"] == {"apps": None}
    assert [e["extensions"]["exception"]["code"] for e in content["errors"]] == ["PermissionDenied"]
