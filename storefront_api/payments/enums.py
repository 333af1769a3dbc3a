"""Saleor's payment enums: the domain's values under Saleor's names, and each mutation's error
codes (their values are the domain's `TransactionErrorCode` values, lower case)."""

from __future__ import annotations

import graphene

from payments.transactions.enums import (
    TransactionAction,
    TransactionEventType,
    TransactionFlowStrategy,
)
from payments.transactions.models import GrantedRefundStatus


def _choices(name: str, choices, description: str) -> type[graphene.Enum]:
    return graphene.Enum(
        name, [(member.name, member.value) for member in choices], description=description
    )


TransactionEventTypeEnum = _choices(
    "TransactionEventTypeEnum", TransactionEventType, "What happened to a transaction."
)
TransactionActionEnum = _choices(
    "TransactionActionEnum", TransactionAction, "What may be asked of a transaction's gateway."
)
TransactionFlowStrategyEnum = _choices(
    "TransactionFlowStrategyEnum",
    TransactionFlowStrategy,
    "Whether a payment is charged at once or authorized first.",
)
OrderGrantedRefundStatusEnum = _choices(
    "OrderGrantedRefundStatusEnum",
    GrantedRefundStatus,
    "Where a granted refund is: not sent, requested from the gateway, refunded or refused.",
)


def _codes(name: str, names: str, description: str) -> type[graphene.Enum]:
    return graphene.Enum(
        name, [(code, code.lower()) for code in names.split()], description=description
    )


PaymentGatewayConfigErrorCode = _codes(
    "PaymentGatewayConfigErrorCode",
    "GRAPHQL_ERROR INVALID NOT_FOUND",
    "Why a payment gateway could not be initialized.",
)
PaymentGatewayInitializeErrorCode = _codes(
    "PaymentGatewayInitializeErrorCode",
    "GRAPHQL_ERROR INVALID NOT_FOUND",
    "Why paymentGatewayInitialize failed.",
)
TransactionInitializeErrorCode = _codes(
    "TransactionInitializeErrorCode",
    "GRAPHQL_ERROR INVALID NOT_FOUND UNIQUE CHECKOUT_COMPLETION_IN_PROGRESS",
    "Why transactionInitialize failed.",
)
TransactionProcessErrorCode = _codes(
    "TransactionProcessErrorCode",
    "GRAPHQL_ERROR INVALID NOT_FOUND TRANSACTION_ALREADY_PROCESSED "
    "MISSING_PAYMENT_APP_RELATION MISSING_PAYMENT_APP CHECKOUT_COMPLETION_IN_PROGRESS",
    "Why transactionProcess failed.",
)
TransactionRequestActionErrorCode = _codes(
    "TransactionRequestActionErrorCode",
    "INVALID GRAPHQL_ERROR NOT_FOUND MISSING_TRANSACTION_ACTION_REQUEST_WEBHOOK",
    "Why transactionRequestAction failed.",
)
TransactionRequestRefundForGrantedRefundErrorCode = _codes(
    "TransactionRequestRefundForGrantedRefundErrorCode",
    "INVALID GRAPHQL_ERROR NOT_FOUND AMOUNT_GREATER_THAN_AVAILABLE "
    "MISSING_TRANSACTION_ACTION_REQUEST_WEBHOOK REFUND_ALREADY_PROCESSED REFUND_IS_PENDING",
    "Why transactionRequestRefundForGrantedRefund failed.",
)
TransactionEventReportErrorCode = _codes(
    "TransactionEventReportErrorCode",
    "INVALID GRAPHQL_ERROR NOT_FOUND INCORRECT_DETAILS ALREADY_EXISTS REQUIRED",
    "Why transactionEventReport failed.",
)
TransactionCreateErrorCode = _codes(
    "TransactionCreateErrorCode",
    "INVALID GRAPHQL_ERROR NOT_FOUND INCORRECT_CURRENCY METADATA_KEY_REQUIRED UNIQUE",
    "Why transactionCreate failed.",
)
TransactionUpdateErrorCode = _codes(
    "TransactionUpdateErrorCode",
    "INVALID GRAPHQL_ERROR NOT_FOUND INCORRECT_CURRENCY METADATA_KEY_REQUIRED UNIQUE",
    "Why transactionUpdate failed.",
)
OrderGrantRefundCreateErrorCode = _codes(
    "OrderGrantRefundCreateErrorCode",
    "GRAPHQL_ERROR NOT_FOUND SHIPPING_COSTS_ALREADY_GRANTED AMOUNT_GREATER_THAN_AVAILABLE "
    "REQUIRED INVALID",
    "Why orderGrantRefundCreate failed.",
)
OrderGrantRefundCreateLineErrorCode = _codes(
    "OrderGrantRefundCreateLineErrorCode",
    "GRAPHQL_ERROR NOT_FOUND QUANTITY_GREATER_THAN_AVAILABLE",
    "Why a line of a granted refund was refused.",
)
