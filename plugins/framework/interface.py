"""The small typed values hooks take and return (STYLE.md 7).

Payments and logistics are later issues; these carriers are their contract with plugins, kept
here so that the framework depends on nothing above `backend.core`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class ShippingMethodData:
    """A way to ship a checkout, offered by a carrier plugin."""

    id: str
    name: str
    price: Decimal
    currency: str = "BDT"
    minimum_delivery_days: int | None = None
    maximum_delivery_days: int | None = None
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class PaymentGatewayData:
    """What `paymentGatewayInitialize` returns for one gateway."""

    id: str
    name: str
    currencies: tuple[str, ...] = ("BDT",)
    data: dict[str, Any] | None = None
    error: str | None = None


@dataclass(frozen=True)
class TransactionSessionData:
    """A request to a gateway: start, process, refund or cancel a transaction."""

    transaction_id: str
    action: str  # "CHARGE", "AUTHORIZATION", "REFUND" or "CANCEL"
    amount: Decimal
    currency: str = "BDT"
    channel_slug: str | None = None
    source_object_id: str | None = None  # the checkout's or order's global id
    customer_phone: str | None = None
    idempotency_key: str | None = None
    data: dict[str, Any] | None = None


@dataclass(frozen=True)
class TransactionSessionResult:
    """A gateway's answer: Saleor's TransactionEventTypeEnum names the result."""

    result: str  # e.g. "CHARGE_SUCCESS", "CHARGE_ACTION_REQUIRED", "REFUND_FAILURE"
    amount: Decimal
    psp_reference: str | None = None
    message: str = ""
    external_url: str | None = None
    data: dict[str, Any] | None = None
