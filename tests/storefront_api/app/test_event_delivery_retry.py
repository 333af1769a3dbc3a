"""eventDeliveryRetry against a real HTTP receiver on loopback."""

import pytest

from backend.core.permissions import PermissionEnum
from plugins.webhook import services
from plugins.webhook.models import EventDelivery, EventDeliveryAttempt, EventPayload
from storefront_api.core.ids import to_global_id

RETRY = """
mutation Retry($id: ID!) {
  eventDeliveryRetry(id: $id) { delivery { id status } errors { field code } }
}
"""


@pytest.fixture
def failed_delivery(make_app, receiver, loopback_allowed):
    app = make_app(permissions=[PermissionEnum.MANAGE_ORDERS]).app
    webhook = services.create_webhook(
        app=app, target_url=receiver.url, events=["ORDER_CREATED"]
    ).webhook
    payload = EventPayload.objects.create(payload='{"order": "1"}')
    delivery = EventDelivery.objects.create(
        webhook=webhook, payload=payload, event_type="ORDER_CREATED", status="failed"
    )
    EventDeliveryAttempt.objects.create(
        delivery=delivery, status="failed", response_status_code=400, response="bad"
    )
    return delivery


def test_retry_sends_the_delivery_again_with_the_same_id(
    api_client, apps_manager, failed_delivery, receiver, django_capture_on_commit_callbacks
):
    # given a delivery that failed (400, not retried by itself)
    delivery_id = to_global_id("EventDelivery", failed_delivery.pk)
    # when staff retry it; the new attempt goes out after commit
    with django_capture_on_commit_callbacks(execute=True):
        data = api_client.as_user(apps_manager).execute(RETRY, {"id": delivery_id})
        status_at_commit = EventDelivery.objects.get().status
    # then it was pending again, and the receiver got it with the same delivery id
    assert data["eventDeliveryRetry"] == {
        "delivery": {"id": delivery_id, "status": "PENDING"},
        "errors": [],
    }
    assert status_at_commit == "pending"
    (sent,) = receiver.wait_for(1)
    headers, body = sent.headers, sent.body
    assert headers["Haat-Delivery-Id"] == str(failed_delivery.delivery_id)
    assert headers["Haat-Event"] == "ORDER_CREATED"
    assert body == b'{"order": "1"}'
    failed_delivery.refresh_from_db()
    assert failed_delivery.status == "success"
    assert list(
        EventDeliveryAttempt.objects.filter(delivery=failed_delivery).values_list(
            "status", "response_status_code"
        )
    ) == [("failed", 400), ("success", 200)]


def test_nothing_is_sent_when_the_retry_rolls_back(
    api_client, apps_manager, failed_delivery, receiver, django_capture_on_commit_callbacks
):
    # given
    delivery_id = to_global_id("EventDelivery", failed_delivery.pk)
    # when the retry's transaction never commits (its callbacks are dropped)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        api_client.as_user(apps_manager).execute(RETRY, {"id": delivery_id})
    # then nothing reached the receiver
    assert len(callbacks) == 1
    assert receiver.requests == []


def test_retry_of_an_unknown_delivery(api_client, apps_manager, failed_delivery):
    # when
    data = api_client.as_user(apps_manager).execute(
        RETRY, {"id": to_global_id("EventDelivery", failed_delivery.pk + 100)}
    )
    # then
    assert data["eventDeliveryRetry"] == {
        "delivery": None,
        "errors": [{"field": "id", "code": "NOT_FOUND"}],
    }
    assert EventDelivery.objects.get().status == "failed"


@pytest.mark.parametrize("role", [None, "customer_user", "entrepreneur", "staff_user"])
def test_retry_is_denied_without_manage_apps(
    request, api_client, vendor, failed_delivery, receiver, role
):
    # given
    client = api_client if role is None else api_client.as_user(request.getfixturevalue(role))
    # when
    content = client.execute_raw(RETRY, {"id": to_global_id("EventDelivery", failed_delivery.pk)})
    # then
    assert content["data"] == {"eventDeliveryRetry": None}
    assert [e["extensions"]["exception"]["code"] for e in content["errors"]] == ["PermissionDenied"]
    assert EventDelivery.objects.get().status == "failed"
    assert receiver.requests == []
