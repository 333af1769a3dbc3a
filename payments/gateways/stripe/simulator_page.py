"""The simulator's payment page for one PaymentIntent: what Stripe.js with a card form does on
a real storefront, as plain HTML. `GET /pay/<id>?client_secret=..&return_url=..` shows it; its
forms POST back: Pay (test card `pm_card_visa`), Pay with a declined card
(`pm_card_chargeCustomerFail`) or Cancel. The browser is then sent to `return_url` with
Stripe's redirect parameters `payment_intent`, `payment_intent_client_secret` and
`redirect_status`."""

from __future__ import annotations

import hmac
from decimal import Decimal
from html import escape
from typing import Any, Protocol
from urllib.parse import urlsplit

from plugins.framework.simulation import SimRequest, SimResponse

from .links import with_query


class StripeSimulator(Protocol):
    """What the page needs of the simulator (no import of it: no cycle)."""

    def payment_intent(self, payment_intent_id: str) -> dict[str, Any] | None: ...

    def confirm(self, payment_intent_id: str, card: str = ...) -> tuple[int, Any]: ...

    def cancel(self, payment_intent_id: str) -> tuple[int, Any]: ...


CARDS = {"pay": "pm_card_visa", "decline": "pm_card_chargeCustomerFail"}
OPEN_STATUSES = frozenset({"requires_payment_method", "requires_confirmation"})


def _page(title: str, body: str, status: int = 200) -> SimResponse:
    return SimResponse.html(
        f"<!doctype html><html><head><meta charset='utf-8'><title>{escape(title)}</title></head>"
        f"<body><h1>{escape(title)}</h1>{body}</body></html>",
        status,
    )


def serve(simulator: StripeSimulator, request: SimRequest, payment_intent_id: str) -> SimResponse:
    fields = request.form() if request.method == "POST" else request.query
    intent = simulator.payment_intent(payment_intent_id)
    if intent is None:
        return _page("No such payment", "<p>This payment does not exist.</p>", 404)
    client_secret = fields.get("client_secret", "")
    if not hmac.compare_digest(client_secret.encode(), str(intent["client_secret"]).encode()):
        return _page("Not allowed", "<p>This link is not valid for this payment.</p>", 403)
    return_url = fields.get("return_url", "")
    if urlsplit(return_url).scheme not in ("http", "https"):
        return _page("No way back", "<p>The shop gave no address to return to.</p>", 400)
    if request.method == "POST":
        return _act(simulator, intent, fields.get("action", ""), return_url)
    return _show(intent, client_secret, return_url)


def _show(intent: dict, client_secret: str, return_url: str) -> SimResponse:
    amount = Decimal(intent["amount"]) / 100
    summary = (
        f"<p>Amount: <strong>{amount:.2f} {escape(intent['currency'].upper())}</strong></p>"
        f"<p>Payment {escape(intent['id'])}: {escape(intent['status'])}</p>"
    )
    if intent["status"] not in OPEN_STATUSES or intent.get("last_payment_error"):
        back = with_query(
            return_url,
            payment_intent=intent["id"],
            payment_intent_client_secret=client_secret,
            redirect_status=_redirect_status(intent["status"]),
        )
        return _page(
            "Payment already handled", summary + f"<p><a href='{escape(back)}'>Back to the shop</a>"
        )
    hidden = (
        f"<input type='hidden' name='client_secret' value='{escape(client_secret)}'>"
        f"<input type='hidden' name='return_url' value='{escape(return_url)}'>"
    )
    forms = "".join(
        f"<form method='post' action='/pay/{escape(intent['id'])}'>{hidden}"
        f"<button type='submit' name='action' value='{action}'>{label}</button></form>"
        for action, label in (
            ("pay", "Pay"),
            ("decline", "Pay with a declined card"),
            ("cancel", "Cancel"),
        )
    )
    return _page("Pay by card (Stripe simulator)", summary + forms)


def _redirect_status(status: str) -> str:
    if status in ("succeeded", "requires_capture"):
        return "succeeded"
    if status == "processing":
        return "processing"
    return "failed"


def _act(simulator: StripeSimulator, intent: dict, action: str, return_url: str) -> SimResponse:
    if intent["status"] not in OPEN_STATUSES or intent.get("last_payment_error"):
        return _page("Payment already handled", "<p>Nothing was done.</p>", 409)
    if action == "cancel":
        simulator.cancel(intent["id"])
        redirect_status = "failed"
    elif action in CARDS:
        status, body = simulator.confirm(intent["id"], CARDS[action])
        redirect_status = _redirect_status(body.get("status", "")) if status == 200 else "failed"
    else:
        return _page("Unknown action", "<p>Choose Pay or Cancel.</p>", 400)
    return SimResponse.redirect(
        with_query(
            return_url,
            payment_intent=intent["id"],
            payment_intent_client_secret=intent["client_secret"],
            redirect_status=redirect_status,
        )
    )
