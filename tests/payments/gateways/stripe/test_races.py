"""Parties racing through the Stripe gateway, each thread on its own database connection."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from payments.transactions.models import TransactionEvent, TransactionItem
from tests.concurrency.parallel import run_together

from .conftest import AMOUNT, initialize, process
from .test_sessions import _act

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


def test_two_processes_at_once_credit_the_payment_once(live_checkout, stripe_gateway, simulator):
    item = initialize(live_checkout).transaction
    simulator.complete(item.psp_reference)

    outcomes = run_together([lambda: process(item, live_checkout)] * 2)

    assert {outcome.event.type for outcome in outcomes} == {"CHARGE_SUCCESS"}
    assert TransactionEvent.objects.filter(transaction=item, type="CHARGE_SUCCESS").count() == 1
    assert TransactionItem.objects.get(pk=item.pk).charged_value == AMOUNT


def test_three_racing_refunds_of_100_on_230_refund_200_in_two_stripe_refunds(
    live_checkout, stripe_gateway, simulator
):
    item = initialize(live_checkout).transaction
    simulator.complete(item.psp_reference)
    process(item, live_checkout)

    def refund():
        try:
            return _act(TransactionItem.objects.get(pk=item.pk), "REFUND", "100.00")
        except ValidationError as refused:
            return refused

    outcomes = run_together([refund] * 3)

    refused = [outcome for outcome in outcomes if isinstance(outcome, ValidationError)]
    assert len(refused) == 1
    done = [outcome for outcome in outcomes if not isinstance(outcome, ValidationError)]
    assert [outcome.result.event.type for outcome in done] == ["REFUND_SUCCESS"] * 2
    references = {outcome.result.event.psp_reference for outcome in done}
    assert len(references) == 2  # two requests, two keys, two refunds at Stripe
    fresh = TransactionItem.objects.get(pk=item.pk)
    assert (fresh.charged_value, fresh.refunded_value) == (Decimal("30.00"), Decimal("200.00"))
    stripe_refunds = {
        r.headers["idempotency-key"]
        for r in simulator.requests
        if r.path == "/v1/refunds" and r.method == "POST"
    }
    assert len(stripe_refunds) == 2
