"""`transactionRequestAction`: staff ask a gateway to charge (capture), refund or cancel.

The request is recorded first, under the locks, and it moves the amounts at once (a refund
request takes its amount out of `charged` into `refund pending`): two refunds racing each other
are checked one after the other against what is left, so together they never exceed what was
charged. The gateway is then asked outside the transaction; its answer settles the request, and
a gateway that cannot be reached leaves it pending for a status query.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.db import transaction as db_transaction

from backend.core.errors import field_error
from plugins.framework.interface import PaymentGatewayError, TransactionSessionResult
from plugins.framework.manager import PluginsManager

from .enums import TransactionAction
from .enums import TransactionEventType as E
from .error_codes import TransactionErrorCode
from .events import RecordedEvent, record_event
from .models import TransactionItem
from .owners import lock_transaction_with_owner
from .sessions import apply_gateway_result, gateway_plugin, session_data

logger = logging.getLogger(__name__)

ZERO = Decimal(0)

HOOKS = {
    TransactionAction.CHARGE: "transaction_charge_requested",
    TransactionAction.REFUND: "transaction_refund_requested",
    TransactionAction.CANCEL: "transaction_cancelation_requested",
}
REQUESTS = {
    TransactionAction.CHARGE: E.CHARGE_REQUEST,
    TransactionAction.REFUND: E.REFUND_REQUEST,
    TransactionAction.CANCEL: E.CANCEL_REQUEST,
}
RESULTS = {
    TransactionAction.CHARGE: {E.CHARGE_SUCCESS, E.CHARGE_FAILURE, E.CHARGE_REQUEST},
    TransactionAction.REFUND: {E.REFUND_SUCCESS, E.REFUND_FAILURE, E.REFUND_REQUEST},
    TransactionAction.CANCEL: {E.CANCEL_SUCCESS, E.CANCEL_FAILURE, E.CANCEL_REQUEST},
}


@dataclass(frozen=True)
class ActionOutcome:
    transaction: TransactionItem
    request: RecordedEvent
    result: RecordedEvent | None
    gateway_error: str | None = None


def _available(item: TransactionItem, action: str) -> Decimal:
    if action == TransactionAction.REFUND:
        return item.charged_value
    return item.authorized_value  # a charge captures it, a cancel releases it


def request_action(
    *,
    transaction_id: int,
    source_of: Any,
    action: str,
    amount: Decimal | None,
    requestor: Any,
    manager: PluginsManager,
    channel_slug: str,
    granted_refund_id: int | None = None,
) -> ActionOutcome:
    """Ask the transaction's gateway to charge, refund or cancel `amount` (default: all that is
    available). `source_of(item)` gives the item's PaymentSource for the gateway's session;
    `granted_refund_id` names the granted refund a refund is made for."""
    item = TransactionItem.objects.get(pk=transaction_id)
    hook = HOOKS[TransactionAction(action)]
    if gateway_plugin(manager, item.app_identifier, channel_slug, hook) is None:
        raise field_error(
            "action_type",
            f"The transaction's gateway cannot {action.lower()} it.",
            TransactionErrorCode.MISSING_TRANSACTION_ACTION_REQUEST_WEBHOOK,
        )
    with db_transaction.atomic():
        item, owner = lock_transaction_with_owner(transaction_id)
        available = _available(item, action)
        wanted = available if amount is None else Decimal(amount)
        if wanted <= 0:
            raise field_error(
                "amount",
                f"There is nothing to {action.lower()} on this transaction.",
                TransactionErrorCode.INVALID,
            )
        if wanted > available:
            raise field_error(
                "amount",
                f"Cannot {action.lower()} {wanted} {item.currency}: only {available} is available.",
                TransactionErrorCode.INVALID,
            )
        request = record_event(
            item,
            owner,
            event_type=REQUESTS[TransactionAction(action)],
            amount=wanted,
            requestor=requestor,
            manager=manager,
            granted_refund_id=granted_refund_id,
        )
    source = source_of(item)
    session = session_data(
        item, source, action=action, amount=wanted, data=None, request_id=request.event.pk
    )
    call = getattr(manager, hook)
    try:
        result = call(session, gateway_id=item.app_identifier)
    except PaymentGatewayError as error:
        logger.warning("Gateway %s did not answer a %s: %s", item.app_identifier, action, error)
        return ActionOutcome(item, request, None, gateway_error=str(error))
    if result is None or result.result not in RESULTS[TransactionAction(action)]:
        logger.error("Gateway %s answered a %s with %r", item.app_identifier, action, result)
        return ActionOutcome(
            item, request, None, gateway_error="The gateway's answer was not understood."
        )
    if result.result in REQUESTS.values():
        # The gateway accepted and will report the outcome: the request stays pending.
        return ActionOutcome(item, request, None)
    settled = apply_gateway_result(
        item.pk,
        _with_reference(result, request),
        requestor=requestor,
        manager=manager,
        names_payment=False,
        granted_refund_id=granted_refund_id,
        answers_request=True,
    )
    return ActionOutcome(settled.event.transaction, request, settled)


def _with_reference(
    result: TransactionSessionResult, request: RecordedEvent
) -> TransactionSessionResult:
    """A result settles its request once: without a gateway reference it takes the request's
    own id, so the same answer recorded twice is still one event."""
    if result.psp_reference:
        return result
    return replace(result, psp_reference=f"haat-request-{request.event.pk}")
