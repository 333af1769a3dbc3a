"""A gateway for tests whose refunds are settled later, as most real gateways' are: it accepts
a refund (REFUND_REQUEST) and reports the outcome afterwards through its notification handler,
which calls `apply_gateway_result` (as every gateway's handler does)."""

from __future__ import annotations

from decimal import Decimal

from payments.gateways.dummy.plugin import DummyGatewayPlugin
from payments.transactions.sessions import apply_gateway_result
from plugins.framework.interface import TransactionSessionResult

SLOW_REFUNDS = "haat.tests.slow-refunds"


class SlowRefundGateway(DummyGatewayPlugin):
    PLUGIN_ID = SLOW_REFUNDS
    PLUGIN_NAME = "Slow refunds"

    def transaction_refund_requested(self, transaction_session, previous_value):
        return TransactionSessionResult(result="REFUND_REQUEST", amount=transaction_session.amount)


def report_refund(transaction_id: int, amount: Decimal, *, refused: bool = False) -> None:
    """The gateway's later word on a refund, as its notification handler records it."""
    apply_gateway_result(
        transaction_id,
        TransactionSessionResult(
            result="REFUND_FAILURE" if refused else "REFUND_SUCCESS",
            amount=amount,
            psp_reference=f"slow-refund-{amount}",
        ),
        names_payment=False,
    )
