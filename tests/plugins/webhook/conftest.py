"""Webhook delivery fixtures: a real HTTP receiver on loopback, webhooks pointing at it, and the
independent signature check receivers are told to use (taken from the README itself)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

import backend.celery  # noqa: F401 (makes the project's Celery app the current one)
from backend.apps.models import App
from backend.core.config_cache import invalidate_cached_config
from plugins.framework.crypto import encrypt_secret
from plugins.webhook.event_types import event_permission
from plugins.webhook.models import EventDelivery, Webhook, WebhookEvent
from plugins.webhook.tasks import send_event_delivery
from tests.http_receiver import Receiver

SECRET = "whsec-test-0123456789"


# --- the verification snippet, read from the README (plain hmac/hashlib, not plugins.webhook) ---
# The tests verify real deliveries with exactly the code receivers are told to copy, so the
# README cannot drift from what Haat sends.


def _readme_snippet(name: str) -> str:
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.DOTALL)
    return next(block for block in blocks if f"def {name}(" in block)


_namespace: dict[str, Any] = {}
exec(_readme_snippet("verify_haat_signature"), _namespace)  # noqa: S102 (our own README)
verify_haat_signature = _namespace["verify_haat_signature"]


# --- the receiver (tests/http_receiver.py) ---------------------------------------------------


@pytest.fixture
def receiver():
    server = Receiver().start()
    yield server
    server.stop()


@pytest.fixture
def webhook_settings(settings):
    """Loopback allowed (the receiver lives there), default retry policy."""
    settings.WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8", "::1/128"]
    settings.WEBHOOK_TIMEOUT_SECONDS = 2.0
    settings.WEBHOOK_MAX_ATTEMPTS = 5
    settings.WEBHOOK_RETRY_BACKOFF_SECONDS = 10.0
    return settings


def grant_app(app: App, *permissions: str) -> None:
    """Give an app Django permissions (`app_label.codename`)."""
    for permission in permissions:
        app_label, codename = permission.split(".", 1)
        app.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def create_webhook(
    *,
    target_url: str,
    events: list[str],
    secret: str = SECRET,
    is_active: bool = True,
    app_is_active: bool = True,
    app: App | None = None,
    grant_event_permissions: bool = True,
) -> Webhook:
    """A webhook written directly (no service checks); its app is given the permissions its
    events need unless `grant_event_permissions` is False."""
    app = app or App.objects.create(name="Partner", is_active=app_is_active)
    if grant_event_permissions:
        grant_app(app, *(event_permission(event) for event in events))
    webhook = Webhook.objects.create(
        app=app,
        name="partner hook",
        target_url=target_url,
        secret_key=encrypt_secret(secret),
        is_active=is_active,
    )
    WebhookEvent.objects.bulk_create(
        [WebhookEvent(webhook=webhook, event_type=event) for event in events]
    )
    # As the service does after its bulk_create (which sends no save signal).
    invalidate_cached_config(WebhookEvent)
    return webhook


@pytest.fixture
def make_webhook(db, receiver, webhook_settings):
    def make(events: list[str], **kwargs: Any) -> Webhook:
        kwargs.setdefault("target_url", receiver.url)
        return create_webhook(events=events, **kwargs)

    return make


class ScheduledCalls:
    """Records `send_event_delivery.apply_async`: runs first sends now (as eager Celery does),
    keeps the delayed retries for the test to run when it says time has passed."""

    def __init__(self) -> None:
        self.retries: list[dict[str, Any]] = []

    def __call__(self, args=(), kwargs=None, **options: Any) -> None:
        if options.get("eta") is None and options.get("countdown") is None:
            send_event_delivery.apply(args)
            return
        self.retries.append(
            {"delivery_pk": args[0], "eta": options.get("eta"), "scheduled_at": timezone.now()}
        )

    def run_next(self) -> dict[str, Any]:
        """The oldest retry, run as if its time had come (its due time moved to now)."""
        retry = self.retries.pop(0)
        EventDelivery.objects.filter(pk=retry["delivery_pk"]).update(next_attempt_at=timezone.now())
        send_event_delivery.apply((retry["delivery_pk"],))
        return retry


@pytest.fixture
def scheduled(monkeypatch):
    calls = ScheduledCalls()
    monkeypatch.setattr(send_event_delivery, "apply_async", calls)
    return calls
