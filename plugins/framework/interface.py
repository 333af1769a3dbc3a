"""The small typed values hooks take and return (STYLE.md 7).

Payments and logistics are later issues; these carriers are their contract with plugins, kept
here so that the framework depends on nothing above `backend.core`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class ParcelData:
    """One vendor's share of a checkout, shipped as one parcel from the vendor's district."""

    vendor_id: int
    origin_district_id: int | None
    weight: Decimal  # kg, the whole parcel
    subtotal: Decimal  # the parcel's lines, in the request's currency


@dataclass(frozen=True)
class DeliveryRequest:
    """What a checkout asks of delivery: where to, in which channel, and its parcels."""

    channel_slug: str
    currency: str
    destination_district_id: int | None
    parcels: tuple[ParcelData, ...]

    @property
    def subtotal(self) -> Decimal:
        """The goods of every parcel: what a method's minimum and maximum order price bound."""
        return sum((parcel.subtotal for parcel in self.parcels), Decimal(0))


@dataclass(frozen=True)
class ShippingMethodData:
    """A way to ship a checkout (built in or offered by a carrier plugin), priced for it.

    `price` is the whole checkout's; `parcel_prices` says what each vendor's parcel costs
    (vendor id, price), and a plugin that reprices a method keeps the two consistent.
    """

    id: str
    name: str
    price: Decimal
    currency: str = "BDT"
    description: dict[str, Any] | None = None  # rich text (Saleor's JSONString)
    type: str | None = None  # Saleor's ShippingMethodTypeEnum value: "price" or "weight"
    minimum_delivery_days: int | None = None
    maximum_delivery_days: int | None = None
    minimum_order_price: Decimal | None = None
    maximum_order_price: Decimal | None = None
    active: bool = True
    message: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    private_metadata: dict[str, str] = field(default_factory=dict)
    parcel_prices: tuple[tuple[int, Decimal], ...] = ()


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
    """A request to a gateway: start, process, charge, refund or cancel a transaction.

    `transaction_id` is the transaction's token: Haat's reference the gateway carries back
    (bKash `merchantInvoiceNumber`, SSLCommerz `tran_id`, ...). `amount` is what this request is
    for: the session's amount, or the refund's, the charge's or the cancel's. `psp_reference` is
    the gateway's own id of the payment, once it has given one.
    """

    transaction_id: str
    action: str  # "CHARGE", "AUTHORIZATION", "REFUND", "CANCEL" or "STATUS" (a status query)
    amount: Decimal
    currency: str = "BDT"
    channel_slug: str | None = None
    source_object_id: str | None = None  # the checkout's or order's global id
    source_object_type: str = "Checkout"  # or "Order"
    customer_phone: str | None = None
    customer_email: str | None = None
    customer_name: str = ""
    customer_ip_address: str | None = None
    idempotency_key: str | None = None
    psp_reference: str = ""
    data: dict[str, Any] | None = None  # what the storefront sent (`data` of the mutation)
    # What the transaction has already settled (for refunds and status queries).
    charged_amount: Decimal = Decimal(0)
    authorized_amount: Decimal = Decimal(0)
    # A staff action's own request (its event id): a gateway's idempotency key for it.
    request_id: int | None = None


@dataclass(frozen=True)
class TransactionSessionResult:
    """A gateway's answer: Saleor's TransactionEventTypeEnum names the result.

    `amount` is what the gateway itself confirmed (never the storefront's word); `data` goes
    back to the storefront (`data.redirectUrl` for a payment page); `available_actions` are
    Saleor's TransactionActionEnum values staff may then ask for.
    """

    result: str  # e.g. "CHARGE_SUCCESS", "CHARGE_ACTION_REQUIRED", "REFUND_FAILURE"
    amount: Decimal
    psp_reference: str | None = None
    message: str = ""
    external_url: str | None = None
    data: dict[str, Any] | None = None
    available_actions: tuple[str, ...] | None = None


class PaymentGatewayError(Exception):
    """A gateway could not be reached or answered nonsense: the outcome is unknown.

    The domain records no result for it; a pending request stays pending until a status query
    or a notification settles it (never a second payment)."""
