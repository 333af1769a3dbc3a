"""Who hears an event comes from the shared configuration cache: the next manager (the next
request) makes no query for it, and every change to webhooks, their events, apps and apps'
permissions is seen by the very next manager."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import Permission

from backend.apps import services as app_services
from plugins.framework.manager import PluginsManager
from plugins.webhook import services
from plugins.webhook.event_types import WebhookEventAsyncType as Event
from plugins.webhook.models import Webhook, WebhookEvent
from plugins.webhook.plugin import WebhookPlugin

from .conftest import create_webhook, grant_app

PRODUCTS = "catalog.manage_products"


def _subscribers(event: str = "PRODUCT_UPDATED") -> list[int]:
    """The webhooks a new manager (a new request) would deliver the event to."""
    plugin = PluginsManager(plugin_classes=[WebhookPlugin]).get_plugin(WebhookPlugin.PLUGIN_ID)
    assert isinstance(plugin, WebhookPlugin)
    return plugin.subscribers(Event(event))


def _manage_products() -> Permission:
    return Permission.objects.get(content_type__app_label="catalog", codename="manage_products")


def test_the_next_manager_makes_no_query_for_the_subscribers(
    make_webhook, django_assert_num_queries
):
    # given a subscribed webhook, and a first manager that read who subscribed
    webhook = make_webhook(["PRODUCT_UPDATED", "PRODUCT_CREATED"])
    with django_assert_num_queries(2):  # the plugins' configuration, the subscribers
        assert _subscribers() == [webhook.pk]
    # when the next request's manager asks for any event
    # then no query is made
    with django_assert_num_queries(0):
        assert _subscribers() == [webhook.pk]
        assert _subscribers("PRODUCT_CREATED") == [webhook.pk]
        assert _subscribers("ORDER_CREATED") == []


def _deactivate_webhook(webhook: Webhook) -> None:
    services.update_webhook(webhook=webhook, is_active=False)


def _replace_events(webhook: Webhook) -> None:
    services.update_webhook(webhook=webhook, events=["PRODUCT_CREATED"])


def _delete_webhook(webhook: Webhook) -> None:
    services.delete_webhook(webhook=webhook)


def _delete_event_rows(webhook: Webhook) -> None:
    WebhookEvent.objects.filter(webhook=webhook).delete()


def _deactivate_app(webhook: Webhook) -> None:
    app_services.set_app_active(app=webhook.app, is_active=False)


def _delete_app(webhook: Webhook) -> None:
    app_services.delete_app(app=webhook.app)


def _remove_permission(webhook: Webhook) -> None:
    webhook.app.permissions.remove(_manage_products())


def _replace_permissions(webhook: Webhook) -> None:
    app_services.update_app(app=webhook.app, permissions=["core.manage_orders"])


def _delete_permission_row(webhook: Webhook) -> None:
    _manage_products().delete()


@pytest.mark.parametrize(
    "change",
    [
        _deactivate_webhook,
        _replace_events,
        _delete_webhook,
        _delete_event_rows,
        _deactivate_app,
        _delete_app,
        _remove_permission,
        _replace_permissions,
        _delete_permission_row,
    ],
)
def test_a_change_that_silences_a_webhook_is_seen_by_the_next_manager(
    make_webhook, change: Callable[[Webhook], None]
):
    # given a subscribed webhook, read into the cache
    webhook = make_webhook(["PRODUCT_UPDATED"])
    assert _subscribers() == [webhook.pk]
    # when it is silenced one way or another
    change(Webhook.objects.get(pk=webhook.pk))
    # then the next manager delivers the event to nobody
    assert _subscribers() == []


def test_a_new_webhook_is_heard_by_the_next_manager(make_webhook, receiver):
    # given one webhook, read into the cache
    first = make_webhook(["PRODUCT_UPDATED"])
    assert _subscribers() == [first.pk]
    # when the app subscribes a second one through the service (its events are bulk-created)
    second = services.create_webhook(
        app=first.app, target_url=receiver.url, events=["PRODUCT_UPDATED"]
    ).webhook
    # then the next manager has both
    assert _subscribers() == [first.pk, second.pk]


def test_an_added_event_is_heard_by_the_next_manager(make_webhook):
    # given a webhook subscribed to one event, read into the cache
    webhook = make_webhook(["PRODUCT_UPDATED", "PRODUCT_CREATED"])
    services.update_webhook(webhook=webhook, events=["PRODUCT_UPDATED"])
    assert _subscribers("PRODUCT_CREATED") == []
    # when the service subscribes it to one more (only a bulk insert: nothing saved or deleted)
    services.update_webhook(webhook=webhook, events=["PRODUCT_UPDATED", "PRODUCT_CREATED"])
    # then the next manager delivers that event to it too
    assert _subscribers("PRODUCT_CREATED") == [webhook.pk]


def test_a_granted_permission_and_a_reactivated_app_are_heard_by_the_next_manager(make_webhook):
    # given a webhook whose app does not hold the event's permission, read into the cache
    webhook = make_webhook(["PRODUCT_UPDATED"], grant_event_permissions=False)
    assert _subscribers() == []
    # when the app is granted it
    grant_app(webhook.app, PRODUCTS)
    # then the next manager delivers to it
    assert _subscribers() == [webhook.pk]
    # and after the app is switched off and on again, likewise
    app_services.set_app_active(app=webhook.app, is_active=False)
    assert _subscribers() == []
    app_services.set_app_active(app=webhook.app, is_active=True)
    assert _subscribers() == [webhook.pk]


@pytest.mark.django_db(transaction=True)
def test_a_committed_app_deactivation_reaches_managers_that_read_the_shared_cache(
    django_assert_num_queries,
):
    # given a committed webhook, cached by a manager outside any transaction
    webhook = create_webhook(target_url="http://127.0.0.1:9/hooks", events=["PRODUCT_UPDATED"])
    assert _subscribers() == [webhook.pk]
    with django_assert_num_queries(0):
        assert _subscribers() == [webhook.pk]
    # when the app is deactivated (a committed UPDATE, no save signal)
    app_services.set_app_active(app=webhook.app, is_active=False)
    # then the next manager delivers to nobody
    assert _subscribers() == []
