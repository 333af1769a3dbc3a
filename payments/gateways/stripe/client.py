"""Stripe's PaymentIntents and Refunds APIs through the official `stripe` package.

`stripe.StripeClient` speaks the protocol (form encoding, error envelopes, API versions); this
module gives it a plain httpx transport with our timeouts and no retries of its own, passes an
Idempotency-Key derived from the transaction and the action on every POST (stripe-python would
otherwise add a random one, and a retry after a timeout would be a second payment), and reads
the answers into small dataclasses with amounts in taka.

Errors: a timeout, a dropped connection, a 5xx, an answer that is not Stripe's JSON or an
in-flight conflict (409) raise `PaymentGatewayError` (the outcome is unknown); any other 4xx is a
definite refusal, `StripeRefusal`, with Stripe's code and message.
"""

from __future__ import annotations

import functools
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import certifi
import httpx
import stripe

from plugins.framework.interface import PaymentGatewayError

DEFAULT_API_BASE = "https://api.stripe.com"
DEFAULT_TIMEOUT_SECONDS = 30.0
PAISA = Decimal(100)
# Stripe's codes for "another request with this key is still running": the outcome is unknown.
UNKNOWN_OUTCOME_STATUSES = frozenset({409})


class StripeRefusal(Exception):
    """Stripe answered and said no (a declined card, a bad request, a bad key)."""

    def __init__(self, message: str, *, code: str = "", http_status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.http_status = http_status


def to_minor_units(amount: Decimal) -> int:
    """Taka to paisa, exactly: 230.05 -> 23005. More than two decimals is refused."""
    paisa = Decimal(amount) * PAISA
    if paisa != paisa.to_integral_value():
        raise ValueError(f"{amount} has more than two decimal places.")
    return int(paisa)


def from_minor_units(paisa: int | str) -> Decimal:
    return (Decimal(str(paisa)) / PAISA).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class PaymentIntentInfo:
    id: str
    status: str
    amount: Decimal
    amount_received: Decimal
    amount_capturable: Decimal
    currency: str  # upper case, as Haat writes it
    capture_method: str
    client_secret: str
    metadata: dict[str, str]
    failure_message: str  # last_payment_error.message, when the last attempt failed

    @property
    def has_failed_attempt(self) -> bool:
        return bool(self.failure_message)


@dataclass(frozen=True)
class RefundInfo:
    id: str
    status: str  # pending, requires_action, succeeded, failed, canceled
    amount: Decimal
    currency: str
    payment_intent: str
    metadata: dict[str, str]


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """Built once: loading the CA bundle takes a good part of a call's time on loopback."""
    return ssl.create_default_context(cafile=certifi.where())


class _HttpxTransport(stripe.HTTPClient):
    """stripe-python's transport on a plain `httpx.Client` (its own HTTPXClient hands httpx the
    body in a deprecated way). Errors become `stripe.APIConnectionError` as in the library."""

    name = "haat-httpx"

    def __init__(self, timeout: float) -> None:
        super().__init__()
        self._client = httpx.Client(timeout=httpx.Timeout(timeout), verify=_tls_context())

    # stripe-python types the body it gets back as str; it is bytes, as in its own clients.
    def request(  # type: ignore[override]
        self,
        method: str,
        url: str,
        headers: Mapping[str, str] | None,
        post_data: Any = None,
        *,
        _usage: list[str] | None = None,
    ) -> tuple[bytes, int, Mapping[str, str]]:
        body = post_data.encode() if isinstance(post_data, str) else post_data
        try:
            response = self._client.request(method, url, headers=headers, content=body)
        except httpx.HTTPError as error:
            raise stripe.APIConnectionError(
                f"Stripe could not be reached ({type(error).__name__}).", should_retry=False
            ) from error
        return response.content, response.status_code, response.headers

    def close(self) -> None:
        self._client.close()


def _metadata(value: Any) -> dict[str, str]:
    return {str(key): str(item) for key, item in dict(value or {}).items()}


def _payment_intent(data: Mapping[str, Any]) -> PaymentIntentInfo:
    try:
        error = data.get("last_payment_error") or {}
        return PaymentIntentInfo(
            id=str(data["id"]),
            status=str(data["status"]),
            amount=from_minor_units(data["amount"]),
            amount_received=from_minor_units(data.get("amount_received") or 0),
            amount_capturable=from_minor_units(data.get("amount_capturable") or 0),
            currency=str(data["currency"]).upper(),
            capture_method=str(data.get("capture_method") or "automatic"),
            client_secret=str(data.get("client_secret") or ""),
            metadata=_metadata(data.get("metadata")),
            failure_message=str(error.get("message") or error.get("code") or ""),
        )
    except (KeyError, TypeError, ValueError, ArithmeticError) as error:
        raise PaymentGatewayError("Stripe's PaymentIntent could not be read.") from error


def _refund(data: Mapping[str, Any]) -> RefundInfo:
    try:
        return RefundInfo(
            id=str(data["id"]),
            status=str(data["status"]),
            amount=from_minor_units(data["amount"]),
            currency=str(data["currency"]).upper(),
            payment_intent=str(data.get("payment_intent") or ""),
            metadata=_metadata(data.get("metadata")),
        )
    except (KeyError, TypeError, ValueError, ArithmeticError) as error:
        raise PaymentGatewayError("Stripe's refund could not be read.") from error


class StripeGatewayClient:
    """One method per Stripe endpoint Haat uses. Close it (or use `with`) when done."""

    def __init__(
        self,
        *,
        secret_key: str,
        api_base: str = DEFAULT_API_BASE,
        timeout: float = DEFAULT_TIMEOUT_SECONDS,
    ) -> None:
        self._transport = _HttpxTransport(timeout)
        self._stripe = stripe.StripeClient(
            secret_key,
            base_addresses={"api": api_base.rstrip("/")},
            http_client=self._transport,
            max_network_retries=0,
        )

    def __enter__(self) -> StripeGatewayClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._transport.close()

    # --- PaymentIntents ----------------------------------------------------------------------

    def create_payment_intent(
        self,
        *,
        amount: Decimal,
        currency: str,
        capture_method: str,
        metadata: dict[str, str],
        idempotency_key: str,
    ) -> PaymentIntentInfo:
        """`POST /v1/payment_intents`; the customer confirms it on the payment page. (No
        `description`: localstripe refuses parameters it does not know.)"""
        params: dict[str, Any] = {
            "amount": to_minor_units(amount),
            "currency": currency.lower(),
            "capture_method": capture_method,
            "metadata": metadata,
        }
        return self._call(
            _payment_intent,
            self._stripe.v1.payment_intents.create,
            params,
            options={"idempotency_key": idempotency_key},
        )

    def retrieve_payment_intent(self, payment_intent_id: str) -> PaymentIntentInfo:
        """`GET /v1/payment_intents/{id}`: Stripe's word on a payment, before crediting it."""
        return self._call(
            _payment_intent, self._stripe.v1.payment_intents.retrieve, payment_intent_id
        )

    def capture_payment_intent(
        self, payment_intent_id: str, *, amount: Decimal, idempotency_key: str
    ) -> PaymentIntentInfo:
        """`POST /v1/payment_intents/{id}/capture` with `amount_to_capture`."""
        return self._call(
            _payment_intent,
            self._stripe.v1.payment_intents.capture,
            payment_intent_id,
            {"amount_to_capture": to_minor_units(amount)},
            options={"idempotency_key": idempotency_key},
        )

    def cancel_payment_intent(
        self, payment_intent_id: str, *, idempotency_key: str
    ) -> PaymentIntentInfo:
        """`POST /v1/payment_intents/{id}/cancel`: releases an uncaptured authorization."""
        return self._call(
            _payment_intent,
            self._stripe.v1.payment_intents.cancel,
            payment_intent_id,
            options={"idempotency_key": idempotency_key},
        )

    # --- Refunds -----------------------------------------------------------------------------

    def create_refund(
        self,
        *,
        payment_intent_id: str,
        amount: Decimal,
        metadata: dict[str, str],
        idempotency_key: str,
    ) -> RefundInfo:
        """`POST /v1/refunds` for part or all of a captured PaymentIntent."""
        params: dict[str, Any] = {
            "payment_intent": payment_intent_id,
            "amount": to_minor_units(amount),
            "metadata": metadata,
        }
        return self._call(
            _refund,
            self._stripe.v1.refunds.create,
            params,
            options={"idempotency_key": idempotency_key},
        )

    def list_refunds(self, payment_intent_id: str) -> list[RefundInfo]:
        """`GET /v1/refunds?payment_intent=...`: the refunds of one payment (up to 100)."""
        page = self._call(
            lambda listing: listing,
            self._stripe.v1.refunds.list,
            {"payment_intent": payment_intent_id, "limit": 100},
        )
        return [_refund(item) for item in page["data"]]

    # --- errors ------------------------------------------------------------------------------

    def _call(self, parse: Any, method: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            answer = method(*args, **kwargs)
        except stripe.APIConnectionError as error:
            raise PaymentGatewayError("Stripe did not answer in time.") from error
        except stripe.StripeError as error:
            status = error.http_status
            if status is None or not 400 <= status < 500 or status in UNKNOWN_OUTCOME_STATUSES:
                raise PaymentGatewayError(
                    f"Stripe failed to answer (HTTP {status or 'no status'})."
                ) from error
            raise StripeRefusal(
                _refusal_message(error), code=_refusal_code(error), http_status=status
            ) from error
        except (AttributeError, KeyError, TypeError, ValueError) as error:
            # stripe-python itself trips over an error body that is not Stripe's envelope.
            raise PaymentGatewayError("Stripe's answer could not be read.") from error
        return parse(answer.to_dict())


def _refusal_message(error: stripe.StripeError) -> str:
    """Stripe's own message, minus any key it may echo (it masks them; we drop the word)."""
    message = str(error.user_message or "Stripe refused the request.")
    return " ".join(word for word in message.split() if not word.startswith(("sk_", "rk_")))


def _refusal_code(error: stripe.StripeError) -> str:
    """Stripe's error code, else its error type (`idempotency_error` has no code)."""
    if error.code:
        return str(error.code)
    body = error.json_body if isinstance(error.json_body, dict) else {}
    return str((body.get("error") or {}).get("type") or "")
