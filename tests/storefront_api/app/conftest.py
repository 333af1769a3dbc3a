"""Fixtures for the app and webhook API: an apps manager, apps made through the domain, a client
that calls with an app token, and a real HTTP receiver on loopback."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

import backend.celery  # noqa: F401 (makes the project's Celery app the current one)
from backend.apps import services as app_services
from backend.core.permissions import PermissionEnum
from tests.conftest import grant
from tests.factories import UserFactory
from tests.http_receiver import Receiver


@pytest.fixture
def apps_manager(db):
    """Staff with MANAGE_APPS and MANAGE_PRODUCTS (so it may hand out MANAGE_PRODUCTS)."""
    user = UserFactory(is_staff=True, email="apps@haat.test", phone=None)
    grant(user, PermissionEnum.MANAGE_APPS, PermissionEnum.MANAGE_PRODUCTS)
    return user


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True, email="root@haat.test", phone=None)


@pytest.fixture
def make_app(superuser):
    def make(name: str = "Partner", permissions=(), **kwargs: Any) -> app_services.AppWithToken:
        return app_services.create_app(
            name=name,
            permissions=[p.value for p in permissions],
            **kwargs,
        )

    return make


@pytest.fixture
def loopback_allowed(settings):
    settings.WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8", "::1/128"]
    settings.WEBHOOK_TIMEOUT_SECONDS = 2.0
    return settings


class AppClient:
    """Posts GraphQL to /graphql/ with `Authorization: Bearer <token>` (an app token or any
    string), over Django's test client."""

    def __init__(self, token: str):
        self.client = Client()
        self.token = token

    def execute_raw(self, query: str, variables: dict | None = None) -> dict:
        return self.client.post(
            "/graphql/",
            json.dumps({"query": query, "variables": variables or {}}),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {self.token}",
        ).json()


@pytest.fixture
def app_client():
    return AppClient


@pytest.fixture
def receiver():
    server = Receiver().start()
    yield server
    server.stop()
