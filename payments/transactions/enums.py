"""Saleor 3.21's payment enums, with the groupings the amount rules need."""

from __future__ import annotations

from django.db import models


class TransactionEventType(models.TextChoices):
    """Saleor's TransactionEventTypeEnum."""

    AUTHORIZATION_SUCCESS = "AUTHORIZATION_SUCCESS"
    AUTHORIZATION_FAILURE = "AUTHORIZATION_FAILURE"
    AUTHORIZATION_ADJUSTMENT = "AUTHORIZATION_ADJUSTMENT"
    AUTHORIZATION_REQUEST = "AUTHORIZATION_REQUEST"
    AUTHORIZATION_ACTION_REQUIRED = "AUTHORIZATION_ACTION_REQUIRED"
    CHARGE_ACTION_REQUIRED = "CHARGE_ACTION_REQUIRED"
    CHARGE_SUCCESS = "CHARGE_SUCCESS"
    CHARGE_FAILURE = "CHARGE_FAILURE"
    CHARGE_BACK = "CHARGE_BACK"
    CHARGE_REQUEST = "CHARGE_REQUEST"
    REFUND_SUCCESS = "REFUND_SUCCESS"
    REFUND_FAILURE = "REFUND_FAILURE"
    REFUND_REVERSE = "REFUND_REVERSE"
    REFUND_REQUEST = "REFUND_REQUEST"
    CANCEL_SUCCESS = "CANCEL_SUCCESS"
    CANCEL_FAILURE = "CANCEL_FAILURE"
    CANCEL_REQUEST = "CANCEL_REQUEST"
    INFO = "INFO"


E = TransactionEventType

# A gateway's outcome for one of its own references happens once: a second report of the same
# type and reference is the same fact (a duplicate callback), never a second payment.
SETTLING_TYPES = frozenset(
    {
        E.AUTHORIZATION_SUCCESS,
        E.AUTHORIZATION_FAILURE,
        E.CHARGE_SUCCESS,
        E.CHARGE_FAILURE,
        E.CHARGE_BACK,
        E.REFUND_SUCCESS,
        E.REFUND_FAILURE,
        E.REFUND_REVERSE,
        E.CANCEL_SUCCESS,
        E.CANCEL_FAILURE,
    }
)
REQUEST_TYPES = frozenset(
    {E.AUTHORIZATION_REQUEST, E.CHARGE_REQUEST, E.REFUND_REQUEST, E.CANCEL_REQUEST}
)
# Recorded once per transaction, type and gateway reference: a gateway's outcome, and a pending
# request the gateway reported under its reference (a repeated "still processing" moves
# nothing twice). Haat's own requests carry no reference and are each their own fact.
ONCE_PER_REFERENCE = SETTLING_TYPES | REQUEST_TYPES
ACTION_REQUIRED_TYPES = frozenset({E.AUTHORIZATION_ACTION_REQUIRED, E.CHARGE_ACTION_REQUIRED})
# What a gateway may answer to a session (initialize or process).
SESSION_RESULT_TYPES = frozenset(
    {
        E.AUTHORIZATION_SUCCESS,
        E.AUTHORIZATION_FAILURE,
        E.AUTHORIZATION_REQUEST,
        E.AUTHORIZATION_ACTION_REQUIRED,
        E.CHARGE_SUCCESS,
        E.CHARGE_FAILURE,
        E.CHARGE_REQUEST,
        E.CHARGE_ACTION_REQUIRED,
    }
)


class TransactionAction(models.TextChoices):
    """Saleor's TransactionActionEnum: what staff may ask of a transaction."""

    CHARGE = "CHARGE"
    REFUND = "REFUND"
    CANCEL = "CANCEL"


class TransactionFlowStrategy(models.TextChoices):
    """Saleor's TransactionFlowStrategyEnum: charge at once or authorize first."""

    AUTHORIZATION = "AUTHORIZATION"
    CHARGE = "CHARGE"
