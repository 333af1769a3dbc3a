"""The SSLCommerz v4 HTTP client: one method per endpoint, answers as small dataclasses.

Every call has an explicit timeout (30 s unless configured). A timeout, a dropped connection,
an HTTP error or a body that is not JSON raises `PaymentGatewayError`: the outcome is unknown
and the caller queries later, never repeats a payment. A well-formed refusal (bad credentials,
`APIConnect` other than DONE) raises `SslcommerzRefused`: SSLCommerz did nothing.

The validation, query and refund APIs take the store password in the query string (that is
how SSLCommerz defines them), so httpx's request log is filtered to keep it out of the logs.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import httpx

from plugins.framework.interface import PaymentGatewayError

logger = logging.getLogger(__name__)

SESSION_PATH = "/gwprocess/v4/api.php"
VALIDATION_PATH = "/validator/api/validationserverAPI.php"
MERCHANT_API_PATH = "/validator/api/merchantTransIDvalidationAPI.php"
DEFAULT_TIMEOUT_SECONDS = 30.0
CENT = Decimal("0.01")

_PASSWORD_IN_URL = re.compile(r"(store_passwd=)[^&\s\"']*")


class _RedactStorePassword(logging.Filter):
    """httpx logs each request's URL at INFO: the password in the query string is masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(
                _PASSWORD_IN_URL.sub(r"\1***", str(arg)) if "store_passwd=" in str(arg) else arg
                for arg in args
            )
        return True


logging.getLogger("httpx").addFilter(_RedactStorePassword())


class SslcommerzRefused(PaymentGatewayError):
    """SSLCommerz answered and refused the request: nothing was done."""

    def __init__(self, message: str, *, api_connect: str = "") -> None:
        super().__init__(message)
        self.api_connect = api_connect


def money(value: Decimal) -> str:
    """An amount as SSLCommerz takes it: two decimals."""
    return str(Decimal(value).quantize(CENT))


def parse_amount(value: Any) -> Decimal | None:
    """A gateway amount as Decimal (None when absent or not a number); never through float."""
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return amount if amount.is_finite() else None


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    return "" if value is None else str(value).strip()


def _risk(data: Mapping[str, Any]) -> int:
    try:
        return int(str(data.get("risk_level") or "0").strip())
    except ValueError:
        return 1  # unreadable: treat as risky (held for review), never as safe


@dataclass(frozen=True)
class CheckoutSession:
    """The answer to `api.php`: a payment page, or SSLCommerz's reason for refusing."""

    status: str
    failed_reason: str
    session_key: str
    gateway_page_url: str

    @property
    def is_created(self) -> bool:
        return self.status.upper() == "SUCCESS" and bool(self.gateway_page_url)


@dataclass(frozen=True)
class PaymentRecord:
    """One payment as the validation API or the transaction query reports it."""

    status: str  # VALID, VALIDATED, FAILED, CANCELLED, EXPIRED, UNATTEMPTED, INVALID_TRANSACTION
    tran_id: str
    val_id: str
    amount: Decimal | None
    store_amount: Decimal | None
    currencies: tuple[str, ...]  # `currency_type` and `currency`, where given
    bank_tran_id: str
    risk_level: int
    risk_title: str
    tran_date: str

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> PaymentRecord:
        return cls(
            status=_text(data, "status").upper(),
            tran_id=_text(data, "tran_id"),
            val_id=_text(data, "val_id"),
            amount=parse_amount(data.get("amount")),
            store_amount=parse_amount(data.get("store_amount")),
            currencies=tuple(
                _text(data, key).upper() for key in ("currency_type", "currency") if data.get(key)
            ),
            bank_tran_id=_text(data, "bank_tran_id"),
            risk_level=_risk(data),
            risk_title=_text(data, "risk_title"),
            tran_date=_text(data, "tran_date"),
        )

    @property
    def is_paid(self) -> bool:
        return self.status in ("VALID", "VALIDATED")


@dataclass(frozen=True)
class RefundAnswer:
    """The refund API's or the refund status API's answer (`status` lower-cased)."""

    status: str  # success / processing / failed (refund); refunded / processing / cancelled
    refund_ref_id: str
    bank_tran_id: str
    error_reason: str


