"""Refunds through SSLCommerz's refund API: full, partial, beyond the charge (refused before
SSLCommerz is asked), racing, "processing" settled later by the refund status API, refused,
and lost to a timeout (never sent twice)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from payments.gateways.sslcommerz.client import MERCHANT_API_PATH
from payments.gateways.sslcommerz.refunds import METADATA_KEY
from payments.transactions.models import TransactionItem
from tests.concurrency.parallel import run_together

from .conftest import AMOUNT, paid, settle_pending, staff_action

db = pytest.mark.django_db


def refund_calls(gateway) -> int:
    return sum(
        1
        for request in gateway.requests
        if request.path == MERCHANT_API_PATH and "refund_amount" in request.query
    )


def amounts() -> tuple[Decimal, Decimal, Decimal]:
    item = TransactionItem.objects.get()
    return item.charged_value, item.refund_pending_value, item.refunded_value


@db
def test_a_full_refund(checkout, gateway_on):
    tran_id = paid(checkout, gateway_on)
    outcome = staff_action(checkout, "REFUND")
    [refund] = gateway_on.payment(tran_id).refunds
    assert refund.amount == AMOUNT
    assert refund.bank_tran_id == gateway_on.payment(tran_id).bank_tran_id
    assert outcome.result.event.type == "REFUND_SUCCESS"
    assert outcome.result.event.psp_reference == refund.refund_ref_id
    assert amounts() == (Decimal(0), Decimal(0), AMOUNT)


@db
def test_partial_refunds_add_up_to_the_charge(checkout, gateway_on):
    tran_id = paid(checkout, gateway_on)
    first = staff_action(checkout, "REFUND", Decimal("100.00"))
    second = staff_action(checkout, "REFUND", Decimal("130.00"))
    assert [r.amount for r in gateway_on.payment(tran_id).refunds] == [
        Decimal("100.00"),
        Decimal("130.00"),
    ]
    assert first.result.event.psp_reference != second.result.event.psp_reference
    assert amounts() == (Decimal(0), Decimal(0), AMOUNT)
    # and the query string carried the documented fields, the amount with two decimals
    asked = [r.query for r in gateway_on.requests if "refund_amount" in r.query]
    assert [q["refund_amount"] for q in asked] == ["100.00", "130.00"]
    assert all(q["refe_id"] and q["refund_remarks"] and q["format"] == "json" for q in asked)


@db
def test_a_refund_beyond_the_charge_is_refused_before_sslcommerz_is_asked(checkout, gateway_on):
    paid(checkout, gateway_on)
    with pytest.raises(ValidationError) as error:
        staff_action(checkout, "REFUND", Decimal("230.01"))
    assert error.value.error_dict["amount"][0].code == "invalid"
    assert refund_calls(gateway_on) == 0
    assert amounts() == (AMOUNT, Decimal(0), Decimal(0))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_racing_refunds_never_exceed_the_charge(checkout, gateway_on):
    tran_id = paid(checkout, gateway_on)

    def refund() -> str:
        try:
            return staff_action(checkout, "REFUND", Decimal("150.00")).result.event.type
        except ValidationError as error:
            return error.error_dict["amount"][0].code

    results = run_together([refund, refund])
    assert sorted(results) == ["REFUND_SUCCESS", "invalid"]
    assert [r.amount for r in gateway_on.payment(tran_id).refunds] == [Decimal("150.00")]
    assert amounts() == (Decimal("80.00"), Decimal(0), Decimal("150.00"))


@db
@pytest.mark.parametrize("casing", ["lower", "upper"])
def test_a_refund_sslcommerz_is_processing_is_settled_by_its_status(checkout, gateway_on, casing):
    # given SSLCommerz answering "processing" (in either casing)
    tran_id = paid(checkout, gateway_on)
    gateway_on.refund_outcome = "processing"
    gateway_on.answer_casing = casing
    # when staff refund 100
    outcome = staff_action(checkout, "REFUND", Decimal("100.00"))
    # then the refund waits
    assert outcome.result is None and outcome.gateway_error is None
    assert amounts() == (Decimal("130.00"), Decimal("100.00"), Decimal(0))
    # and stays pending while SSLCommerz is still processing it
    assert settle_pending() == 0
    assert amounts() == (Decimal("130.00"), Decimal("100.00"), Decimal(0))
    # when SSLCommerz has refunded it, the periodic status query settles it, once
    [refund] = gateway_on.payment(tran_id).refunds
    gateway_on.settle_refund(refund.refund_ref_id)
    assert settle_pending() == 1
    assert settle_pending() == 0
    assert amounts() == (Decimal("130.00"), Decimal(0), Decimal("100.00"))
    assert refund_calls(gateway_on) == 1


@db
def test_a_refund_answered_in_upper_case_succeeds(checkout, gateway_on):
    paid(checkout, gateway_on)
    gateway_on.answer_casing = "upper"
    assert staff_action(checkout, "REFUND").result.event.type == "REFUND_SUCCESS"
    assert amounts() == (Decimal(0), Decimal(0), AMOUNT)


@db
def test_a_refund_sslcommerz_refuses_gives_the_charge_back(checkout, gateway_on):
    paid(checkout, gateway_on)
    gateway_on.refund_outcome = "failed"
    outcome = staff_action(checkout, "REFUND", Decimal("50.00"))
    assert outcome.result.event.type == "REFUND_FAILURE"
    assert outcome.result.event.message == (
        "SSLCommerz refused the refund: Refund is not allowed for this transaction."
    )
    assert amounts() == (AMOUNT, Decimal(0), Decimal(0))


@db
def test_a_refund_whose_answer_is_lost_stays_pending_and_is_never_sent_again(checkout, gateway_on):
    # given SSLCommerz that makes the refund but whose answer never arrives
    tran_id = paid(checkout, gateway_on)
    gateway_on.lost_refund_answers = 1
    outcome = staff_action(checkout, "REFUND", Decimal("100.00"))
    gateway_on.release()
    # then the refund stays pending in Haat (the outcome is unknown)
    assert outcome.gateway_error == (
        "SSLCommerz did not answer /validator/api/merchantTransIDvalidationAPI.php within 2 s."
    )
    assert amounts() == (Decimal("130.00"), Decimal("100.00"), Decimal(0))
    [entry] = TransactionItem.objects.get().private_metadata[METADATA_KEY]
    assert (entry["status"], entry["amount"]) == ("unknown", "100.00")
    # and the periodic status query does not send it again, nor pretend to know its outcome
    assert settle_pending() == 0
    assert amounts() == (Decimal("130.00"), Decimal("100.00"), Decimal(0))
    assert refund_calls(gateway_on) == 1
    assert len(gateway_on.payment(tran_id).refunds) == 1


@db
def test_a_refund_that_cannot_look_up_the_payment_is_refused_without_being_sent(
    checkout, gateway_on
):
    # given SSLCommerz failing the query that gives the payment's bank_tran_id
    paid(checkout, gateway_on)
    gateway_on.inject("error", path=MERCHANT_API_PATH)
    # then the refund is known not to have happened: refused, the charge given back
    outcome = staff_action(checkout, "REFUND", Decimal("50.00"))
    assert outcome.result.event.type == "REFUND_FAILURE"
    assert outcome.result.event.message == (
        "Nothing was refunded: SSLCommerz answered "
        "/validator/api/merchantTransIDvalidationAPI.php with HTTP 500. Try again."
    )
    assert amounts() == (AMOUNT, Decimal(0), Decimal(0))
    assert refund_calls(gateway_on) == 0
