"""Stripe's refusals that localstripe does not make, as Stripe words them (amounts in paisa):
refunds beyond what is left or of an uncaptured payment, captures beyond what is capturable,
captures and cancels of a PaymentIntent in the wrong state."""

from __future__ import annotations

from typing import Any

from plugins.framework.simulation import SimResponse

CANCELABLE = frozenset({"requires_payment_method", "requires_capture", "requires_confirmation"})


def stripe_error(
    status: int, message: str, *, kind: str = "invalid_request_error", **extra: Any
) -> SimResponse:
    """Stripe's error envelope: `{"error": {"type", "message", "code"?, "param"?}}`."""
    return SimResponse.json({"error": {"type": kind, "message": message, **extra}}, status)


def refund_refusal(
    intent: dict[str, Any], refunded: int, form: dict[str, str]
) -> SimResponse | None:
    if intent["status"] != "succeeded":
        return stripe_error(
            400,
            f"This PaymentIntent ({intent['id']}) has no captured charge to refund.",
            code="charge_not_captured",
        )
    left = intent["amount_received"] - refunded
    wanted = int(form.get("amount") or left)
    if wanted > left:
        return stripe_error(
            400,
            f"Refund amount ({wanted}) is greater than unrefunded amount on charge ({left}).",
            code="amount_too_large",
            param="amount",
        )
    return None


def intent_action_refusal(
    intent: dict[str, Any], action: str, form: dict[str, str]
) -> SimResponse | None:
    if action not in ("capture", "cancel"):
        return None
    allowed = {"requires_capture"} if action == "capture" else CANCELABLE
    if intent["status"] not in allowed:
        return stripe_error(
            400,
            f"You cannot {action} this PaymentIntent because it has a status of "
            f"{intent['status']}.",
            code="payment_intent_unexpected_state",
        )
    wanted = int(form.get("amount_to_capture") or intent["amount_capturable"])
    if action == "capture" and wanted > intent["amount_capturable"]:
        return stripe_error(
            400,
            "The amount to capture is greater than the amount capturable.",
            code="amount_too_large",
            param="amount_to_capture",
        )
    return None
