"""Checkout metadata as Saleor's storefront writes it: whoever holds an unattached checkout's id,
the customer of an attached one, staff with MANAGE_CHECKOUTS; private metadata only staff."""

from __future__ import annotations

import pytest

from backend.core.permissions import PermissionEnum
from tests.conftest import grant
from tests.factories import CheckoutFactory, CheckoutLineFactory, UserFactory

from .helpers import (
    STOREFRONT_UPDATE_METADATA,
    UPDATE,
    UPDATE_PRIVATE,
    assert_permission_denied,
    gid,
    pairs,
)


@pytest.fixture
def checkout(channel):
    return CheckoutFactory(channel=channel, metadata={"kept": "yes"})


def test_the_storefronts_operation_writes_an_unattached_checkouts_metadata(
    api_client, checkout, hook_recorder
):
    # given the storefront's exact operation, sent anonymously with the checkout's id
    variables = {"id": gid("Checkout", checkout.token), "input": pairs(note="gift wrap")}
    # when
    data = api_client.execute(STOREFRONT_UPDATE_METADATA, variables)
    # then the checkout answers with both keys, and the plugins heard of the change
    assert data["updateMetadata"] == {
        "errors": [],
        "item": {
            "id": gid("Checkout", checkout.token),
            "metadata": [{"key": "kept", "value": "yes"}, {"key": "note", "value": "gift wrap"}],
        },
    }
    checkout.refresh_from_db()
    assert checkout.metadata == {"kept": "yes", "note": "gift wrap"}
    assert checkout.private_metadata == {}
    assert hook_recorder == [("checkout_updated", checkout.token)]


def test_a_checkout_token_is_an_id_too(api_client, checkout):
    # when the raw token is sent, as Saleor allows for checkouts and orders
    data = api_client.execute(UPDATE, {"id": str(checkout.token), "input": pairs(a="1")})
    # then
    assert data["updateMetadata"]["errors"] == []
    assert data["updateMetadata"]["item"]["__typename"] == "Checkout"
    checkout.refresh_from_db()
    assert checkout.metadata == {"kept": "yes", "a": "1"}


def test_an_attached_checkouts_customer_writes_its_metadata(api_client, checkout, customer_user):
    # given a checkout attached to the customer
    checkout.user = customer_user
    checkout.save(update_fields=["user"])
    # when
    data = api_client.as_user(customer_user).execute(
        UPDATE, {"id": gid("Checkout", checkout.token), "input": pairs(a="1")}
    )
    # then
    assert data["updateMetadata"]["item"]["metafields"] == {"kept": "yes", "a": "1"}


@pytest.mark.parametrize("who", ["anonymous", "another customer", "staff without permission"])
def test_nobody_else_writes_an_attached_checkouts_metadata(
    api_client, checkout, customer_user, staff_user, who
):
    # given a checkout attached to a customer
    checkout.user = customer_user
    checkout.save(update_fields=["user"])
    client = {
        "anonymous": api_client,
        "another customer": api_client.as_user(UserFactory()),
        "staff without permission": api_client.as_user(staff_user),
    }[who]
    # when
    content = client.execute_raw(
        UPDATE, {"id": gid("Checkout", checkout.token), "input": pairs(a="1")}
    )
    # then it is refused and nothing changed
    assert_permission_denied(content)
    assert "MANAGE_CHECKOUTS" in content["errors"][0]["message"]
    checkout.refresh_from_db()
    assert checkout.metadata == {"kept": "yes"}


def test_checkout_managers_write_any_checkouts_metadata(
    api_client, checkout, customer_user, staff_user
):
    # given an attached checkout and staff with MANAGE_CHECKOUTS
    checkout.user = customer_user
    checkout.save(update_fields=["user"])
    grant(staff_user, PermissionEnum.MANAGE_CHECKOUTS)
    # when
    data = api_client.as_user(staff_user).execute(
        UPDATE_PRIVATE, {"id": gid("Checkout", checkout.token), "input": pairs(crm="42")}
    )
    # then
    assert data["updatePrivateMetadata"]["item"]["privateMetafields"] == {"crm": "42"}
    checkout.refresh_from_db()
    assert checkout.metadata == {"kept": "yes"}


def test_the_holder_of_a_checkout_id_cannot_write_its_private_metadata(api_client, checkout):
    # when
    content = api_client.execute_raw(
        UPDATE_PRIVATE, {"id": gid("Checkout", checkout.token), "input": pairs(crm="42")}
    )
    # then
    assert_permission_denied(content)
    checkout.refresh_from_db()
    assert checkout.private_metadata == {}


def test_a_checkout_lines_metadata_is_written_and_answered_as_the_line(
    api_client, checkout, hook_recorder
):
    # given a line of an unattached checkout
    line = CheckoutLineFactory(checkout=checkout, metadata={"size": "M"})
    query = """
    mutation ($id: ID!, $input: [MetadataInput!]!) {
      updateMetadata(id: $id, input: $input) {
        errors { code }
        item { ... on CheckoutLine { id quantity metafield(key: "gift") metafields } }
      }
    }
    """
    # when
    data = api_client.execute(query, {"id": gid("CheckoutLine", line.pk), "input": pairs(gift="1")})
    # then the line answers as Saleor's CheckoutLine, and the checkout's plugins heard of it
    assert data["updateMetadata"] == {
        "errors": [],
        "item": {
            "id": gid("CheckoutLine", line.pk),
            "quantity": 1,
            "metafield": "1",
            "metafields": {"size": "M", "gift": "1"},
        },
    }
    assert hook_recorder == [("checkout_updated", checkout.token)]


def test_another_customers_checkout_line_is_refused(api_client, checkout, customer_user):
    # given a line of a checkout attached to someone else
    checkout.user = UserFactory()
    checkout.save(update_fields=["user"])
    line = CheckoutLineFactory(checkout=checkout)
    # when
    content = api_client.as_user(customer_user).execute_raw(
        UPDATE, {"id": gid("CheckoutLine", line.pk), "input": pairs(a="1")}
    )
    # then
    assert_permission_denied(content)
    line.refresh_from_db()
    assert line.metadata == {}
