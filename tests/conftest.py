"""Shared fixtures: an API client that speaks GraphQL, users in every role, a channel."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import connection
from django.test import Client
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from backend.accounts.jwt import create_access_token
from backend.accounts.models import Role
from backend.core.permissions import PermissionEnum

from .factories import ChannelFactory, UserFactory, VendorFactory

# The suite shares the machine's CPUs (two workers, the concurrency tests' forty threads, other
# processes): how fast Hypothesis generates and runs examples measures that load, not the code.
hypothesis_settings.register_profile(
    "shared-machine", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("shared-machine")


class ApiClient:
    """Posts GraphQL to /graphql/ as anonymous or as a user (with a real JWT)."""

    def __init__(self, user=None):
        self.client = Client()
        self.user = user

    def as_user(self, user) -> ApiClient:
        return ApiClient(user)

    def _headers(self) -> dict[str, str]:
        if self.user is None:
            return {}
        return {"HTTP_AUTHORIZATION": f"Bearer {create_access_token(self.user)}"}

    def post(self, query: str, variables: dict | None = None, **extra: Any):
        body = {"query": query, "variables": variables or {}}
        return self.client.post(
            "/graphql/",
            json.dumps(body),
            content_type="application/json",
            **self._headers(),
            **extra,
        )

    def execute(self, query: str, variables: dict | None = None) -> dict:
        """The JSON response; fails the test on a top-level error."""
        response = self.post(query, variables)
        content = response.json()
        assert "errors" not in content, content.get("errors")
        return content["data"]

    def execute_raw(self, query: str, variables: dict | None = None) -> dict:
        """The whole JSON response, errors and all."""
        return self.post(query, variables).json()

    def multipart(self, query: str, variables: dict, files: dict[str, Any]) -> dict:
        files_map = {}
        data: dict[str, Any] = {}
        for index, (path, upload) in enumerate(files.items()):
            files_map[str(index)] = [path]
            data[str(index)] = upload
        data["operations"] = json.dumps({"query": query, "variables": variables})
        data["map"] = json.dumps(files_map)
        return self.client.post("/graphql/", data, **self._headers()).json()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: sign-in and sign-up throttles count in it, and one
    test's attempts from 127.0.0.1 must not lock the next test out."""
    cache.clear()


@pytest.fixture
def api_client() -> ApiClient:
    return ApiClient()


@pytest.fixture
def channel(db):
    return ChannelFactory()


def grant(user, *permissions: PermissionEnum | str) -> None:
    for permission in permissions:
        app_label, codename = str(getattr(permission, "value", permission)).split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    # Django caches permissions on the instance.
    for attribute in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        user.__dict__.pop(attribute, None)


@pytest.fixture
def customer_user(db):
    user = UserFactory(first_name="Karim")
    user.groups.add(Group.objects.get_or_create(name=Role.CUSTOMER)[0])
    return user


@pytest.fixture
def staff_user(db):
    """Staff without permissions: sees the dashboard, may change nothing."""
    return UserFactory(is_staff=True, email="staff@haat.test", phone=None)


@pytest.fixture
def product_manager(db):
    user = UserFactory(is_staff=True, email="products@haat.test", phone=None)
    grant(user, PermissionEnum.MANAGE_PRODUCTS)
    return user


@pytest.fixture
def entrepreneur(db):
    user = UserFactory(first_name="Uddokta")
    user.groups.add(Group.objects.get_or_create(name=Role.ENTREPRENEUR)[0])
    return user


@pytest.fixture(scope="module")
def bangladesh(django_db_setup, django_db_blocker):
    """Bangladesh's divisions, districts, upazilas, unions and post offices, loaded once for a
    test module (loading takes most of a second) and removed after it; each test still rolls
    back its own writes. Not for modules with transactional tests: their flush empties it."""
    from backend.places.loading import load_places
    from backend.places.models import District, Division, PostOffice, Union, Upazila

    with django_db_blocker.unblock():
        load_places()
    yield
    tables = [
        model._meta.db_table
        for model in (PostOffice.operators.through, Union, PostOffice, Upazila, District, Division)
    ]
    # Plain DELETEs (of the models' own tables): the ORM's would first read all 6,000 rows to
    # look for dependants.
    statements = [f"DELETE FROM {connection.ops.quote_name(table)}" for table in tables]  # noqa: S608
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


@pytest.fixture
def vendor(entrepreneur):
    return VendorFactory(owner=entrepreneur)


@pytest.fixture
def other_entrepreneur(db):
    user = UserFactory(first_name="Other")
    user.groups.add(Group.objects.get_or_create(name=Role.ENTREPRENEUR)[0])
    return user


@pytest.fixture
def other_vendor(other_entrepreneur):
    return VendorFactory(owner=other_entrepreneur)


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` (locking, full-text search) are skipped, with a reason, on SQLite."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL=postgres://... (CI does)")
    for item in items:
        if "postgres" in item.keywords or _gateway_calls_back(item):
            item.add_marker(skip)


def _gateway_calls_back(item) -> bool:
    """A gateway test on a live server: its simulator's notifications arrive from other threads
    at any moment, which SQLite's single writer turns into locked tables for the next test."""
    return "live_server" in getattr(item, "fixturenames", ()) and "tests/payments/" in str(
        item.path
    )
