"""checkout(id) and me { checkouts }: who may read, and the SQL does not grow with lines."""

from __future__ import annotations

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from backend.core.permissions import PermissionEnum
from tests.conftest import grant
from tests.factories import UserFactory, create_listed_product

from .conftest import CHECKOUT_FIELDS, create_checkout, variant_id

QUERY = f"query($id: ID) {{ checkout(id: $id) {{ {CHECKOUT_FIELDS} }} }}"
ME = "{ me { checkouts(first: 10) { totalCount edges { node { id quantity } } } checkoutIds } }"


def test_anyone_with_the_id_reads_an_unattached_checkout(api_client, new_checkout):
    data = api_client.execute(QUERY, {"id": new_checkout["id"]})
    assert data["checkout"]["id"] == new_checkout["id"]
    assert data["checkout"]["totalPrice"]["gross"]["amount"] == 230.0


def test_only_the_customer_and_checkout_staff_read_an_attached_one(
    api_client, customer_user, staff_user, variant
):
    owned = create_checkout(
        api_client.as_user(customer_user), [{"variantId": variant_id(variant), "quantity": 1}]
    )["checkout"]
    variables = {"id": owned["id"]}
    assert api_client.as_user(customer_user).execute(QUERY, variables)["checkout"] is not None
    assert api_client.execute(QUERY, variables)["checkout"] is None
    assert api_client.as_user(UserFactory()).execute(QUERY, variables)["checkout"] is None
    assert api_client.as_user(staff_user).execute(QUERY, variables)["checkout"] is None
    grant(staff_user, PermissionEnum.MANAGE_CHECKOUTS)
    assert api_client.as_user(staff_user).execute(QUERY, variables)["checkout"] is not None


def test_me_lists_my_checkouts(api_client, customer_user, variant):
    client = api_client.as_user(customer_user)
    created = create_checkout(client, [{"variantId": variant_id(variant), "quantity": 1}])
    me = client.execute(ME)["me"]
    assert me["checkouts"]["totalCount"] == 1
    assert me["checkouts"]["edges"][0]["node"]["id"] == created["checkout"]["id"]
    assert me["checkoutIds"] == [created["checkout"]["id"]]


def _query_count(client, checkout) -> int:
    with CaptureQueriesContext(connection) as queries:
        client.execute(QUERY, {"id": checkout["id"]})
    return len(queries)


def test_the_checkout_query_costs_the_same_for_1_and_20_lines(api_client, channel, variant):
    one = create_checkout(api_client, [{"variantId": variant_id(variant), "quantity": 1}])
    variants = [
        create_listed_product(channel=channel, price=Decimal("10.00")).variants.get()
        for _ in range(20)
    ]
    twenty = create_checkout(
        api_client, [{"variantId": variant_id(v), "quantity": 1} for v in variants]
    )
    assert twenty["errors"] == []
    assert _query_count(api_client, one["checkout"]) == _query_count(api_client, twenty["checkout"])


def test_create_and_add_cost_the_same_for_1_and_20_lines(api_client, channel, variant):
    variants = [
        create_listed_product(channel=channel, price=Decimal("10.00")).variants.get()
        for _ in range(20)
    ]
    # The first checkout ever also creates the shop's settings row: warm that up first.
    create_checkout(api_client, [{"variantId": variant_id(variant), "quantity": 1}])
    counts = []
    for chosen in (variants[:1], variants):
        with CaptureQueriesContext(connection) as queries:
            result = create_checkout(
                api_client, [{"variantId": variant_id(v), "quantity": 1} for v in chosen]
            )
        assert result["errors"] == []
        counts.append(len(queries))
    assert counts[0] == counts[1]
