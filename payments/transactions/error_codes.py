"""The payment domain's error codes: the values of Saleor's per-mutation enums
(TransactionInitializeErrorCode, TransactionProcessErrorCode, ...), which the API maps to the
enum of the mutation at hand."""

from __future__ import annotations

from enum import StrEnum


class TransactionErrorCode(StrEnum):
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    REQUIRED = "required"
    UNIQUE = "unique"
    INCORRECT_CURRENCY = "incorrect_currency"
    INCORRECT_DETAILS = "incorrect_details"
    ALREADY_EXISTS = "already_exists"
    TRANSACTION_ALREADY_PROCESSED = "transaction_already_processed"
    MISSING_PAYMENT_APP = "missing_payment_app"
    MISSING_PAYMENT_APP_RELATION = "missing_payment_app_relation"
    MISSING_TRANSACTION_ACTION_REQUEST_WEBHOOK = "missing_transaction_action_request_webhook"
    CHECKOUT_COMPLETION_IN_PROGRESS = "checkout_completion_in_progress"
    METADATA_KEY_REQUIRED = "metadata_key_required"
    # granted refunds (OrderGrantRefundCreateErrorCode, TransactionRequestRefundForGranted...)
    AMOUNT_GREATER_THAN_AVAILABLE = "amount_greater_than_available"
    SHIPPING_COSTS_ALREADY_GRANTED = "shipping_costs_already_granted"
    QUANTITY_GREATER_THAN_AVAILABLE = "quantity_greater_than_available"
    REFUND_ALREADY_PROCESSED = "refund_already_processed"
    REFUND_IS_PENDING = "refund_is_pending"
