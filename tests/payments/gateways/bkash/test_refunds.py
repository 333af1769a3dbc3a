"""Refunds through bKash's refund API (v2): partial and full, never beyond what was charged,
never sent twice when an answer is lost, and two at once by staff in a race."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from payments.transactions.models import TransactionItem
from tests.concurrency.parallel import run_together
from tests.payments.gateways.bkash.conftest import act, paid_transaction

REFUND_PATH = "/v2/tokenized-checkout/refund/payment/transaction"
STATUS_PATH = "/v2/tokenized-checkout/refund/payment/status"


def _refund_posts(simulator) -> list:
    return [r for r in simulator.requests if r.path == REFUND_PATH]


def _status_posts(simulator) -> list:
    return [r for r in simulator.requests if r.path == STATUS_PATH]


def _values(item) -> tuple[Decimal, Decimal, Decimal]:
    item = TransactionItem.objects.get(pk=item.pk)
    return item.charged_value, item.refund_pending_value, item.refunded_value


@pytest.mark.django_db
def test_a_partial_then_the_rest_refunded(gateway, simulator, checkout):
    item = paid_transaction(checkout, simulator)

    partial = act(checkout, item, "REFUND", Decimal("100.00"))
    rest = act(checkout, item, "REFUND")

    assert partial.result.event.type == rest.result.event.type == "REFUND_SUCCESS"
    assert partial.result.event.psp_reference.startswith("RF")
    assert [r.json()["refundAmount"] for r in _refund_posts(simulator)] == ["100.00", "130.00"]
    assert {r.json()["trxId"] for r in _refund_posts(simulator)} == {
        simulator.payments[item.psp_reference].trx_id
    }
    assert _values(item) == (Decimal("0"), Decimal("0"), Decimal("230.00"))


@pytest.mark.django_db
def test_a_refund_beyond_the_charge_is_refused_before_bkash_is_asked(gateway, simulator, checkout):
    item = paid_transaction(checkout, simulator)

    with pytest.raises(ValidationError):
        act(checkout, item, "REFUND", Decimal("230.01"))

    assert _refund_posts(simulator) == []
    assert _values(item) == (Decimal("230.00"), Decimal("0"), Decimal("0"))


@pytest.mark.django_db
def test_bkash_refusing_a_refund_gives_the_money_back_to_charged(gateway, simulator, checkout):
    item = paid_transaction(checkout, simulator)
    for _ in range(10):  # bKash allows ten partial refunds
        assert act(checkout, item, "REFUND", Decimal("1")).result.event.type == "REFUND_SUCCESS"

    eleventh = act(checkout, item, "REFUND", Decimal("1"))

    assert eleventh.result.event.type == "REFUND_FAILURE"
    assert "2074" in eleventh.result.event.message
    assert _values(item) == (Decimal("220.00"), Decimal("0"), Decimal("10.00"))


@pytest.mark.django_db
def test_a_refund_whose_answer_is_lost_is_found_by_its_status_not_sent_again(
    gateway, simulator, checkout
):
    item = paid_transaction(checkout, simulator)
    simulator.lose_answer("refund")

    outcome = act(checkout, item, "REFUND", Decimal("50.00"))

    assert outcome.gateway_error is None
    assert outcome.result.event.type == "REFUND_SUCCESS"
    assert len(_refund_posts(simulator)) == 1
    assert len(_status_posts(simulator)) == 2  # what was there before, what is there after
    assert _values(item) == (Decimal("180.00"), Decimal("0"), Decimal("50.00"))


@pytest.mark.django_db
def test_a_refund_bkash_never_received_stays_pending(gateway, simulator, checkout):
    item = paid_transaction(checkout, simulator)
    simulator.inject("timeout", path=REFUND_PATH)

    outcome = act(checkout, item, "REFUND", Decimal("50.00"))

    assert outcome.result is None
    assert "no new refund" in outcome.gateway_error
    assert len(_refund_posts(simulator)) == 1
    assert simulator.payments[item.psp_reference].refunds == []
    assert _values(item) == (Decimal("180.00"), Decimal("50.00"), Decimal("0"))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_refunds_racing_never_exceed_the_charge(gateway, simulator, checkout):
    item = paid_transaction(checkout, simulator)

    def refund():
        try:
            return act(checkout, item, "REFUND", Decimal("150.00")).result.event.type
        except ValidationError as error:
            return error.messages[0]

    results = run_together([refund, refund])

    assert sorted(results) == [
        "Cannot refund 150.00 BDT: only 80.00 is available.",
        "REFUND_SUCCESS",
    ]
    assert len(_refund_posts(simulator)) == 1
    assert _values(item) == (Decimal("80.00"), Decimal("0"), Decimal("150.00"))
