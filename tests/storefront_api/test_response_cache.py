"""The whole-response cache for anonymous catalogue queries, and its invalidation on writes."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings

from backend.catalog.models import Product
from backend.catalog.services.products import update_product
from backend.content.models import Menu
from backend.core.cache_version import (
    CATALOG_VERSION_KEY,
    bump_catalog_version,
    current_catalog_version,
)
from storefront_api.core import cache as response_cache
from storefront_api.core.ids import to_global_id
from tests.factories import create_listed_product

PRODUCTS = """
query Products($first: Int) {
  products(first: $first, channel: "bd") { edges { node { name } } }
}
"""
PRODUCT_UPDATE = """
mutation Rename($id: ID, $input: ProductInput!) {
  productUpdate(id: $id, input: $input) { product { name } errors { field code } }
}
"""
LOCMEM = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "storefront-response-cache-tests",
    }
}


@pytest.fixture(autouse=True)
def response_cache_on():
    with override_settings(STOREFRONT_CACHE_SECONDS=60, CACHES=LOCMEM):
        cache.clear()
        yield
        cache.clear()


@pytest.fixture
def product(channel):
    return create_listed_product(channel=channel, name="Hilsa")


def _names(response) -> list[str]:
    return [edge["node"]["name"] for edge in response.json()["data"]["products"]["edges"]]


def test_second_identical_query_is_a_hit_without_sql(
    api_client, product, django_assert_num_queries
):
    # given the query answered once
    first = api_client.post(PRODUCTS, {"first": 5})
    # when it is asked again
    with django_assert_num_queries(0):
        second = api_client.post(PRODUCTS, {"first": 5})
    # then the stored body is served without touching the database
    assert first["X-Haat-Cache"] == "miss"
    assert second["X-Haat-Cache"] == "hit"
    assert second.status_code == 200
    assert second["Content-Type"] == "application/json"
    assert second.json() == first.json()
    assert _names(second) == ["Hilsa"]


def test_other_variables_or_operation_miss(api_client, product):
    # given the query answered for five products
    api_client.post(PRODUCTS, {"first": 5})
    # when asked for six, or under another operation name / then each is computed
    assert api_client.post(PRODUCTS, {"first": 6})["X-Haat-Cache"] == "miss"
    renamed = PRODUCTS.replace("query Products", "query Listing")
    assert api_client.post(renamed, {"first": 5})["X-Haat-Cache"] == "miss"


def test_variables_in_another_key_order_hit(api_client, product):
    # given a query with two variables answered once
    query = """
    query Products($first: Int, $channel: String) {
      products(first: $first, channel: $channel) { edges { node { name } } }
    }
    """
    api_client.post(query, {"first": 5, "channel": "bd"})
    # when the same variables come in another order / then it is the same entry
    assert api_client.post(query, {"channel": "bd", "first": 5})["X-Haat-Cache"] == "hit"


def test_another_host_misses(api_client, product):
    # given the answer for one host (media URLs are absolute for the request's host)
    api_client.post(PRODUCTS, {"first": 5})
    # when another host asks / then it gets its own answer
    assert api_client.post(PRODUCTS, {"first": 5}, HTTP_HOST="localhost")["X-Haat-Cache"] == "miss"


def test_get_queries_are_cached(client, product):
    # given a query sent with GET
    params = {"query": PRODUCTS, "variables": json.dumps({"first": 5})}
    first = client.get("/graphql/", params)
    # when sent again / then a hit
    second = client.get("/graphql/", params)
    assert (first["X-Haat-Cache"], second["X-Haat-Cache"]) == ("miss", "hit")
    assert second.json() == first.json()


def test_authenticated_requests_are_never_cached(api_client, customer_user, product):
    # given a signed-in customer
    client = api_client.as_user(customer_user)
    # when the same query is sent twice
    first = client.post(PRODUCTS, {"first": 5})
    second = client.post(PRODUCTS, {"first": 5})
    # then both are executed and neither is marked
    assert "X-Haat-Cache" not in first
    assert "X-Haat-Cache" not in second
    assert _names(second) == ["Hilsa"]
    # and nothing was stored for anonymous callers either
    assert api_client.post(PRODUCTS, {"first": 5})["X-Haat-Cache"] == "miss"


def test_mutations_are_never_cached(api_client, db):
    # when an anonymous mutation is sent twice
    mutation = 'mutation { tokenVerify(token: "nope") { isValid } }'
    responses = [api_client.post(mutation) for _ in range(2)]
    # then both are executed, unmarked
    assert [("X-Haat-Cache" in response) for response in responses] == [False, False]
    assert responses[1].json()["data"]["tokenVerify"]["isValid"] is False


def test_batches_are_never_cached(client, product):
    # when a batch of one query is sent twice
    body = json.dumps([{"query": PRODUCTS, "variables": {"first": 5}}])
    responses = [client.post("/graphql/", body, content_type="application/json") for _ in range(2)]
    # then both are executed, unmarked
    assert [("X-Haat-Cache" in response) for response in responses] == [False, False]


def test_queries_outside_the_catalogue_are_never_cached(api_client, db):
    # when an anonymous caller asks for `me` (and alongside a catalogue field) twice
    for query in ("{ me { id } }", "{ me { id } shop { name } }"):
        responses = [api_client.post(query) for _ in range(2)]
        # then nothing is cached
        assert [("X-Haat-Cache" in response) for response in responses] == [False, False]


def test_responses_with_errors_are_not_stored(api_client, db):
    # given a query whose resolver reports an error (no such channel)
    query = '{ products(first: 5, channel: "nowhere") { edges { node { name } } } }'
    first = api_client.post(query)
    assert first.json()["data"] == {"products": None}
    assert [error["message"] for error in first.json()["errors"]] == [
        "Channel with 'nowhere' slug does not exist."
    ]
    # when it is asked again / then it is executed again
    assert (first["X-Haat-Cache"], api_client.post(query)["X-Haat-Cache"]) == ("miss", "miss")


def test_product_update_mutation_invalidates(
    api_client, product_manager, product, django_capture_on_commit_callbacks
):
    # given the listing cached
    api_client.post(PRODUCTS, {"first": 5})
    # when a manager renames the product and the transaction commits
    with django_capture_on_commit_callbacks(execute=True):
        data = api_client.as_user(product_manager).execute(
            PRODUCT_UPDATE,
            {"id": to_global_id("Product", product.pk), "input": {"name": "Fresh Hilsa"}},
        )
    assert data["productUpdate"]["errors"] == []
    # then the next anonymous read is computed again and shows the new name
    response = api_client.post(PRODUCTS, {"first": 5})
    assert response["X-Haat-Cache"] == "miss"
    assert _names(response) == ["Fresh Hilsa"]


def test_service_write_bumps_the_version_once_after_commit(
    product, django_capture_on_commit_callbacks
):
    # given the version now
    version = current_catalog_version()
    # when the service renames the product (many rows and signals in one transaction)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        update_product(product=product, name="Fresh Hilsa")
    # then one bump ran, after commit
    assert len(callbacks) == 1
    assert current_catalog_version() == version + 1


def test_admin_style_save_invalidates(api_client, product, django_capture_on_commit_callbacks):
    # given the listing cached
    api_client.post(PRODUCTS, {"first": 5})
    # when the row is saved through the ORM in a transaction, as the Django admin does
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        Product.objects.get(pk=product.pk).save()
    # then the next read is computed again
    assert api_client.post(PRODUCTS, {"first": 5})["X-Haat-Cache"] == "miss"


def test_rolled_back_write_does_not_bump(product, django_capture_on_commit_callbacks):
    # given the version now
    version = current_catalog_version()
    # when a write is rolled back
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError, match=r"^rolled back$"),
        transaction.atomic(),
    ):
        update_product(product=product, name="Never Saved")
        raise RuntimeError("rolled back")
    # then no bump was left to run and the version is unchanged
    assert callbacks == []
    assert current_catalog_version() == version
    assert Product.objects.get(pk=product.pk).name == "Hilsa"


def test_entry_computed_before_a_write_is_stale(db, django_capture_on_commit_callbacks):
    # given a miss read at one version
    key = response_cache.response_key(
        base_url="http://testserver/", query="{ shop { name } }", variables={}, operation_name=None
    )
    body, version = response_cache.lookup(key)
    assert body is None
    # when a write commits while the answer is computed, and the answer is then stored
    with django_capture_on_commit_callbacks(execute=True):
        bump_catalog_version()
    response_cache.store(key, version=version, body=b'{"data": {}}')
    # then it is never served
    assert response_cache.lookup(key) == (None, version + 1)


def test_lost_version_is_recreated_and_invalidates(api_client, product):
    # given a cached answer
    api_client.post(PRODUCTS, {"first": 5})
    # when the cache loses the version key (LocMem culls; Redis may evict)
    cache.delete(CATALOG_VERSION_KEY)
    # then the old answer is not trusted
    assert api_client.post(PRODUCTS, {"first": 5})["X-Haat-Cache"] == "miss"
    assert api_client.post(PRODUCTS, {"first": 5})["X-Haat-Cache"] == "hit"


def test_bump_without_a_version_creates_one(db, django_capture_on_commit_callbacks):
    # given no version in the cache
    cache.delete(CATALOG_VERSION_KEY)
    # when a write bumps it / then a version exists
    with django_capture_on_commit_callbacks(execute=True):
        bump_catalog_version()
    assert cache.get(CATALOG_VERSION_KEY) is not None


def test_nothing_is_cached_when_the_setting_is_zero(api_client, product, django_assert_num_queries):
    with override_settings(STOREFRONT_CACHE_SECONDS=0):
        # given the query answered once
        first = api_client.post(PRODUCTS, {"first": 5})
        # when asked again / then it is executed and unmarked
        second = api_client.post(PRODUCTS, {"first": 5})
    assert "X-Haat-Cache" not in first
    assert "X-Haat-Cache" not in second
    assert _names(second) == ["Hilsa"]


MENU = """query ($slug: String) { menu(slug: $slug) { name items { name } } }"""


def test_a_menu_change_invalidates_the_menu(api_client, db, django_capture_on_commit_callbacks):
    # given a menu read once (and cached)
    menu = Menu.objects.create(name="Footer", slug="footer")
    first = api_client.post(MENU, {"slug": "footer"})
    assert api_client.post(MENU, {"slug": "footer"})["X-Haat-Cache"] == "hit"
    # when the menu is renamed
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        menu.name = "Pages"
        menu.save()
    # then the next read shows the new name
    again = api_client.post(MENU, {"slug": "footer"})
    assert again["X-Haat-Cache"] == "miss"
    assert json.loads(again.content)["data"]["menu"]["name"] == "Pages"
    assert json.loads(first.content)["data"]["menu"]["name"] == "Footer"
