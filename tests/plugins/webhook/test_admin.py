"""Back-office pages for apps, webhooks and deliveries: they render, search, and keep secrets."""

from __future__ import annotations

import pytest
from django.test import TestCase
from django.urls import reverse

from backend.apps.models import App, AppToken
from plugins.webhook.models import (
    EventDelivery,
    EventDeliveryAttempt,
    EventDeliveryStatus,
    EventPayload,
    Webhook,
)
from tests.factories import UserFactory

from .conftest import SECRET


@pytest.fixture
def admin_client_logged_in(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def delivery(make_webhook):
    webhook = make_webhook(["PRODUCT_CREATED"])
    AppToken.objects.create(
        app=webhook.app, name="default", token_hash="f" * 64, token_last_4="a1b2"
    )
    delivery = EventDelivery.objects.create(
        webhook=webhook,
        payload=EventPayload.objects.create(payload='{"event":"PRODUCT_CREATED"}'),
        event_type="PRODUCT_CREATED",
        status=EventDeliveryStatus.FAILED,
        attempt_count=1,
    )
    EventDeliveryAttempt.objects.create(
        delivery=delivery, status=EventDeliveryStatus.FAILED, response_status_code=400
    )
    return delivery


@pytest.mark.parametrize("model", [App, Webhook, EventDelivery], ids=lambda m: m.__name__)
def test_changelist_renders_with_a_search(admin_client_logged_in, delivery, model):
    # given a signed-in superuser and a delivery
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    # when the list is opened with a search term
    response = admin_client_logged_in.get(url, {"q": "ঢাকা"})
    # then it renders
    assert response.status_code == 200


def test_delivery_is_found_by_its_delivery_id(admin_client_logged_in, delivery):
    # given a delivery id as a receiver logged it
    url = reverse("admin:webhook_eventdelivery_changelist")
    # when searched
    response = admin_client_logged_in.get(url, {"q": str(delivery.delivery_id)})
    # then that delivery is listed
    assert response.status_code == 200
    assert list(response.context["cl"].queryset) == [delivery]


def test_change_pages_never_show_secrets(admin_client_logged_in, delivery):
    # given an app with a token and a webhook with a secret
    webhook = delivery.webhook
    pages = [
        reverse("admin:apps_app_change", args=[webhook.app.pk]),
        reverse("admin:webhook_webhook_change", args=[webhook.pk]),
        reverse("admin:webhook_eventdelivery_change", args=[delivery.pk]),
    ]
    # when their pages are opened
    bodies = [admin_client_logged_in.get(url).content.decode() for url in pages]
    # then they render, without the secret, its ciphertext or the token hash
    assert all(body for body in bodies)
    for body in bodies:
        assert SECRET not in body
        assert webhook.secret_key not in body
        assert "f" * 64 not in body
    assert "a1b2" in bodies[0]
    assert "PRODUCT_CREATED" in bodies[2]


def test_retry_action_sends_the_delivery_again(admin_client_logged_in, delivery, receiver):
    # given a failed delivery and a receiver that accepts
    url = reverse("admin:webhook_eventdelivery_changelist")
    # when staff retry it from the list
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = admin_client_logged_in.post(
            url, {"action": "retry_deliveries", "_selected_action": [delivery.pk]}
        )
    # then it is delivered, under the same delivery id
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == EventDeliveryStatus.SUCCESS
    assert [r.headers["Haat-Delivery-Id"] for r in receiver.requests] == [str(delivery.delivery_id)]


def test_webhook_form_refuses_a_private_target(admin_client_logged_in, delivery, settings):
    # given private networks are not allowed
    settings.WEBHOOK_ALLOWED_NETWORKS = []
    webhook = delivery.webhook
    url = reverse("admin:webhook_webhook_change", args=[webhook.pk])
    # when staff point the webhook at the metadata service
    response = admin_client_logged_in.post(
        url,
        {
            "app": webhook.app.pk,
            "name": "x",
            "target_url": "http://169.254.169.254/latest",
            "is_active": "on",
            "new_secret": "",
            "events": ["PRODUCT_UPDATED"],
        },
    )
    # then the form is shown again with the error, and the webhook is unchanged
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "target_url": [
            "The target '169.254.169.254' is not a globally routable address (private, "
            "loopback, link-local or reserved); Haat does not deliver there."
        ]
    }
    webhook.refresh_from_db()
    assert webhook.target_url != "http://169.254.169.254/latest"


def test_webhook_form_stores_a_new_secret_encrypted(admin_client_logged_in, delivery, receiver):
    # given a webhook
    webhook = delivery.webhook
    url = reverse("admin:webhook_webhook_change", args=[webhook.pk])
    # when staff type a new secret
    response = admin_client_logged_in.post(
        url,
        {
            "app": webhook.app.pk,
            "name": "renamed",
            "target_url": receiver.url,
            "is_active": "on",
            "new_secret": "brand-new-secret",
            "events": ["PRODUCT_UPDATED"],
        },
    )
    # then it is stored encrypted and decrypts to what was typed
    from plugins.framework.crypto import decrypt_secret, is_encrypted

    assert response.status_code == 302
    webhook.refresh_from_db()
    assert is_encrypted(webhook.secret_key)
    assert decrypt_secret(webhook.secret_key) == "brand-new-secret"


def test_webhook_form_refuses_an_app_more_privileged_than_the_editor(client, delivery, receiver):
    # given staff holding MANAGE_APPS only, and a webhook of an app with MANAGE_PRODUCTS
    from backend.core.permissions import PermissionEnum
    from tests.conftest import grant

    editor = UserFactory(is_staff=True)
    grant(editor, PermissionEnum.MANAGE_APPS, "webhook.change_webhook", "webhook.view_webhook")
    client.force_login(editor)
    webhook = delivery.webhook
    url = reverse("admin:webhook_webhook_change", args=[webhook.pk])
    # when the editor points the webhook elsewhere
    response = client.post(
        url,
        {
            "app": webhook.app.pk,
            "name": "hijacked",
            "target_url": receiver.url + "elsewhere",
            "is_active": "on",
            "new_secret": "",
            "events": ["PRODUCT_CREATED"],
        },
    )
    # then the form refuses it (Saleor's OUT_OF_SCOPE_APP) and nothing changes
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "__all__": ["You can't manage an app that holds permissions you do not have."]
    }
    webhook.refresh_from_db()
    assert webhook.name != "hijacked"
