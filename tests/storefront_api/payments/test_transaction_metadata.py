"""updateMetadata / updatePrivateMetadata on a transaction (Saleor's ObjectWithMetadata): for
HANDLE_PAYMENTS, as in Saleor."""

from __future__ import annotations

import pytest

from payments.transactions.models import TransactionItem
from tests.conftest import ApiClient

from .conftest import checkout_gid, denied, initialize

pytestmark = pytest.mark.django_db

UPDATE = """
mutation ($id: ID!, $input: [MetadataInput!]!) {
  updateMetadata(id: $id, input: $input) {
    item { ... on TransactionItem { metadata { key value } } }
    errors { field code }
  }
}
"""
UPDATE_PRIVATE = """
mutation ($id: ID!, $input: [MetadataInput!]!) {
  updatePrivateMetadata(id: $id, input: $input) {
    item { ... on TransactionItem { privateMetadata { key value } } }
    errors { field code }
  }
}
"""


def test_handle_payments_writes_a_transactions_metadata(
    payable_checkout, dummy_gateway, payment_app, customer_user
):
    started = initialize(ApiClient(), checkout_gid(payable_checkout))
    transaction_id = started["transaction"]["id"]
    entry = [{"key": "reconciled", "value": "2026-11-27"}]
    # a customer (and anyone without HANDLE_PAYMENTS) is refused
    assert denied(
        ApiClient(customer_user).execute_raw(UPDATE, {"id": transaction_id, "input": entry})
    )
    # the payment app writes public and private metadata
    public = payment_app.execute(UPDATE, {"id": transaction_id, "input": entry})["updateMetadata"]
    assert public == {"item": {"metadata": entry}, "errors": []}
    private = payment_app.execute(UPDATE_PRIVATE, {"id": transaction_id, "input": entry})[
        "updatePrivateMetadata"
    ]
    assert private == {"item": {"privateMetadata": entry}, "errors": []}
    item = TransactionItem.objects.get()
    assert (item.metadata, item.private_metadata) == (
        {"reconciled": "2026-11-27"},
        {"reconciled": "2026-11-27"},
    )
