"""Payments SSLCommerz flags as risky (`risk_level` 1) are held for review: recorded as an
authorization that staff charge (SSLCommerz is asked again) or cancel (the money goes back)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from backend.checkout.models import Checkout
from payments.gateways.sslcommerz.client import MERCHANT_API_PATH, VALIDATION_PATH
from payments.transactions.models import TransactionItem

from .conftest import AMOUNT, charge_events, paid, process, settle_pending, staff_action

pytestmark = pytest.mark.django_db


def test_a_risky_payment_is_held_for_review_not_charged(checkout, gateway_on):
    # when SSLCommerz confirms a payment it flags as risky
    paid(checkout, gateway_on, risk_level=1)
    # then Haat holds it: authorized, not charged, with staff's choices
    item = TransactionItem.objects.get()
    assert (item.authorized_value, item.charged_value) == (AMOUNT, Decimal(0))
    assert item.available_actions == ["CHARGE", "CANCEL"]
    assert item.message.startswith("Held for review: SSLCommerz flagged the payment as risky")
    assert charge_events() == []
    # and processing it again records nothing more
    again = process(checkout)
    assert again.event.type == "AUTHORIZATION_SUCCESS"
    assert list(item.events.values_list("type", flat=True)) == [
        "CHARGE_REQUEST",
        "CHARGE_ACTION_REQUIRED",
        "AUTHORIZATION_SUCCESS",
    ]
    # and the checkout counts it as covered, but not as paid
    row = Checkout.objects.get(pk=checkout.pk)
    assert (row.total_authorized_amount, row.total_charged_amount) == (AMOUNT, Decimal(0))


def test_staff_accept_a_held_payment_after_sslcommerz_confirms_it_again(checkout, gateway_on):
    paid(checkout, gateway_on, risk_level=1)
    asked_before = len(gateway_on.requests)
    # when staff charge it
    outcome = staff_action(checkout, "CHARGE")
    # then SSLCommerz was asked again and the payment is charged in full
    assert [r.path for r in gateway_on.requests[asked_before:]] == [
        MERCHANT_API_PATH,
        VALIDATION_PATH,
    ]
    assert outcome.result.event.type == "CHARGE_SUCCESS"
    item = TransactionItem.objects.get()
    assert (item.charged_value, item.authorized_value) == (AMOUNT, Decimal(0))
    assert item.available_actions == ["REFUND"]


def test_staff_cannot_accept_part_of_a_held_payment(checkout, gateway_on):
    paid(checkout, gateway_on, risk_level=1)
    outcome = staff_action(checkout, "CHARGE", Decimal("100.00"))
    assert outcome.result.event.type == "CHARGE_FAILURE"
    assert outcome.result.event.message.startswith(
        "SSLCommerz cannot charge part of a payment: charge all 230.00 BDT"
    )
    assert TransactionItem.objects.get().charged_value == Decimal(0)


def test_a_held_payment_sslcommerz_no_longer_confirms_is_not_charged(checkout, gateway_on):
    tran_id = paid(checkout, gateway_on, risk_level=1)
    gateway_on.confirm_amount(tran_id, Decimal("1.00"))
    outcome = staff_action(checkout, "CHARGE")
    assert outcome.result.event.type == "CHARGE_FAILURE"
    assert outcome.result.event.message == (
        "Not charged: SSLCommerz confirmed 1.00 BDT, not the 230.00 asked for."
    )
    assert TransactionItem.objects.get().charged_value == Decimal(0)


def test_staff_refuse_a_held_payment_and_sslcommerz_refunds_it(checkout, gateway_on):
    tran_id = paid(checkout, gateway_on, risk_level=1)
    # when staff cancel it
    outcome = staff_action(checkout, "CANCEL")
    # then the whole payment is refunded at SSLCommerz and the authorization is cancelled
    [refund] = gateway_on.payment(tran_id).refunds
    assert (refund.amount, refund.status) == (AMOUNT, "refunded")
    assert outcome.result.event.type == "CANCEL_SUCCESS"
    assert outcome.result.event.psp_reference == refund.refund_ref_id
    item = TransactionItem.objects.get()
    assert (item.authorized_value, item.canceled_value, item.charged_value) == (
        Decimal(0),
        AMOUNT,
        Decimal(0),
    )
    row = Checkout.objects.get(pk=checkout.pk)
    assert row.total_authorized_amount == Decimal(0)


def test_a_charge_whose_answer_was_lost_is_settled_by_the_status_query(checkout, gateway_on):
    # given staff accepting a held payment while SSLCommerz does not answer
    paid(checkout, gateway_on, risk_level=1)
    gateway_on.inject("timeout", path=MERCHANT_API_PATH)
    outcome = staff_action(checkout, "CHARGE")
    gateway_on.release()
    assert outcome.gateway_error is not None
    item = TransactionItem.objects.get()
    assert (item.charge_pending_value, item.charged_value) == (AMOUNT, Decimal(0))
    # when the periodic status query runs (twice)
    assert settle_pending() == 1
    assert settle_pending() == 0
    # then SSLCommerz's word settles the charge, once
    item.refresh_from_db()
    assert (item.charge_pending_value, item.charged_value) == (Decimal(0), AMOUNT)
    assert len(charge_events()) == 1


def test_a_refusal_whose_refund_is_processing_is_settled_by_the_status_query(checkout, gateway_on):
    tran_id = paid(checkout, gateway_on, risk_level=1)
    gateway_on.refund_outcome = "processing"
    outcome = staff_action(checkout, "CANCEL")
    assert outcome.result is None
    item = TransactionItem.objects.get()
    assert (item.cancel_pending_value, item.canceled_value) == (AMOUNT, Decimal(0))
    assert settle_pending() == 0  # SSLCommerz is still processing it
    [refund] = gateway_on.payment(tran_id).refunds
    gateway_on.settle_refund(refund.refund_ref_id)
    assert settle_pending() == 1
    item.refresh_from_db()
    assert (item.cancel_pending_value, item.canceled_value) == (Decimal(0), AMOUNT)
