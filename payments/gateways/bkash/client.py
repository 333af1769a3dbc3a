"""bKash Tokenized Checkout (v1.2.0-beta) over HTTP: one method per endpoint.

Every call has an explicit timeout (bKash asks for 30 s). A timeout, a dropped connection, a
5xx or an answer that is not JSON raises `PaymentGatewayError`: the outcome is unknown, so the
caller queries and never repeats a create or a refund. A well-formed refusal raises
`BkashRefusal` with bKash's code. Calls other than the token's carry the shared id_token (raw,
as bKash's own plugin sends it) and the app key; a 401 or an invalid-token answer gets one new
grant and one retry.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit

import httpx

from plugins.framework.interface import PaymentGatewayError

from .tokens import GrantedToken, TokenRefused, TokenStore, store_key

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT_SECONDS = 30.0
SUCCESS = "0000"
# "Already completed" in its several forms: the first execute (or capture) went through and its
# answer was lost. Never a failure: query to learn the outcome.
ALREADY_COMPLETED_CODES = frozenset({"2062", "2068", "2116", "2117", "2119"})
# The app token is no longer accepted (refund API's 2079): the same cure as an HTTP 401.
INVALID_TOKEN_CODES = frozenset({"2079"})
REFUND_PATH = "/v2/tokenized-checkout/refund/payment/transaction"
REFUND_STATUS_PATH = "/v2/tokenized-checkout/refund/payment/status"


class BkashRefusal(Exception):
    """bKash understood the request and said no (statusCode other than "0000", an error
    envelope, an HTTP 4xx)."""

    def __init__(self, code: str, message: str, *, http_status: int = 200) -> None:
        super().__init__(f"bKash {code}: {message}")
        self.code = code
        self.message = message
        self.http_status = http_status

    @property
    def already_completed(self) -> bool:
        return self.code in ALREADY_COMPLETED_CODES


class _Unauthorized(Exception):
    """The token was refused: replace it and try once more."""


@dataclass(frozen=True)
class BkashCredentials:
    """Where bKash is and who Haat is there. The secrets never show in a repr."""

    base_url: str  # https://tokenized.pay.bka.sh/v1.2.0-beta/tokenized/checkout
    username: str
    password: str = field(repr=False)
    app_key: str
    app_secret: str = field(repr=False)
    # Origin of the refund API (v2 lives on the host root); empty: the base URL's origin.
    refund_base_url: str = ""
    timeout: float = DEFAULT_TIMEOUT_SECONDS

    @property
    def refund_root(self) -> str:
        if self.refund_base_url:
            return self.refund_base_url.rstrip("/")
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}"


@dataclass(frozen=True)
class BkashPayment:
    """A payment as create, execute, query, capture or void describe it."""

    payment_id: str
    status: str  # transactionStatus: Initiated, Completed, Authorized, Cancelled, Failed...
    amount: Decimal | None
    currency: str
    merchant_invoice: str
    intent: str
    trx_id: str = ""
    bkash_url: str = ""
    max_refundable: Decimal | None = None


@dataclass(frozen=True)
class BkashRefund:
    refund_trx_id: str
    status: str  # refundTransactionStatus: Completed, ...
    amount: Decimal
    original_trx_id: str = ""
    currency: str = "BDT"


@dataclass(frozen=True)
class BkashRefundStatus:
    original_trx_id: str
    original_amount: Decimal | None
    refunds: tuple[BkashRefund, ...]


def _amount(value: Any, name: str) -> Decimal:
    if value is None or value == "":
        raise PaymentGatewayError(f"bKash's answer has no {name}.")
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise PaymentGatewayError(f"bKash's {name} {value!r} is not an amount.") from None
    if not amount.is_finite():
        raise PaymentGatewayError(f"bKash's {name} {value!r} is not an amount.")
    return amount


def _optional_amount(value: Any, name: str) -> Decimal | None:
    return None if value is None or value == "" else _amount(value, name)


def _text(body: dict[str, Any], *names: str) -> str:
    for name in names:
        value = body.get(name)
        if value not in (None, ""):
            return str(value)
    return ""


def _payment(body: dict[str, Any], *, amount_required: bool = True) -> BkashPayment:
    payment_id = _text(body, "paymentID", "paymentId")
    if not payment_id:
        raise PaymentGatewayError("bKash's answer names no paymentID.")
    return BkashPayment(
        payment_id=payment_id,
        status=_text(body, "transactionStatus"),
        amount=_amount(body.get("amount"), "amount")
        if amount_required
        else _optional_amount(body.get("amount"), "amount"),
        currency=_text(body, "currency"),
        # Query answers with `merchantInvoice` according to one source: read both.
        merchant_invoice=_text(body, "merchantInvoiceNumber", "merchantInvoice"),
        intent=_text(body, "intent"),
        trx_id=_text(body, "trxID", "trxId"),
        bkash_url=_text(body, "bkashURL"),
        max_refundable=_optional_amount(body.get("maxRefundableAmount"), "maxRefundableAmount"),
    )


def _refund(body: dict[str, Any]) -> BkashRefund:
    refund_trx_id = _text(body, "refundTrxId", "refundTrxID")
    if not refund_trx_id:
        raise PaymentGatewayError("bKash's refund answer names no refundTrxId.")
    return BkashRefund(
        refund_trx_id=refund_trx_id,
        status=_text(body, "refundTransactionStatus", "transactionStatus"),
        amount=_amount(body.get("refundAmount", body.get("amount")), "refundAmount"),
        original_trx_id=_text(body, "originalTrxId", "originalTrxID"),
        currency=_text(body, "currency") or "BDT",
    )


def _refusal_in(body: dict[str, Any], http_status: int) -> BkashRefusal | None:
    """bKash's refusal in any of its envelopes, or None for a success."""
    if "statusCode" in body:
        code = str(body["statusCode"])
        if code == SUCCESS:
            return None
        return BkashRefusal(
            code, _text(body, "statusMessage") or "refused", http_status=http_status
        )
    if "errorCode" in body:
        return BkashRefusal(
            str(body["errorCode"]),
            _text(body, "errorMessage") or "refused",
            http_status=http_status,
        )
    if "externalCode" in body or "internalCode" in body:  # the refund API's envelope
        return BkashRefusal(
            _text(body, "externalCode", "internalCode"),
            _text(body, "errorMessageEn", "errorMessage") or "refused",
            http_status=http_status,
        )
    if http_status >= 400:  # the API gateway's {"message": "Invalid request body"}
        return BkashRefusal(
            str(http_status), _text(body, "message") or "refused", http_status=http_status
        )
    return None


