"""Saleor's AUTHORIZATION flow on bKash (intent "authorization"): the customer's money is held,
then staff capture it all (CHARGE) or release it (CANCEL)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from payments.transactions.models import TransactionItem
from tests.payments.gateways.bkash.conftest import act, paid_transaction

pytestmark = pytest.mark.django_db


def _authorized(checkout, simulator):
    item = paid_transaction(checkout, simulator, action="AUTHORIZATION")
    assert simulator.calls("create")[0].json()["intent"] == "authorization"
    assert (item.authorized_value, item.charged_value) == (Decimal("230.00"), Decimal("0"))
    assert item.available_actions == ["CHARGE", "CANCEL"]
    return item


def test_capture_charges_the_whole_authorization(gateway, simulator, checkout):
    item = _authorized(checkout, simulator)

    outcome = act(checkout, item, "CHARGE")

    assert outcome.result.event.type == "CHARGE_SUCCESS"
    item = TransactionItem.objects.get(pk=item.pk)
    assert (item.authorized_value, item.charged_value) == (Decimal("0"), Decimal("230.00"))
    assert [r.json() for r in simulator.calls("payment/confirm/capture")] == [
        {"paymentID": item.psp_reference}
    ]
    assert simulator.payments[item.psp_reference].status == "Completed"


def test_void_releases_the_authorization(gateway, simulator, checkout):
    item = _authorized(checkout, simulator)

    outcome = act(checkout, item, "CANCEL")

    assert outcome.result.event.type == "CANCEL_SUCCESS"
    item = TransactionItem.objects.get(pk=item.pk)
    assert (item.authorized_value, item.canceled_value) == (Decimal("0"), Decimal("230.00"))
    assert simulator.payments[item.psp_reference].status == "Cancelled"


def test_a_partial_capture_is_refused_without_asking_bkash_to_capture(gateway, simulator, checkout):
    item = _authorized(checkout, simulator)

    outcome = act(checkout, item, "CHARGE", Decimal("100.00"))

    assert outcome.result.event.type == "CHARGE_FAILURE"
    assert "whole authorization" in outcome.result.event.message
    assert simulator.calls("payment/confirm/capture") == []
    assert TransactionItem.objects.get(pk=item.pk).charged_value == Decimal("0")
    assert simulator.payments[item.psp_reference].status == "Authorized"


def test_a_capture_whose_answer_is_lost_is_settled_by_a_query(gateway, simulator, checkout):
    item = _authorized(checkout, simulator)
    simulator.lose_answer("payment/confirm/capture")

    outcome = act(checkout, item, "CHARGE")

    assert outcome.result.event.type == "CHARGE_SUCCESS"
    assert len(simulator.calls("payment/confirm/capture")) == 1
    assert TransactionItem.objects.get(pk=item.pk).charged_value == Decimal("230.00")
