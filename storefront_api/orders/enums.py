"""Saleor's order enums, with the values Haat stores (its model choices)."""

from __future__ import annotations

import graphene

from backend.orders import models
from backend.orders.error_codes import OrderErrorCode as OrderErrorCodeValues
from backend.orders.error_codes import OrderNoteAddErrorCode as OrderNoteAddErrorCodeValues


def _enum(name: str, choices, description: str) -> type[graphene.Enum]:
    return graphene.Enum(
        name,
        [(str(value).upper().replace(" ", "_"), str(value)) for value in choices],
        description=description,
    )


OrderStatusEnum = _enum("OrderStatus", models.OrderStatus.values, "Where an order is in its life.")
OrderOriginEnum = _enum("OrderOriginEnum", models.OrderOrigin.values, "How the order was made.")
OrderChargeStatusEnum = _enum(
    "OrderChargeStatusEnum", models.ChargeStatus.values, "How much of the order is charged."
)
OrderAuthorizeStatusEnum = _enum(
    "OrderAuthorizeStatusEnum",
    models.AuthorizeStatus.values,
    "How much of the order is authorized (charged counts).",
)
OrderEventsEnum = _enum("OrderEventsEnum", models.OrderEvents.values, "What happened to an order.")
FulfillmentStatusEnum = _enum(
    "FulfillmentStatus", models.FulfillmentStatus.values, "Where a fulfilment is."
)
OrderErrorCode = graphene.Enum(
    "OrderErrorCode",
    [(code.name, code.value) for code in OrderErrorCodeValues],
    description="Why an order mutation failed.",
)
OrderNoteAddErrorCode = graphene.Enum(
    "OrderNoteAddErrorCode",
    [(code.name, code.value) for code in OrderNoteAddErrorCodeValues],
    description="Why a note could not be added.",
)


class OrderEventsEmailsEnum(graphene.Enum):
    PAYMENT_CONFIRMATION = "payment_confirmation"
    CONFIRMED = "confirmed"
    SHIPPING_CONFIRMATION = "shipping_confirmation"
    TRACKING_UPDATED = "tracking_updated"
    ORDER_CONFIRMATION = "order_confirmation"
    ORDER_CANCEL = "order_cancel"
    ORDER_REFUND = "order_refund"
    FULFILLMENT_CONFIRMATION = "fulfillment_confirmation"
    DIGITAL_LINKS = "digital_links"

    class Meta:
        description = "Which message an EMAIL_SENT event records (by e-mail or SMS)."


class PaymentChargeStatusEnum(graphene.Enum):
    NOT_CHARGED = "not-charged"
    PENDING = "pending"
    PARTIALLY_CHARGED = "partially-charged"
    FULLY_CHARGED = "fully-charged"
    PARTIALLY_REFUNDED = "partially-refunded"
    FULLY_REFUNDED = "fully-refunded"
    REFUSED = "refused"
    CANCELLED = "cancelled"

    class Meta:
        description = "Saleor's legacy payment status, derived from the charge status."


class OrderStatusFilter(graphene.Enum):
    READY_TO_FULFILL = "ready_to_fulfill"
    READY_TO_CAPTURE = "ready_to_capture"
    UNFULFILLED = "unfulfilled"
    UNCONFIRMED = "unconfirmed"
    PARTIALLY_FULFILLED = "partially_fulfilled"
    FULFILLED = "fulfilled"
    CANCELED = "canceled"

    class Meta:
        description = "Order statuses to filter by."


class OrderSortField(graphene.Enum):
    NUMBER = "number"
    RANK = "rank"
    CREATION_DATE = "creation_date"
    CREATED_AT = "created_at"
    LAST_MODIFIED_AT = "last_modified_at"
    CUSTOMER = "customer"
    PAYMENT = "payment"
    FULFILLMENT_STATUS = "fulfillment_status"

    class Meta:
        description = (
            "What orders can be sorted by (Haat sorts by NUMBER, CREATION_DATE/CREATED_AT and "
            "LAST_MODIFIED_AT; the others sort by number)."
        )


class OrderAction(graphene.Enum):
    CAPTURE = "capture"
    MARK_AS_PAID = "mark_as_paid"
    REFUND = "refund"
    VOID = "void"

    class Meta:
        description = (
            "What staff may do to an order's payment. Haat's orders are paid through "
            "transactions (their own actions are `TransactionItem.actions`): an order offers "
            "MARK_AS_PAID while it can still be paid in cash."
        )
