"""What a PaymentIntent means for a Haat transaction, whether it is ours, and the
Idempotency-Keys of the calls that change it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from payments.transactions.amounts import Amounts, apply_event
from payments.transactions.enums import TransactionEventType as E
from payments.transactions.models import TransactionEvent, TransactionItem
from plugins.framework.interface import TransactionSessionData, TransactionSessionResult

from .client import PaymentIntentInfo, RefundInfo, to_minor_units

# The PaymentIntent's metadata key that carries Haat's transaction token.
METADATA_KEY = "haat_transaction"
AUTHORIZATION = "AUTHORIZATION"
CHARGE = "CHARGE"
REQUEST_TYPES = {"CHARGE": E.CHARGE_REQUEST, "REFUND": E.REFUND_REQUEST, "CANCEL": E.CANCEL_REQUEST}


class Mismatch(Exception):
    """Stripe's record does not match the transaction (reference, amount or currency)."""


def capture_method(action: str) -> str:
    return "manual" if action == AUTHORIZATION else "automatic"


def flow_of(intent: PaymentIntentInfo) -> str:
    return AUTHORIZATION if intent.capture_method == "manual" else CHARGE


def check_intent(
    intent: PaymentIntentInfo,
    *,
    token: str,
    amount: Decimal,
    currency: str,
    psp_reference: str = "",
) -> None:
    """Raise Mismatch unless the PaymentIntent is this transaction's, to the paisa."""
    if intent.metadata.get(METADATA_KEY) != token:
        raise Mismatch(f"PaymentIntent {intent.id} does not carry this transaction's reference.")
    if psp_reference and intent.id != psp_reference:
        raise Mismatch(f"PaymentIntent {intent.id} is not {psp_reference}.")
    if intent.currency != currency.upper():
        raise Mismatch(f"PaymentIntent {intent.id} is in {intent.currency}, not {currency}.")
    if intent.amount != amount:
        raise Mismatch(f"PaymentIntent {intent.id} is for {intent.amount}, not {amount}.")


def session_result(
    intent: PaymentIntentInfo, *, data: dict[str, Any] | None = None
) -> TransactionSessionResult:
    """Stripe's status as Saleor's session result: paid, authorized, failed or still waiting."""
    flow = flow_of(intent)
    if intent.status == "succeeded":
        return TransactionSessionResult(
            result=E.CHARGE_SUCCESS,
            amount=intent.amount_received,
            psp_reference=intent.id,
            message="Paid by card.",
            data=data,
            available_actions=("REFUND",),
        )
    if intent.status == "requires_capture":
        return TransactionSessionResult(
            result=E.AUTHORIZATION_SUCCESS,
            amount=intent.amount_capturable,
            psp_reference=intent.id,
            message="Authorized by card; capture to charge it.",
            data=data,
            available_actions=("CHARGE", "CANCEL"),
        )
    if intent.status == "canceled" or (
        intent.status == "requires_payment_method" and intent.has_failed_attempt
    ):
        return TransactionSessionResult(
            result=f"{flow}_FAILURE",
            amount=intent.amount,
            psp_reference=intent.id,
            message=intent.failure_message or "The card payment was canceled.",
            data=data,
            available_actions=(),
        )
    return TransactionSessionResult(
        result=f"{flow}_ACTION_REQUIRED",
        amount=intent.amount,
        psp_reference=intent.id,
        data=data,
        available_actions=(),
    )


def refund_results(
    refunds: list[RefundInfo], *, token: str, currency: str
) -> list[TransactionSessionResult]:
    """Each refund Stripe settled (Haat's and the dashboard's), by its own id: succeeded ones,
    and Haat's own that failed (their amount goes back to charged)."""
    results = []
    for refund in refunds:
        if refund.currency != currency.upper():
            raise Mismatch(f"Refund {refund.id} is in {refund.currency}, not {currency}.")
        if refund.status == "succeeded":
            result_type = E.REFUND_SUCCESS
        elif refund.status in ("failed", "canceled") and refund.metadata.get(METADATA_KEY) == token:
            result_type = E.REFUND_FAILURE
        else:
            continue
        results.append(
            TransactionSessionResult(
                result=result_type, amount=refund.amount, psp_reference=refund.id
            )
        )
    return results


def is_settled(result: TransactionSessionResult) -> bool:
    return not result.result.endswith("_ACTION_REQUIRED")


def requested_amount(item: TransactionItem) -> Decimal | None:
    """What the transaction's session asked the customer to pay (the PaymentIntent's amount)."""
    request = (
        item.events.filter(type__in=[E.CHARGE_REQUEST, E.AUTHORIZATION_REQUEST])
        .order_by("pk")
        .first()
    )
    return request.amount_value if request is not None else None


def create_key(token: str) -> str:
    return f"haat-{token}-create"


def action_key(session: TransactionSessionData) -> str:
    """`haat-<token>-<action>-<request event id>`: one key per staff request, the same for any
    retry of it. The hook is not told which request it serves, so the request is found as the
    one whose recording left the amounts the session reports (`charged_amount` after a refund
    request, `authorized_amount` after a capture or cancel request): two requests of the same
    amount racing each other leave different amounts behind."""
    action = session.action
    snapshot = session.charged_amount if action == "REFUND" else session.authorized_amount
    request_id = _request_event_id(session, REQUEST_TYPES[action], snapshot)
    suffix = (
        str(request_id)
        if request_id is not None
        else f"{to_minor_units(session.amount)}-{to_minor_units(snapshot)}"
    )
    return f"haat-{session.transaction_id}-{action.lower()}-{suffix}"


def _request_event_id(
    session: TransactionSessionData, request_type: str, snapshot: Decimal
) -> int | None:
    field = "charged" if request_type == E.REFUND_REQUEST else "authorized"
    amounts, found = Amounts(), None
    events = TransactionEvent.objects.filter(
        transaction__token=session.transaction_id, include_in_calculations=True
    ).order_by("pk")
    try:
        for event in events:
            amounts = apply_event(amounts, event.type, event.amount_value)
            if (
                event.type == request_type
                and event.amount_value == session.amount
                and getattr(amounts, field) == snapshot
            ):
                found = event.pk
    except ValueError:
        return None
    return found