class BkashClient:
    """One bKash app's API. Use as a context manager (it holds an HTTP connection pool)."""

    def __init__(
        self,
        credentials: BkashCredentials,
        *,
        tokens: TokenStore | None = None,
        http: httpx.Client | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.credentials = credentials
        self.base_url = credentials.base_url.rstrip("/")
        self._http = http or httpx.Client(timeout=credentials.timeout, follow_redirects=False)
        self.tokens = tokens or TokenStore(
            store_key(self.base_url, credentials.username, credentials.app_key),
            grant=self.grant_token,
            refresh=self.refresh_token,
            clock=clock,
        )

    def __enter__(self) -> BkashClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    # --- token ---------------------------------------------------------------------------------

    def grant_token(self) -> GrantedToken:
        """`token/grant`: a new id_token (the store calls this; use `tokens.token()`)."""
        body = {"app_key": self.credentials.app_key, "app_secret": self.credentials.app_secret}
        try:
            answer = self._post(f"{self.base_url}/token/grant", body, self._token_headers())
        except (BkashRefusal, _Unauthorized) as error:
            # Wrong credentials: a configuration problem, not an answer about a payment.
            raise PaymentGatewayError(f"bKash refused Haat's credentials ({error}).") from None
        return self._granted(answer)

    def refresh_token(self, refresh_token: str) -> GrantedToken:
        """`token/refresh`: a new id_token for the refresh token (limited to two an hour)."""
        body = {
            "app_key": self.credentials.app_key,
            "app_secret": self.credentials.app_secret,
            "refresh_token": refresh_token,
        }
        try:
            answer = self._post(f"{self.base_url}/token/refresh", body, self._token_headers())
        except (BkashRefusal, _Unauthorized) as error:
            raise TokenRefused(str(error)) from None
        return self._granted(answer)

    def _token_headers(self) -> dict[str, str]:
        return {
            "Accept": "application/json",
            "username": self.credentials.username,
            "password": self.credentials.password,
        }

    @staticmethod
    def _granted(answer: dict[str, Any]) -> GrantedToken:
        id_token = _text(answer, "id_token")
        if not id_token:
            raise PaymentGatewayError("bKash's token answer has no id_token.")
        try:
            expires_in = int(answer.get("expires_in") or 3600)
        except (TypeError, ValueError):
            expires_in = 3600
        return GrantedToken(
            id_token=id_token,
            refresh_token=_text(answer, "refresh_token"),
            expires_in=expires_in,
        )

    # --- payments ------------------------------------------------------------------------------

    def create_payment(
        self,
        *,
        amount: Decimal,
        merchant_invoice: str,
        callback_url: str,
        payer_reference: str,
        intent: str = "sale",
    ) -> BkashPayment:
        """`create` (mode 0011, a checkout without an agreement): the payment and its page."""
        body = {
            "mode": "0011",
            "payerReference": payer_reference,
            "callbackURL": callback_url,
            "amount": f"{amount:.2f}",
            "currency": "BDT",
            "intent": intent,
            "merchantInvoiceNumber": merchant_invoice,
        }
        payment = _payment(self._authorized("create", body), amount_required=False)
        if not payment.bkash_url:
            raise PaymentGatewayError("bKash's create answer has no bkashURL.")
        return payment

    def execute_payment(self, payment_id: str) -> BkashPayment:
        """`execute`: take the money the customer authorized on bKash's page."""
        return _payment(self._authorized("execute", {"paymentID": payment_id}))

    def query_payment(self, payment_id: str) -> BkashPayment:
        """`payment/status`: what bKash knows of the payment (the only word that credits)."""
        return _payment(self._authorized("payment/status", {"paymentID": payment_id}))

    def capture_payment(self, payment_id: str) -> BkashPayment:
        """`payment/confirm/capture`: charge an authorization (intent "authorization")."""
        return _payment(self._authorized("payment/confirm/capture", {"paymentID": payment_id}))

    def void_payment(self, payment_id: str) -> BkashPayment:
        """`payment/confirm/void`: release an authorization."""
        return _payment(self._authorized("payment/confirm/void", {"paymentID": payment_id}))

    # --- refunds (v2, on the host root) --------------------------------------------------------

    def refund(
        self, *, payment_id: str, trx_id: str, amount: Decimal, sku: str, reason: str
    ) -> BkashRefund:
        """Refund `amount` of a completed payment (up to ten partial refunds)."""
        body = {
            "paymentId": payment_id,
            "trxId": trx_id,
            "refundAmount": f"{amount:.2f}",
            "sku": sku,
            "reason": reason,
        }
        return _refund(self._authorized(REFUND_PATH, body, root=self.credentials.refund_root))

    def refund_status(self, *, payment_id: str, trx_id: str) -> BkashRefundStatus:
        """The refunds made of a payment: the answer to a refund that timed out."""
        body = {"paymentId": payment_id, "trxId": trx_id}
        answer = self._authorized(REFUND_STATUS_PATH, body, root=self.credentials.refund_root)
        refunds = answer.get("refundTransactions") or []
        if not isinstance(refunds, list):
            raise PaymentGatewayError("bKash's refund status is not understood.")
        return BkashRefundStatus(
            original_trx_id=_text(answer, "originalTrxId", "originalTrxID"),
            original_amount=_optional_amount(answer.get("originalTrxAmount"), "originalTrxAmount"),
            refunds=tuple(_refund(item) for item in refunds if isinstance(item, dict)),
        )

    # --- HTTP ----------------------------------------------------------------------------------

    def _authorized(
        self, path: str, body: dict[str, Any], *, root: str | None = None
    ) -> dict[str, Any]:
        url = f"{root}{path}" if root is not None else f"{self.base_url}/{path}"
        token = self.tokens.token()
        try:
            return self._post(url, body, self._headers(token), token_checked=True)
        except _Unauthorized:
            token = self.tokens.replace(token)
        try:
            return self._post(url, body, self._headers(token), token_checked=True)
        except _Unauthorized:
            raise PaymentGatewayError("bKash rejected a freshly granted token.") from None

    def _headers(self, token: str) -> dict[str, str]:
        return {
            "Accept": "application/json",
            "authorization": token,
            "x-app-key": self.credentials.app_key,
        }

    def _post(
        self,
        url: str,
        body: dict[str, Any],
        headers: dict[str, str],
        *,
        token_checked: bool = False,
    ) -> dict[str, Any]:
        name = urlsplit(url).path.rsplit("/tokenized/checkout/", 1)[-1]
        try:
            response = self._http.post(
                url, json=body, headers=headers, timeout=self.credentials.timeout
            )
        except httpx.TimeoutException:
            raise PaymentGatewayError(
                f"bKash did not answer {name} within {self.credentials.timeout} s."
            ) from None
        except httpx.HTTPError as error:
            raise PaymentGatewayError(
                f"bKash could not be reached for {name} ({type(error).__name__})."
            ) from None
        logger.info("bKash %s answered HTTP %s", name, response.status_code)
        if response.status_code in (401, 403):
            raise _Unauthorized
        if response.status_code >= 500:
            raise PaymentGatewayError(f"bKash answered {name} with HTTP {response.status_code}.")
        try:
            answer = response.json()
        except ValueError:
            raise PaymentGatewayError(f"bKash's answer to {name} is not JSON.") from None
        if not isinstance(answer, dict):
            raise PaymentGatewayError(f"bKash's answer to {name} is not understood.")
        refusal = _refusal_in(answer, response.status_code)
        if refusal is not None:
            if token_checked and refusal.code in INVALID_TOKEN_CODES:
                raise _Unauthorized
            logger.info("bKash %s refused: %s", name, refusal.code)
            raise refusal
        return answer