@dataclass(frozen=True)
class SslcommerzClient:
    """One store's credentials at one SSLCommerz host (sandbox, live or the simulator)."""

    base_url: str
    store_id: str
    store_password: str
    timeout: float = DEFAULT_TIMEOUT_SECONDS

    def __repr__(self) -> str:  # never the password
        return f"SslcommerzClient({self.base_url!r}, store_id={self.store_id!r})"

    # --- endpoints -----------------------------------------------------------------------------

    def create_session(self, fields: Mapping[str, str]) -> CheckoutSession:
        """POST `api.php`: a hosted payment page for the payment `fields` describe."""
        form = {"store_id": self.store_id, "store_passwd": self.store_password, **fields}
        data = self._call("POST", SESSION_PATH, data=form)
        return CheckoutSession(
            status=_text(data, "status"),
            failed_reason=_text(data, "failedreason"),
            session_key=_text(data, "sessionkey"),
            gateway_page_url=_text(data, "GatewayPageURL"),
        )

    def validate(self, val_id: str) -> PaymentRecord:
        """GET the validation API: SSLCommerz's own word on the payment with this `val_id`."""
        data = self._call(
            "GET", VALIDATION_PATH, params={"val_id": val_id, "v": "1", "format": "json"}
        )
        if not data.get("status"):
            raise self._refused(data, "validation")
        return PaymentRecord.parse(data)

    def query(self, *, tran_id: str = "", session_key: str = "") -> list[PaymentRecord]:
        """GET the transaction query API: every attempt at paying `tran_id` (or a session)."""
        params = {"tran_id": tran_id} if tran_id else {"sessionkey": session_key}
        data = self._call("GET", MERCHANT_API_PATH, params={**params, "format": "json"})
        self._require_connected(data, "transaction query")
        elements = data.get("element") or []
        if not isinstance(elements, list):
            raise PaymentGatewayError("SSLCommerz's transaction query had no list of elements.")
        return [PaymentRecord.parse(item) for item in elements if isinstance(item, dict)]

    def refund(
        self, *, bank_tran_id: str, amount: Decimal, remarks: str, reference: str
    ) -> RefundAnswer:
        """GET the refund API: give `amount` of the payment `bank_tran_id` back."""
        params = {
            "bank_tran_id": bank_tran_id,
            "refund_amount": money(amount),
            "refund_remarks": remarks,
            "refe_id": reference,
            "v": "1",
            "format": "json",
        }
        data = self._call("GET", MERCHANT_API_PATH, params=params)
        self._require_connected(data, "refund")
        return self._refund_answer(data)

    def refund_status(self, refund_ref_id: str) -> RefundAnswer:
        """GET the refund status API for a refund SSLCommerz said it was processing."""
        data = self._call(
            "GET", MERCHANT_API_PATH, params={"refund_ref_id": refund_ref_id, "format": "json"}
        )
        self._require_connected(data, "refund status")
        return self._refund_answer(data)

    # --- plumbing ------------------------------------------------------------------------------

    @staticmethod
    def _refund_answer(data: Mapping[str, Any]) -> RefundAnswer:
        return RefundAnswer(
            status=_text(data, "status").lower(),
            refund_ref_id=_text(data, "refund_ref_id"),
            bank_tran_id=_text(data, "bank_tran_id"),
            error_reason=_text(data, "errorReason"),
        )

    @staticmethod
    def _refused(data: Mapping[str, Any], what: str) -> SslcommerzRefused:
        api_connect = _text(data, "APIConnect")
        reason = _text(data, "errorReason") or _text(data, "failedreason")
        detail = f": {reason}" if reason else ""
        return SslcommerzRefused(
            f"SSLCommerz refused the {what} (APIConnect {api_connect or 'missing'}){detail}.",
            api_connect=api_connect,
        )

    def _require_connected(self, data: Mapping[str, Any], what: str) -> None:
        if _text(data, "APIConnect").upper() != "DONE":
            raise self._refused(data, what)

    def _call(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        data: Mapping[str, str] | None = None,
    ) -> dict[str, Any]:
        credentials = {"store_id": self.store_id, "store_passwd": self.store_password}
        query = {**params, **credentials} if params is not None else None
        try:
            with httpx.Client(
                base_url=self.base_url.rstrip("/"), timeout=httpx.Timeout(self.timeout)
            ) as http:
                response = http.request(method, path, params=query, data=data)
        except httpx.TimeoutException:
            raise PaymentGatewayError(
                f"SSLCommerz did not answer {path} within {self.timeout:g} s."
            ) from None
        except httpx.HTTPError as error:
            raise PaymentGatewayError(
                f"SSLCommerz could not be reached at {path} ({type(error).__name__})."
            ) from None
        if response.status_code != 200:
            raise PaymentGatewayError(
                f"SSLCommerz answered {path} with HTTP {response.status_code}."
            )
        try:
            body = json.loads(response.content, parse_float=Decimal)
        except ValueError:
            raise PaymentGatewayError(
                f"SSLCommerz answered {path} with something that is not JSON."
            ) from None
        if not isinstance(body, dict):
            raise PaymentGatewayError(f"SSLCommerz answered {path} with an unexpected body.")
        return body
