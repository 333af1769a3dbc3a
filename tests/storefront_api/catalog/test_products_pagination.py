"""Every product sort pages forward and backward with no duplicates or gaps."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from backend.catalog.models import Product
from tests.factories import create_listed_product

PAGE = """
query Page($first: Int, $last: Int, $after: String, $before: String, $sortBy: ProductOrder) {
  products(first: $first, last: $last, after: $after, before: $before, sortBy: $sortBy) {
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { node { slug } }
  }
}
"""


@pytest.fixture
def catalogue(channel):
    """Seven products; prices and ratings repeat, so ties must be broken by the pk."""
    now = timezone.now()
    products = []
    for index in range(7):
        product = create_listed_product(
            channel=channel,
            price=Decimal(50 + (index % 3) * 10),
            name=f"Item {index % 4}",
            slug=f"item-{index}",
            rating=None if index == 3 else float(index % 2),
        )
        products.append(product)
    for index, product in enumerate(products):
        Product.objects.filter(pk=product.pk).update(
            created_at=now - timedelta(days=index % 3), updated_at=now - timedelta(hours=index)
        )
    return products


def _walk_forward(api_client, sort_by, size=3):
    slugs, after, pages = [], None, 0
    while True:
        data = api_client.execute(PAGE, {"first": size, "after": after, "sortBy": sort_by})
        connection = data["products"]
        slugs += [edge["node"]["slug"] for edge in connection["edges"]]
        assert connection["pageInfo"]["hasPreviousPage"] == (after is not None)
        pages += 1
        if not connection["pageInfo"]["hasNextPage"]:
            return slugs, pages
        after = connection["pageInfo"]["endCursor"]


def _walk_backward(api_client, sort_by, size=3):
    slugs, before = [], None
    while True:
        data = api_client.execute(PAGE, {"last": size, "before": before, "sortBy": sort_by})
        connection = data["products"]
        slugs = [edge["node"]["slug"] for edge in connection["edges"]] + slugs
        assert connection["pageInfo"]["hasNextPage"] == (before is not None)
        if not connection["pageInfo"]["hasPreviousPage"]:
            return slugs
        before = connection["pageInfo"]["startCursor"]


@pytest.mark.parametrize(
    "field", ["NAME", "PRICE", "MINIMAL_PRICE", "CREATED_AT", "LAST_MODIFIED_AT", "RATING"]
)
@pytest.mark.parametrize("direction", ["ASC", "DESC"])
def test_every_sort_pages_without_duplicates_or_gaps(api_client, catalogue, field, direction):
    # given seven products and a sort order
    sort_by = {"field": field, "direction": direction}
    everything = api_client.execute(PAGE, {"first": 100, "sortBy": sort_by})
    expected = [edge["node"]["slug"] for edge in everything["products"]["edges"]]
    # when walking it three at a time, forward and then backward
    forward, pages = _walk_forward(api_client, sort_by)
    backward = _walk_backward(api_client, sort_by)
    # then both walks see each product exactly once, in the one-page order
    assert sorted(expected) == sorted(p.slug for p in catalogue)
    assert forward == expected
    assert backward == expected
    assert pages == 3


def test_sort_by_price_orders_cheapest_first(api_client, catalogue):
    # when sorting by price ascending
    data = api_client.execute(
        PAGE, {"first": 100, "sortBy": {"field": "PRICE", "direction": "ASC"}}
    )
    # then prices never decrease (50, 50, 50, 60, 60, 70, 70)
    slugs = [edge["node"]["slug"] for edge in data["products"]["edges"]]
    assert slugs == ["item-0", "item-3", "item-6", "item-1", "item-4", "item-2", "item-5"]


def test_first_zero_returns_an_empty_page(api_client, catalogue):
    data = api_client.execute(PAGE, {"first": 0})
    assert data["products"]["edges"] == []


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"first": 1, "last": 1}, "Providing both `first` and `last` is not supported."),
        (
            {"first": 1000},
            "Requesting 1000 records on the `products` connection exceeds the `first` limit of "
            "100 records.",
        ),
        ({"first": 2, "after": "not-a-cursor"}, "Received cursor (not-a-cursor) is invalid."),
    ],
)
def test_bad_pagination_arguments_are_top_level_errors(api_client, catalogue, variables, message):
    # when the arguments are invalid
    content = api_client.execute_raw(PAGE, variables)
    # then one clear error and no data
    assert [error["message"] for error in content["errors"]] == [message]
    assert content["data"]["products"] is None


def test_sorting_by_rank_needs_a_search(api_client, catalogue):
    content = api_client.execute_raw(
        PAGE, {"first": 2, "sortBy": {"field": "RANK", "direction": "DESC"}}
    )
    assert content["errors"][0]["message"] == (
        "Sorting by RANK is available only when using a search filter."
    )
