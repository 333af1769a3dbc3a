"""Cash at the centre or on delivery: most rural customers pay this way.

Choosing cash starts a transaction that moves no money (CHARGE_ACTION_REQUIRED): the storefront
learns where the cash is paid (the centre, or the postman) and the checkout is completed unpaid,
which only a channel taking unpaid orders allows. The cash itself is recorded when it is
received, by `orderMarkAsPaid` (`payments.transactions.manual.mark_order_as_paid`, a cash
transaction of this gateway's id). A refund is cash handed back at the counter: it succeeds at
once, with a reference of its own.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any, ClassVar

from graphql_relay import from_global_id

from backend.channels.models import Channel
from backend.checkout.models import Checkout
from backend.core.money import Money, format_money
from backend.orders.models import Order
from payments.transactions.manual import CASH_GATEWAY
from plugins.framework.base import BasePlugin, ConfigField, ConfigItem
from plugins.framework.interface import (
    PaymentGatewayData,
    TransactionSessionData,
    TransactionSessionResult,
)

CURRENCY = "BDT"
PAY_AT_CENTRE = "centre"
PAY_ON_DELIVERY = "delivery"


def _messages(pay_at: str, amount: Decimal) -> dict[str, str]:
    """What the customer is told, in English and Bangla."""
    money = Money(amount, CURRENCY)
    en, bn = format_money(money, "en"), format_money(money, "bn")
    if pay_at == PAY_ON_DELIVERY:
        return {
            "en": f"Pay {en} in cash to the postman when your parcel is delivered.",
            "bn": f"পার্সেল বুঝে নেওয়ার সময় পোস্টম্যানকে নগদ {bn} পরিশোধ করুন।",
        }
    return {
        "en": f"Pay {en} in cash at the centre; the entrepreneur gives you a receipt.",
        "bn": f"সেন্টারে নগদ {bn} পরিশোধ করুন; উদ্যোক্তা আপনাকে রসিদ দেবেন।",
    }


def _source_row(session: TransactionSessionData) -> Checkout | Order | None:
    """The checkout or order being paid, from the session's global id."""
    type_name, pk = from_global_id(session.source_object_id or "")
    try:
        key = uuid.UUID(pk)
    except ValueError:
        return None
    if type_name == "Checkout":
        return Checkout.objects.select_related("channel").filter(pk=key).first()
    if type_name == "Order":
        return Order.objects.select_related("channel").filter(pk=key).first()
    return None


def _pay_at(source: Checkout | Order | None) -> str:
    """Cash goes to the postman for a parcel sent by post; anything else is paid at the centre
    (a collection point, an assisted service)."""
    if source is not None and source.collection_point_id is None and source.shipping_method_id:
        return PAY_ON_DELIVERY
    return PAY_AT_CENTRE


class CashPlugin(BasePlugin):
    # The id `mark_order_as_paid` gives the cash it records: the two must stay the same.
    PLUGIN_ID = CASH_GATEWAY
    PLUGIN_NAME = "Cash (at the centre or on delivery)"
    PLUGIN_DESCRIPTION = (
        "The customer pays cash at the centre or to the postman; the order is placed unpaid and "
        "marked as paid when the cash is received."
    )
    # Cash is how most rural customers pay: on in every channel unless turned off there.
    DEFAULT_ACTIVE = True
    CONFIGURATION_PER_CHANNEL = True
    DEFAULT_CONFIGURATION: ClassVar[list[ConfigItem]] = []
    CONFIG_STRUCTURE: ClassVar[dict[str, ConfigField]] = {}

    @classmethod
    def demo_configuration(cls, simulator_base_url: str | None = None) -> dict[str, str]:
        """Nothing to configure: cash has no gateway to point at."""
        return {}

    def _takes_unpaid_orders(self) -> bool:
        return Channel.objects.filter(slug=self.channel_slug, allow_unpaid_orders=True).exists()

    def list_payment_gateways(self, currency, source_object, previous_value):
        if currency != CURRENCY:
            return previous_value
        # A checkout paid in cash is completed unpaid: offered only where the channel allows it
        # (an order already placed can always be paid in cash).
        if not isinstance(source_object, Order) and not self._takes_unpaid_orders():
            return previous_value
        return [*previous_value, PaymentGatewayData(id=self.PLUGIN_ID, name=self.PLUGIN_NAME)]

    def payment_gateway_initialize_session(self, amount, source_object, data, previous_value):
        return PaymentGatewayData(
            id=self.PLUGIN_ID,
            name=self.PLUGIN_NAME,
            data={"paymentMethod": "cash", "payAt": [PAY_AT_CENTRE, PAY_ON_DELIVERY]},
        )

    def _cash_due(self, session: TransactionSessionData) -> TransactionSessionResult:
        source = _source_row(session)
        if session.currency != CURRENCY:
            return TransactionSessionResult(
                result="CHARGE_FAILURE",
                amount=session.amount,
                message=f"Cash is taken in {CURRENCY} only.",
            )
        if isinstance(source, Checkout) and not source.channel.allow_unpaid_orders:
            return TransactionSessionResult(
                result="CHARGE_FAILURE",
                amount=session.amount,
                message="This channel takes only paid orders: choose a way to pay now.",
            )
        pay_at = _pay_at(source)
        return TransactionSessionResult(
            # Nothing is paid yet: the event moves no amount, and the checkout is completed
            # unpaid; `orderMarkAsPaid` records the cash when it is received.
            result="CHARGE_ACTION_REQUIRED",
            amount=session.amount,
            message="To be paid in cash",
            data={
                "paymentMethod": "cash",
                "payAt": pay_at,
                "amount": str(session.amount),
                "currency": CURRENCY,
                "instructions": _messages(pay_at, session.amount),
            },
            available_actions=(),
        )

    def transaction_initialize_session(self, transaction_session, previous_value):
        return self._cash_due(transaction_session)

    def transaction_process_session(self, transaction_session, previous_value):
        """There is no one to ask: until the cash is marked as received, it is still due."""
        return self._cash_due(transaction_session)

    def transaction_refund_requested(self, transaction_session, previous_value):
        """Cash handed back at the counter: done as it is recorded."""
        left = transaction_session.charged_amount
        return TransactionSessionResult(
            result="REFUND_SUCCESS",
            amount=transaction_session.amount,
            psp_reference=f"cash-refund-{uuid.uuid4()}",
            message="Cash handed back",
            available_actions=("REFUND",) if left > 0 else (),
        )

    @classmethod
    def validate_plugin_configuration(cls, configuration: dict[str, Any], *, active: bool) -> None:
        """No fields: cash needs no credentials."""
