"""NOTIFY_USER end to end: a notification the domain raises reaches a subscribed webhook."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from graphql_relay import to_global_id

from backend.accounts.models import User
from backend.accounts.services import confirm_account
from backend.core.models import SiteSettings
from plugins.webhook.models import EventDelivery, EventDeliveryStatus

from .conftest import SECRET, verify_haat_signature

REGISTER = """
mutation Register($input: AccountRegisterInput!) {
  accountRegister(input: $input) { requiresConfirmation errors { field code } }
}
"""
REDIRECT_URL = "http://localhost:3000/account-confirm/"


@pytest.fixture
def confirming_shop(db) -> SiteSettings:
    settings_row = SiteSettings.get_current()
    settings_row.enable_account_confirmation_by_email = True
    settings_row.save()
    return settings_row


def register(api_client, **fields) -> dict:
    variables = {
        "input": {"password": "mango-season-42", "redirectUrl": REDIRECT_URL, **fields},
    }
    return api_client.execute(REGISTER, variables)["accountRegister"]


def test_account_confirmation_is_delivered_to_a_notify_user_webhook(
    api_client,
    confirming_shop,
    make_webhook,
    receiver,
    scheduled,
    django_capture_on_commit_callbacks,
):
    # given an app subscribed to NOTIFY_USER
    webhook = make_webhook(["NOTIFY_USER"])
    # when a customer registers by number and the registration commits
    with django_capture_on_commit_callbacks(execute=True):
        result = register(api_client, email="01712345678", firstName="Karim", channel="bd")
    # then the app's receiver got one signed NOTIFY_USER POST
    assert result == {"requiresConfirmation": True, "errors": []}
    [request] = receiver.requests
    assert request.headers["Haat-Event"] == "NOTIFY_USER"
    assert verify_haat_signature(SECRET, request.headers["Haat-Signature"], request.body) is True
    body = json.loads(request.body)
    assert body["event"] == "NOTIFY_USER"
    # carrying the notify event's name and data: what an app needs to send the message itself
    user = User.objects.get()
    data = body["data"]
    assert (data["notify_event"], data["channel"]) == ("account_confirmation", "bd")
    payload = data["payload"]
    assert set(payload) == {
        "user",
        "token",
        "confirm_url",
        "recipient_email",
        "recipient_phone",
        "language_code",
        "channel_slug",
        "site_name",
        "domain",
    }
    assert payload["user"] == {
        "id": to_global_id("User", user.pk),
        "email": "",
        "phone": "+8801712345678",
        "first_name": "Karim",
        "last_name": "",
        "is_staff": False,
        "is_active": True,
        "metadata": {},
        "language_code": "bn",
    }
    assert (payload["recipient_phone"], payload["recipient_email"]) == ("+8801712345678", "")
    assert (payload["language_code"], payload["channel_slug"]) == ("bn", "bd")
    query = parse_qs(urlsplit(payload["confirm_url"]).query)
    assert payload["confirm_url"].startswith(REDIRECT_URL + "?")
    assert query == {"email": ["+8801712345678"], "token": [payload["token"]]}
    # and nothing secret beyond the token: no password hash, token key or private metadata
    assert user.password not in request.body.decode()
    assert user.jwt_token_key not in request.body.decode()
    assert "private_metadata" not in request.body.decode()
    # and the delivery is logged as sent; the token it carried confirms the account
    delivery = EventDelivery.objects.get()
    assert (delivery.webhook_id, delivery.event_type) == (webhook.pk, "NOTIFY_USER")
    assert delivery.status == EventDeliveryStatus.SUCCESS
    assert confirm_account(identifier="01712345678", token=payload["token"]).is_confirmed is True


def test_no_notify_user_delivery_without_confirmation(
    api_client, db, make_webhook, receiver, scheduled, django_capture_on_commit_callbacks
):
    # given an app subscribed to NOTIFY_USER, in a shop that does not confirm accounts
    make_webhook(["NOTIFY_USER"])
    # when a customer registers
    with django_capture_on_commit_callbacks(execute=True):
        result = register(api_client, email="01712345678")
    # then nothing was notified, so nothing was delivered
    assert result == {"requiresConfirmation": False, "errors": []}
    assert EventDelivery.objects.count() == 0
    assert receiver.requests == []


def test_a_refused_registration_delivers_nothing(
    api_client,
    confirming_shop,
    make_webhook,
    receiver,
    scheduled,
    django_capture_on_commit_callbacks,
):
    # given an app subscribed to NOTIFY_USER and a taken number
    make_webhook(["NOTIFY_USER"])
    User.objects.create_user(phone="01712345678", password="x-secret-99")
    # when someone registers the number again
    with django_capture_on_commit_callbacks(execute=True):
        result = register(api_client, email="01712345678")
    # then the answer is a new account's (it reveals nothing), and the app hears nothing
    assert result["errors"] == []
    assert User.objects.count() == 1
    assert EventDelivery.objects.count() == 0
    assert receiver.requests == []
