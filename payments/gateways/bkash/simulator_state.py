"""What the bKash simulator knows (payments and their refunds), shared by its parts: the API
(`simulator`), the refund desk and the SNS outbox."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any, Protocol

from plugins.framework.simulation import SimResponse

DHAKA = timedelta(hours=6)


def bkash_time() -> str:
    """bKash's `2025-12-09T16:12:43:828 GMT+0600` (Dhaka time, a colon before milliseconds)."""
    now = datetime.now(UTC) + DHAKA
    return now.strftime("%Y-%m-%dT%H:%M:%S:") + f"{now.microsecond // 1000:03d} GMT+0600"


def status(code: str, message: str, http_status: int = 200) -> SimResponse:
    return SimResponse.json({"statusCode": code, "statusMessage": message}, status=http_status)


@dataclass
class SimPayment:
    payment_id: str
    amount: Decimal
    currency: str
    intent: str
    invoice: str
    callback_url: str
    payer_reference: str
    status: str = "Initiated"
    approved: bool = False  # the customer pressed Pay
    trx_id: str = ""
    executed_at: str = ""
    reported_amount: Decimal | None = None  # a test's "confirm another amount"
    reported_currency: str | None = None
    refunds: list[dict[str, Any]] = field(default_factory=list)

    def record(self) -> dict[str, Any]:
        return {
            "paymentID": self.payment_id,
            "trxID": self.trx_id,
            "transactionStatus": self.status,
            "amount": str(
                self.reported_amount if self.reported_amount is not None else self.amount
            ),
            "currency": self.reported_currency or self.currency,
            "intent": self.intent,
            "paymentExecuteTime": self.executed_at,
            "payerReference": self.payer_reference,
            "customerMsisdn": "01770618575",
            "statusCode": "0000",
            "statusMessage": "Successful",
        }


class SimulatorState(Protocol):
    """The part of the simulator its helpers use."""

    lock: threading.RLock
    payments: dict[str, SimPayment]
    ipn_url: str | None

    @property
    def base_url(self) -> str: ...
